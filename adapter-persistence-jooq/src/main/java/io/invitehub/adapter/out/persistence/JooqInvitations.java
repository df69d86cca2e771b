package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.InvitationsRecord;
import io.invitehub.adapter.out.persistence.generated.tables.Invitations;
import io.invitehub.application.port.out.DispatchClaim;
import io.invitehub.application.port.out.NewInvitation;
import io.invitehub.application.port.out.RemovalClaim;
import io.invitehub.application.port.out.RemovalFailure;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.UpdateSetMoreStep;
import org.jooq.exception.DataAccessException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.invitehub.adapter.out.persistence.generated.Sequences.INVITATION_QUEUE_SEQ;
import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAMS;
import static io.invitehub.adapter.out.persistence.generated.Tables.REDEEM_CODES;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAM_GROUPS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

/** Invitations in PostgreSQL. Every state change is a conditional update that one caller wins. */
final class JooqInvitations implements io.invitehub.application.port.out.Invitations {
    // States are rendered as literals, never bound: a server-side prepared statement may run a generic
    // plan, which cannot use a partial index (WHERE state = 'WAITING', …) for a bound "state = $1" and
    // falls back to scanning every invitation (ADR 23).
    private static final List<Field<String>> OPEN = InvitationState.open().stream().<Field<String>>map(s -> inline(s.name())).toList();
    private static final List<Field<String>> SEAT_HOLDING = InvitationState.seatHolding().stream().<Field<String>>map(s -> inline(s.name())).toList();
    /** The columns a removal claim sets (the FROM state is the row's state before the update). */
    private static final String CLAIM_SET = "state = 'REMOVING', removal_from = i.state, removal_kind = ?,"
            + " removal_started_at = cast(? as timestamptz), removal_due_at = cast(? as timestamptz), removal_attempts = 0,"
            + " removal_error = null, updated_at = cast(? as timestamptz)";
    private static final Field<String> WAITING = inline(InvitationState.WAITING.name());
    /** The transaction-level advisory lock that serialises promoters across all nodes. */
    private static final int PROMOTER_LOCK_CLASS = 0x5155; // "QU"
    private static final int PROMOTER_LOCK_KEY = 1;
    /**
     * The advisory lock class of one waiting queue (its group id, or 0 for the ungrouped queue, through
     * {@code hashtext}): WAITING invitations of a queue are created one at a time (ADR 14, ADR 28).
     */
    static final int QUEUE_LOCK_CLASS = 0x5157; // "QW"

    private final DSLContext dsl;

    JooqInvitations(DSLContext dsl) {
        this.dsl = dsl;
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
            InvitationsRecord r = dsl.insertInto(INVITATIONS)
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
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.CODE_ID.eq(code.value()))
                .and(INVITATIONS.EMAIL.eq(email.value()))
                .and(INVITATIONS.STATE.in(OPEN))
                .orderBy(INVITATIONS.ID.desc())
                .limit(1)
                .fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public Optional<Invitation> findOpenForOtherCode(Email email, RedeemCodeId code) {
        // two lookups, each over its own partial index (invitations_open_email_key, invitations_open_rebind_email_idx)
        Optional<Invitation> plain = openOfEmail(email, code, false);
        return plain.isPresent() ? plain : openOfEmail(email, code, true);
    }

    private Optional<Invitation> openOfEmail(Email email, RedeemCodeId code, boolean rebind) {
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.EMAIL.eq(email.value()))
                .and(INVITATIONS.STATE.in(OPEN))
                .and(rebind ? INVITATIONS.IS_REBIND.isTrue() : INVITATIONS.IS_REBIND.isFalse())
                .and(INVITATIONS.CODE_ID.ne(code.value()))
                .limit(1)
                .fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public List<Invitation> openOfEmail(Email email) {
        // one statement, each branch over its own partial index (invitations_open_email_key,
        // invitations_open_rebind_email_idx)
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.EMAIL.eq(email.value())).and(INVITATIONS.STATE.in(OPEN)).and(INVITATIONS.IS_REBIND.isFalse())
                .unionAll(dsl.selectFrom(INVITATIONS)
                        .where(INVITATIONS.EMAIL.eq(email.value())).and(INVITATIONS.STATE.in(OPEN)).and(INVITATIONS.IS_REBIND.isTrue()))
                .orderBy(INVITATIONS.ID.desc())
                .fetch(JooqInvitations::toDomain);
    }

    @Override
    public Optional<Invitation> findLatest(RedeemCodeId code, Email email) {
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.CODE_ID.eq(code.value()))
                .and(INVITATIONS.EMAIL.eq(email.value()))
                .orderBy(INVITATIONS.ID.desc())
                .limit(1)
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

    private static Condition inQueue(Optional<TeamGroupId> group) {
        return group.map(g -> INVITATIONS.QUEUE_GROUP_ID.eq(g.value())).orElse(INVITATIONS.QUEUE_GROUP_ID.isNull());
    }

    @Override
    public boolean anyWaiting(Optional<TeamGroupId> group) {
        return dsl.fetchExists(INVITATIONS, INVITATIONS.STATE.eq(WAITING).and(inQueue(group)));
    }

    @Override
    public List<Optional<TeamGroupId>> waitingQueues() {
        // one index probe per queue (the ungrouped one, then each group), never a scan of the waiting rows
        List<Optional<TeamGroupId>> queues = new ArrayList<>();
        if (anyWaiting(Optional.empty())) {
            queues.add(Optional.empty());
        }
        dsl.select(TEAM_GROUPS.ID).from(TEAM_GROUPS)
                .whereExists(selectOne().from(INVITATIONS).where(INVITATIONS.STATE.eq(WAITING))
                        .and(INVITATIONS.QUEUE_GROUP_ID.eq(TEAM_GROUPS.ID)))
                .orderBy(TEAM_GROUPS.ID)
                .fetch(TEAM_GROUPS.ID)
                .forEach(g -> queues.add(Optional.of(new TeamGroupId(g))));
        return queues;
    }

    @Override
    public List<Invitation> claimWaiting(Optional<TeamGroupId> group, int limit) {
        // one lock for every queue: a promoter may hold a team row of another queue's teams (ungrouped
        // invitations may use any team), so two promoters at once could wait on each other's team rows
        dsl.fetch("select pg_advisory_xact_lock(?, ?)", PROMOTER_LOCK_CLASS, PROMOTER_LOCK_KEY);
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.STATE.eq(WAITING)).and(inQueue(group))
                .orderBy(INVITATIONS.QUEUE_SEQ)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(JooqInvitations::toDomain);
    }

    @Override
    public Optional<Invitation> promote(InvitationId id, TeamId team, Instant now) {
        Invitations live = INVITATIONS.as("live");
        OffsetDateTime at = Rows.at(now);
        return dsl.update(INVITATIONS)
                .set(INVITATIONS.STATE, InvitationState.RESERVED.name())
                .set(INVITATIONS.TEAM_ID, team.value())
                .set(INVITATIONS.NEXT_ATTEMPT_AT, at)
                .set(INVITATIONS.UPDATED_AT, at)
                .where(INVITATIONS.ID.eq(id.value()))
                .and(INVITATIONS.STATE.eq(WAITING))
                .andNotExists(selectOne().from(live).where(live.TEAM_ID.eq(team.value()))
                        .and(live.EMAIL.eq(INVITATIONS.EMAIL)).and(live.STATE.in(SEAT_HOLDING)))
                .returning().fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public List<Invitation> seatHolders(TeamId team) {
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.TEAM_ID.eq(team.value())).and(INVITATIONS.STATE.in(SEAT_HOLDING))
                .orderBy(INVITATIONS.ID)
                .fetch(JooqInvitations::toDomain);
    }

    @Override
    public DispatchClaim claimForDispatch(int limit, Instant now, Duration lease) {
        UUID claimToken = UUID.randomUUID();
        // runs in the caller's transaction: the rows stay locked (SKIP LOCKED for other workers)
        // until the lease is written and committed
        List<Long> due = dsl.select(INVITATIONS.ID).from(INVITATIONS)
                .where(INVITATIONS.STATE.eq(inline(InvitationState.RESERVED.name())))
                .and(INVITATIONS.NEXT_ATTEMPT_AT.le(Rows.at(now)))
                .orderBy(INVITATIONS.NEXT_ATTEMPT_AT, INVITATIONS.ID)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(INVITATIONS.ID);
        if (due.isEmpty()) {
            return new DispatchClaim(claimToken, List.of());
        }
        Map<Long, Invitation> claimed = new HashMap<>();
        dsl.update(INVITATIONS)
                .set(INVITATIONS.NEXT_ATTEMPT_AT, Rows.at(now.plus(lease)))
                .set(INVITATIONS.CLAIM_TOKEN, claimToken)
                .set(INVITATIONS.UPDATED_AT, currentOffsetDateTime())
                .where(INVITATIONS.ID.in(due))
                .returning()
                .fetch()
                .forEach(r -> claimed.put(r.getId(), toDomain(r)));
        return new DispatchClaim(claimToken, due.stream().map(claimed::get).toList());
    }

    @Override
    public Optional<Invitation> transition(InvitationId id, InvitationState from, InvitationState to, Instant now, String endReason) {
        return transition(id, from, to, now, endReason, noCondition());
    }

    @Override
    public Optional<Invitation> transitionClaimed(InvitationId id, UUID claimToken, InvitationState to, Instant now, String endReason) {
        return transition(id, InvitationState.RESERVED, to, now, endReason, INVITATIONS.CLAIM_TOKEN.eq(claimToken));
    }

    private Optional<Invitation> transition(InvitationId id, InvitationState from, InvitationState to, Instant now, String endReason,
                                            Condition fence) {
        from.moveTo(to);
        if (to == InvitationState.REMOVING) {
            throw new IllegalArgumentException("REMOVING is entered through claimRemoval, which records why and since when");
        }
        OffsetDateTime at = Rows.at(now);
        UpdateSetMoreStep<InvitationsRecord> update = dsl.update(INVITATIONS)
                .set(INVITATIONS.STATE, to.name())
                .set(INVITATIONS.UPDATED_AT, at);
        if (to == InvitationState.INVITED) {
            // the first time counts (statistics: "reached INVITED at some point"); a return from REMOVING keeps it
            update = update.set(INVITATIONS.INVITED_AT, coalesce(INVITATIONS.INVITED_AT, at));
        }
        if (to == InvitationState.JOINED) {
            update = update.set(INVITATIONS.ACCEPTED_AT, coalesce(INVITATIONS.ACCEPTED_AT, at));
        }
        if (to.isEnded()) {
            update = update.set(INVITATIONS.ENDED_AT, at).set(INVITATIONS.END_REASON, endReason);
        }
        if (to != InvitationState.RESERVED) {
            update = update.setNull(INVITATIONS.NEXT_ATTEMPT_AT); // leaves the dispatcher's outbox
        }
        return update.where(INVITATIONS.ID.eq(id.value())).and(INVITATIONS.STATE.eq(inline(from.name()))).and(fence)
                .returning().fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public boolean scheduleRetry(InvitationId id, UUID claimToken, Instant nextAttemptAt, String error) {
        return dsl.update(INVITATIONS)
                .set(INVITATIONS.ATTEMPTS, INVITATIONS.ATTEMPTS.plus(1))
                .set(INVITATIONS.LAST_ERROR, error)
                .set(INVITATIONS.NEXT_ATTEMPT_AT, Rows.at(nextAttemptAt))
                .set(INVITATIONS.UPDATED_AT, currentOffsetDateTime())
                .where(INVITATIONS.ID.eq(id.value()))
                .and(INVITATIONS.STATE.eq(inline(InvitationState.RESERVED.name())))
                .and(INVITATIONS.CLAIM_TOKEN.eq(claimToken))
                .execute() > 0;
    }

    // ---- member lifecycle ------------------------------------------------------------------------

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
    public boolean moveUnsettled(Invitation rebind) {
        return rebind.isRebind() && dsl.fetchExists(INVITATIONS, INVITATIONS.CODE_ID.eq(rebind.codeId().value())
                .and(INVITATIONS.EMAIL.eq(rebind.email().value()))
                .and(INVITATIONS.REBIND_TO.eq(rebind.id().value()))
                .and(INVITATIONS.STATE.in(inline(InvitationState.JOINED.name()), inline(InvitationState.REMOVING.name()))));
    }

    @Override
    public Optional<Invitation> findLatestInTeam(TeamId team, Email email) {
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.TEAM_ID.eq(team.value()))
                .and(INVITATIONS.EMAIL.eq(email.value()))
                .orderBy(INVITATIONS.ID.desc())
                .limit(1)
                .fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public Optional<RemovalClaim> claimRemoval(InvitationId id, RemovalKind kind, Instant now, Duration lease) {
        List<String> from = claimableFrom(kind);
        String notMoving = kind == RemovalKind.REMOVE || kind == RemovalKind.TIMEOUT ? " and i.rebind_to is null" : "";
        String states = String.join("', '", from);
        return dsl.resultQuery("update invitations i set " + CLAIM_SET
                                + " where i.id = ? and i.state in ('" + states + "')" + notMoving + " returning i.*",
                        kind.name(), Rows.at(now), Rows.at(now.plus(lease)), Rows.at(now), id.value())
                .fetchInto(INVITATIONS).stream().findFirst().map(JooqInvitations::toClaim);
    }

    @Override
    public List<RemovalClaim> claimUnaccepted(Instant invitedBefore, int limit, Instant now, Duration lease) {
        return claimBatch(RemovalKind.TIMEOUT, "state = 'INVITED' and not removal_failed and invited_at <= cast(? as timestamptz)",
                "invited_at, id", limit, now, lease, Rows.at(invitedBefore));
    }

    @Override
    public List<RemovalClaim> claimExpired(int limit, Instant now, Duration lease) {
        return claimBatch(RemovalKind.EXPIRE, "state in ('INVITED', 'JOINED') and not removal_failed"
                + " and member_ends_at is not null and member_ends_at <= cast(? as timestamptz)", "member_ends_at, id", limit, now, lease, Rows.at(now));
    }

    @Override
    public List<RemovalClaim> claimRebound(int limit, Instant now, Duration lease) {
        return claimBatch(RemovalKind.REBIND, "rebind_to is not null and state = 'JOINED' and exists (select 1 from invitations n"
                + " where n.id = invitations.rebind_to and n.state in ('INVITED', 'JOINED'))", "id", limit, now, lease);
    }

    /** One statement: pick due rows with SKIP LOCKED in {@code order}, claim them, return them in id order. */
    private List<RemovalClaim> claimBatch(RemovalKind kind, String condition, String order, int limit, Instant now,
                                          Duration lease, Object... conditionBinds) {
        List<Object> binds = new java.util.ArrayList<>(List.of(kind.name(), Rows.at(now), Rows.at(now.plus(lease)), Rows.at(now)));
        binds.addAll(List.of(conditionBinds));
        binds.add(limit);
        return dsl.resultQuery("update invitations i set " + CLAIM_SET
                                + " from (select id from invitations where " + condition + " order by " + order
                                + " limit ? for update skip locked) due where i.id = due.id returning i.*", binds.toArray())
                .fetchInto(INVITATIONS).stream().map(JooqInvitations::toClaim)
                .sorted(Comparator.comparingLong(c -> c.invitation().id().value())).toList();
    }

    @Override
    public List<RemovalClaim> claimDueRemovals(int limit, Instant now, Duration lease) {
        return dsl.resultQuery("update invitations i set removal_due_at = cast(? as timestamptz), updated_at = cast(? as timestamptz)"
                                + " from (select id from invitations where state = 'REMOVING' and removal_due_at <= cast(? as timestamptz)"
                                + " order by removal_due_at, id limit ? for update skip locked) due"
                                + " where i.id = due.id and i.state = 'REMOVING' returning i.*",
                        Rows.at(now.plus(lease)), Rows.at(now), Rows.at(now), limit)
                .fetchInto(INVITATIONS).stream().map(JooqInvitations::toClaim)
                .sorted(Comparator.comparingLong(c -> c.invitation().id().value())).toList();
    }

    @Override
    public void scheduleRemovalRetry(InvitationId id, Instant dueAt, String error) {
        dsl.update(INVITATIONS)
                .set(INVITATIONS.REMOVAL_ATTEMPTS, INVITATIONS.REMOVAL_ATTEMPTS.plus(1))
                .set(INVITATIONS.REMOVAL_ERROR, error)
                .set(INVITATIONS.REMOVAL_DUE_AT, Rows.at(dueAt))
                .set(INVITATIONS.UPDATED_AT, currentOffsetDateTime())
                .where(INVITATIONS.ID.eq(id.value()))
                .and(INVITATIONS.STATE.eq(inline(InvitationState.REMOVING.name())))
                .execute();
    }

    @Override
    public Optional<Invitation> abandonRemoval(InvitationId id, Instant now, String error, boolean failed) {
        return dsl.update(INVITATIONS)
                .set(INVITATIONS.STATE, INVITATIONS.REMOVAL_FROM)
                .set(INVITATIONS.REMOVAL_ERROR, error)
                .set(INVITATIONS.REMOVAL_FAILED, failed)
                .setNull(INVITATIONS.REMOVAL_DUE_AT)
                .set(INVITATIONS.UPDATED_AT, Rows.at(now))
                .where(INVITATIONS.ID.eq(id.value()))
                .and(INVITATIONS.STATE.eq(inline(InvitationState.REMOVING.name())))
                .returning().fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public boolean markRebinding(InvitationId member, InvitationId rebind) {
        return dsl.update(INVITATIONS)
                .set(INVITATIONS.REBIND_TO, rebind.value())
                .set(INVITATIONS.UPDATED_AT, currentOffsetDateTime())
                .where(INVITATIONS.ID.eq(member.value()))
                .and(INVITATIONS.STATE.eq(inline(InvitationState.JOINED.name())))
                .and(INVITATIONS.REBIND_TO.isNull())
                .execute() > 0;
    }

    @Override
    public List<Invitation> releaseFailedRebinds(int limit) {
        List<String> ended = java.util.Arrays.stream(InvitationState.values()).filter(InvitationState::isEnded)
                .map(Enum::name).toList();
        // the member's code row is locked here too (SKIP LOCKED, like the member): the caller gives the rebind
        // back on it next, and a code is locked before its invitations everywhere else (ADR 28)
        return dsl.resultQuery("update invitations i set rebind_to = null, updated_at = now()"
                                + " from (select o.id from invitations o join invitations n on n.id = o.rebind_to"
                                + " join redeem_codes c on c.id = o.code_id"
                                + " where o.rebind_to is not null and o.state = 'JOINED' and n.state in ('"
                                + String.join("', '", ended) + "') order by o.id limit ? for update of o, c skip locked) gone"
                                + " where i.id = gone.id and i.state = 'JOINED' returning i.*", limit)
                .fetchInto(INVITATIONS).stream().map(JooqInvitations::toDomain)
                .sorted(Comparator.comparingLong(i -> i.id().value())).toList();
    }

    @Override
    public List<RemovalFailure> removalFailures(Optional<InvitationId> after, int limit) {
        return dsl.select(INVITATIONS.ID, INVITATIONS.EMAIL, INVITATIONS.TEAM_ID, TEAMS.NAME, INVITATIONS.STATE,
                        INVITATIONS.REMOVAL_KIND, INVITATIONS.REMOVAL_ATTEMPTS, INVITATIONS.REMOVAL_ERROR, INVITATIONS.UPDATED_AT)
                .from(INVITATIONS).leftJoin(TEAMS).on(TEAMS.ID.eq(INVITATIONS.TEAM_ID))
                .where(INVITATIONS.REMOVAL_FAILED.isTrue())
                .and(INVITATIONS.ID.gt(after.map(InvitationId::value).orElse(0L)))
                .orderBy(INVITATIONS.ID)
                .limit(limit)
                .fetch(r -> new RemovalFailure(new InvitationId(r.value1()), Email.of(r.value2()),
                        Optional.ofNullable(r.value3()).map(TeamId::new), Optional.ofNullable(r.value4()),
                        InvitationState.valueOf(r.value5()), Optional.ofNullable(r.value6()).map(RemovalKind::valueOf),
                        r.value7(), Optional.ofNullable(r.value8()), Rows.instant(r.value9())));
    }

    private static List<String> claimableFrom(RemovalKind kind) {
        return java.util.Arrays.stream(InvitationState.values()).filter(kind::mayClaimFrom).map(Enum::name).toList();
    }

    static RemovalClaim toClaim(InvitationsRecord r) {
        return new RemovalClaim(toDomain(r), RemovalKind.valueOf(r.getRemovalKind()), InvitationState.valueOf(r.getRemovalFrom()),
                r.getRemovalAttempts(), Optional.ofNullable(r.getRebindTo()).map(InvitationId::new));
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
