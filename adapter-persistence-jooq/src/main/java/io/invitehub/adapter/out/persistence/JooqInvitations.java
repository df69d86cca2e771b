package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.InvitationsRecord;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.UpdateSetMoreStep;
import org.jooq.exception.DataAccessException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.invitehub.adapter.out.persistence.JooqInvitations.SEAT_HOLDING;
import static io.invitehub.adapter.out.persistence.JooqInvitations.WAITING;
import static io.invitehub.adapter.out.persistence.JooqInvitations.inQueue;
import static io.invitehub.adapter.out.persistence.JooqInvitations.toDomain;
import static io.invitehub.adapter.out.persistence.generated.Sequences.INVITATION_QUEUE_SEQ;
import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.REDEEM_CODES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;

/**
 * Invitations in PostgreSQL: create, read, and apply the transitions {@code Invitation} computes, each a
 * conditional update that one caller wins. The queue, the outbox and removal claims are their own adapters.
 */
final class JooqInvitations implements Invitations {
    // States are rendered as literals, never bound: a server-side prepared statement may run a generic
    // plan, which cannot use a partial index (WHERE state = 'WAITING', …) for a bound "state = $1" and
    // falls back to scanning every invitation (ADR 23).
    static final List<Field<String>> OPEN = InvitationState.open().stream().<Field<String>>map(s -> inline(s.name())).toList();

    static final List<Field<String>> SEAT_HOLDING = InvitationState.seatHolding().stream().<Field<String>>map(s -> inline(s.name())).toList();

    static final Field<String> WAITING = inline(InvitationState.WAITING.name());
    /**
     * The advisory lock class of one waiting queue (its group id, or 0 for the ungrouped queue, through
     * {@code hashtext}): WAITING invitations of a queue are created one at a time (ADR 14, ADR 28).
     */
    static final int QUEUE_LOCK_CLASS = 0x5157; // "QW"

    private final DSLContext dsl;
    /** The redemption's statements, rendered once (ADR 59): open invitations of an e-mail, a new seated invitation. */
    private final RenderedStatement openOfEmail;
    private final RenderedStatement createSeated;

    JooqInvitations(DSLContext dsl) {
        this.dsl = dsl;
        org.jooq.Param<String> email = DSL.param("email", INVITATIONS.EMAIL.getDataType());
        // one statement, each branch over its own partial index (invitations_open_email_key,
        // invitations_open_rebind_email_idx)
        this.openOfEmail = RenderedStatement.of(dsl, dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.EMAIL.eq(email)).and(INVITATIONS.STATE.in(OPEN)).and(INVITATIONS.IS_REBIND.isFalse())
                .unionAll(dsl.selectFrom(INVITATIONS)
                        .where(INVITATIONS.EMAIL.eq(email)).and(INVITATIONS.STATE.in(OPEN)).and(INVITATIONS.IS_REBIND.isTrue()))
                .orderBy(INVITATIONS.ID.desc()), "email");
        org.jooq.Param<OffsetDateTime> now = DSL.param("now", INVITATIONS.CREATED_AT.getDataType());
        this.createSeated = RenderedStatement.of(dsl, dsl.insertInto(INVITATIONS)
                .set(INVITATIONS.CODE_ID, DSL.param("code_id", INVITATIONS.CODE_ID.getDataType()))
                .set(INVITATIONS.DISTRIBUTOR_ID, DSL.param("distributor_id", INVITATIONS.DISTRIBUTOR_ID.getDataType()))
                .set(INVITATIONS.TEAM_ID, DSL.param("team_id", INVITATIONS.TEAM_ID.getDataType()))
                .set(INVITATIONS.EMAIL, email)
                .set(INVITATIONS.STATE, DSL.param("state", INVITATIONS.STATE.getDataType()))
                .set(INVITATIONS.IS_REBIND, DSL.param("is_rebind", INVITATIONS.IS_REBIND.getDataType()))
                .set(INVITATIONS.HOLDS_USE, DSL.param("holds_use", INVITATIONS.HOLDS_USE.getDataType()))
                .set(INVITATIONS.QUEUE_SEQ, (Long) null)
                .set(INVITATIONS.QUEUE_GROUP_ID, inline((Long) null))
                .set(INVITATIONS.NEXT_ATTEMPT_AT, now)
                .set(INVITATIONS.CREATED_AT, now)
                .set(INVITATIONS.UPDATED_AT, now)
                .returning(),
                "code_id", "distributor_id", "team_id", "email", "state", "is_rebind", "holds_use", "now");
    }

    @Override
    public Invitation create(NewInvitation n) {
        boolean waiting = n.state() == InvitationState.WAITING;
        OffsetDateTime now = Rows.at(n.now());
        if (waiting) {
            // the queue's lock until commit: WAITING invitations of one queue are created one after the
            // other, so queue_seq order is commit order and the position counted before this commit is
            // still true after it — no uncommitted waiter of the queue can be ahead of this one (ADR 14).
            // Nothing is locked after it, so it closes no cycle (ADR 28).
            dsl.fetch("select pg_advisory_xact_lock(?, hashtext(coalesce((select c.group_id from redeem_codes c"
                    + " where c.id = ?), 0)::text))", QUEUE_LOCK_CLASS, n.codeId().value());
        }
        try {
            InvitationsRecord r = !waiting
                    ? createSeated.resultQuery(dsl, INVITATIONS, n.codeId().value(), n.distributorId().map(UserId::value).orElse(null),
                            n.teamId().map(TeamId::value).orElse(null), n.email().value(), n.state().name(), n.rebind(), n.holdsUse(), now)
                    .fetchSingle()
                    : dsl.insertInto(INVITATIONS)
                    .set(INVITATIONS.CODE_ID, n.codeId().value())
                    .set(INVITATIONS.DISTRIBUTOR_ID, n.distributorId().map(UserId::value).orElse(null))
                    .set(INVITATIONS.TEAM_ID, n.teamId().map(TeamId::value).orElse(null))
                    .set(INVITATIONS.EMAIL, n.email().value())
                    .set(INVITATIONS.STATE, n.state().name())
                    .set(INVITATIONS.IS_REBIND, n.rebind())
                    .set(INVITATIONS.HOLDS_USE, n.holdsUse())
                    .set(INVITATIONS.QUEUE_SEQ, waiting ? INVITATION_QUEUE_SEQ.nextval() : null)
                    .set(INVITATIONS.QUEUE_GROUP_ID, waiting
                            ? select(REDEEM_CODES.GROUP_ID).from(REDEEM_CODES).where(REDEEM_CODES.ID.eq(n.codeId().value())).asField()
                            : inline((Long) null))
                    .set(INVITATIONS.NEXT_ATTEMPT_AT, waiting ? null : now)
                    .set(INVITATIONS.CREATED_AT, now)
                    .set(INVITATIONS.UPDATED_AT, now)
                    .returning()
                    .fetchSingle();
            return toDomain(r);
        } catch (DataAccessException e) {
            throw Rows.uniqueViolation(e,
                    Rows.refusal("invitations_live_team_email_key", ErrorCode.ALREADY_MEMBER,
                            "This e-mail already holds a seat in that team."),
                    Rows.refusal("invitations_open_email_key", ErrorCode.ALREADY_MEMBER,
                            "This e-mail already holds a seat (or a place in the queue) through another code."));
        }
    }

    @Override
    public Optional<Invitation> findById(InvitationId id) {
        return dsl.selectFrom(INVITATIONS).where(INVITATIONS.ID.eq(id.value())).fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public List<Invitation> lockAll(java.util.Collection<InvitationId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // ORDER BY before FOR UPDATE: the rows are locked in ascending id order (ADR 28)
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.ID.in(ids.stream().map(InvitationId::value).distinct().toList()))
                .orderBy(INVITATIONS.ID)
                .forUpdate()
                .fetch(JooqInvitations::toDomain);
    }

    @Override
    public Optional<Invitation> findByPublicId(UUID publicId) {
        return dsl.selectFrom(INVITATIONS).where(INVITATIONS.PUBLIC_ID.eq(publicId)).fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public Optional<Invitation> findOpen(RedeemCodeId code, Email email) {
        return latest(INVITATIONS.CODE_ID.eq(code.value()).and(INVITATIONS.EMAIL.eq(email.value())).and(INVITATIONS.STATE.in(OPEN)));
    }

    @Override
    public List<Invitation> openOfEmail(Email email) {
        return openOfEmail.resultQuery(dsl, INVITATIONS, email.value()).fetch(JooqInvitations::toDomain);
    }

    @Override
    public Optional<Invitation> findLatest(RedeemCodeId code, Email email) {
        return latest(INVITATIONS.CODE_ID.eq(code.value()).and(INVITATIONS.EMAIL.eq(email.value())));
    }

    /** The newest invitation that {@code where} selects. */
    private Optional<Invitation> latest(Condition where) {
        return dsl.selectFrom(INVITATIONS).where(where).orderBy(INVITATIONS.ID.desc()).limit(1)
                .fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public Optional<Long> queuePosition(InvitationId id) {
        Optional<Record2<Long, Long>> mine = dsl.select(INVITATIONS.QUEUE_SEQ, INVITATIONS.QUEUE_GROUP_ID).from(INVITATIONS)
                .where(INVITATIONS.ID.eq(id.value())).and(INVITATIONS.STATE.eq(WAITING))
                .fetchOptional();
        // one index range of invitations_waiting_queue_idx (queue_group_id, queue_seq)
        return mine.map(m -> (long) dsl.fetchCount(INVITATIONS, INVITATIONS.STATE.eq(WAITING)
                .and(inQueue(Optional.ofNullable(m.value2()).map(TeamGroupId::new)))
                .and(INVITATIONS.QUEUE_SEQ.le(m.value1()))));
    }

    static Condition inQueue(Optional<TeamGroupId> group) {
        return group.map(g -> INVITATIONS.QUEUE_GROUP_ID.eq(g.value())).orElse(INVITATIONS.QUEUE_GROUP_ID.isNull());
    }

    @Override
    public List<Invitation> seatHolders(TeamId team) {
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.TEAM_ID.eq(team.value())).and(INVITATIONS.STATE.in(SEAT_HOLDING))
                .orderBy(INVITATIONS.ID)
                .fetch(JooqInvitations::toDomain);
    }

    @Override
    public Optional<Invitation> findSeatHolder(TeamId team, Email email) {
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.TEAM_ID.eq(team.value()))
                .and(INVITATIONS.EMAIL.eq(email.value()))
                .and(INVITATIONS.STATE.in(SEAT_HOLDING))
                .limit(1)
                .fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public Optional<Invitation> findLatestInTeam(TeamId team, Email email) {
        return latest(INVITATIONS.TEAM_ID.eq(team.value()).and(INVITATIONS.EMAIL.eq(email.value())));
    }

    @Override
    public Optional<Invitation> apply(InvitationChange change) {
        if (change.entersOutbox()) {
            throw new IllegalArgumentException("RESERVED takes a seat: WaitingQueue.promote applies it");
        }
        return apply(dsl, change, noCondition());
    }

    /**
     * One conditional update: {@code change} (computed by {@code Invitation}) while the invitation is still in
     * {@code change.from()} and {@code fence} holds. The first invite and accept times keep their first value
     * (a return from REMOVING does not move them); entering RESERVED makes it due at once, any other state takes
     * it out of the dispatch outbox.
     */
    static Optional<Invitation> apply(DSLContext dsl, InvitationChange change, Condition fence) {
        return applyAll(dsl, change, INVITATIONS.ID.eq(change.id().value()), fence).stream().findFirst();
    }

    /**
     * {@code change}'s columns (everything but its id) set on every row {@code which} selects that is still in
     * {@code change.from()} and matches {@code fence}, in one statement; the rows that moved.
     */
    static List<Invitation> applyAll(DSLContext dsl, InvitationChange change, Condition which, Condition fence) {
        OffsetDateTime at = Rows.at(change.at());
        UpdateSetMoreStep<InvitationsRecord> update = dsl.update(INVITATIONS)
                .set(INVITATIONS.STATE, change.to().name())
                .set(INVITATIONS.UPDATED_AT, at);
        if (change.seatIn().isPresent()) {
            update = update.set(INVITATIONS.TEAM_ID, change.seatIn().get().value());
        }
        if (change.recordsInvitedAt()) {
            update = update.set(INVITATIONS.INVITED_AT, coalesce(INVITATIONS.INVITED_AT, at));
        }
        if (change.recordsAcceptedAt()) {
            update = update.set(INVITATIONS.ACCEPTED_AT, coalesce(INVITATIONS.ACCEPTED_AT, at));
        }
        if (change.ends()) {
            update = update.set(INVITATIONS.ENDED_AT, at).set(INVITATIONS.END_REASON, change.endReason().orElse(null));
        }
        if (change.entersOutbox()) {
            update = update.set(INVITATIONS.NEXT_ATTEMPT_AT, at);
        } else if (change.leavesOutbox()) {
            update = update.setNull(INVITATIONS.NEXT_ATTEMPT_AT);
        }
        return update.where(which).and(INVITATIONS.STATE.eq(inline(change.from().name()))).and(fence)
                .returning().fetch(JooqInvitations::toDomain);
    }

    static Invitation toDomain(InvitationsRecord r) {
        return Invitation.restore(new InvitationId(r.getId()), r.getPublicId(), new RedeemCodeId(r.getCodeId()),
                r.getDistributorId() == null ? null : new UserId(r.getDistributorId()),
                r.getTeamId() == null ? null : new TeamId(r.getTeamId()),
                Email.of(r.getEmail()), InvitationState.valueOf(r.getState()), r.getIsRebind(), r.getQueueSeq(),
                r.getAttempts(), r.getLastError(), r.getEndReason(), Rows.instant(r.getCreatedAt()),
                Rows.instant(r.getInvitedAt()), Rows.instant(r.getAcceptedAt()), Rows.instant(r.getEndedAt()));
    }
}
