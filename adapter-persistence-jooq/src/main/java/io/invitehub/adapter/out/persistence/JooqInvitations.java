package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.InvitationsRecord;
import io.invitehub.application.port.out.Invitations;
import io.invitehub.application.port.out.NewInvitation;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.UpdateSetMoreStep;
import org.jooq.exception.DataAccessException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.invitehub.adapter.out.persistence.generated.Sequences.INVITATION_QUEUE_SEQ;
import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.select;

/** Invitations in PostgreSQL. Every state change is a conditional update that one caller wins. */
final class JooqInvitations implements Invitations {
    private static final List<String> OPEN = InvitationState.open().stream().map(Enum::name).toList();

    private final DSLContext dsl;

    JooqInvitations(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Invitation create(NewInvitation n) {
        boolean waiting = n.state() == InvitationState.WAITING;
        OffsetDateTime now = Rows.at(n.now());
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
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.EMAIL.eq(email.value()))
                .and(INVITATIONS.STATE.in(OPEN))
                .and(INVITATIONS.IS_REBIND.isFalse())
                .and(INVITATIONS.CODE_ID.ne(code.value()))
                .limit(1)
                .fetchOptional().map(JooqInvitations::toDomain);
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
    public long queuePosition(InvitationId id) {
        Field<Long> mine = select(INVITATIONS.QUEUE_SEQ).from(INVITATIONS).where(INVITATIONS.ID.eq(id.value())).asField();
        return dsl.fetchCount(INVITATIONS, INVITATIONS.STATE.eq(InvitationState.WAITING.name())
                .and(INVITATIONS.QUEUE_SEQ.le(mine)));
    }

    @Override
    public List<Invitation> claimForDispatch(int limit, Instant now, Duration lease) {
        // runs in the caller's transaction: the rows stay locked (SKIP LOCKED for other workers)
        // until the lease is written and committed
        List<Long> due = dsl.select(INVITATIONS.ID).from(INVITATIONS)
                .where(INVITATIONS.STATE.eq(InvitationState.RESERVED.name()))
                .and(INVITATIONS.NEXT_ATTEMPT_AT.le(Rows.at(now)))
                .orderBy(INVITATIONS.NEXT_ATTEMPT_AT, INVITATIONS.ID)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(INVITATIONS.ID);
        if (due.isEmpty()) {
            return List.of();
        }
        Map<Long, Invitation> claimed = new HashMap<>();
        dsl.update(INVITATIONS)
                .set(INVITATIONS.NEXT_ATTEMPT_AT, Rows.at(now.plus(lease)))
                .set(INVITATIONS.UPDATED_AT, currentOffsetDateTime())
                .where(INVITATIONS.ID.in(due))
                .returning()
                .fetch()
                .forEach(r -> claimed.put(r.getId(), toDomain(r)));
        return due.stream().map(claimed::get).toList();
    }

    @Override
    public Optional<Invitation> transition(InvitationId id, InvitationState from, InvitationState to, Instant now, String endReason) {
        from.moveTo(to);
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
        return update.where(INVITATIONS.ID.eq(id.value())).and(INVITATIONS.STATE.eq(from.name()))
                .returning().fetchOptional().map(JooqInvitations::toDomain);
    }

    @Override
    public void scheduleRetry(InvitationId id, Instant nextAttemptAt, String error) {
        dsl.update(INVITATIONS)
                .set(INVITATIONS.ATTEMPTS, INVITATIONS.ATTEMPTS.plus(1))
                .set(INVITATIONS.LAST_ERROR, error)
                .set(INVITATIONS.NEXT_ATTEMPT_AT, Rows.at(nextAttemptAt))
                .set(INVITATIONS.UPDATED_AT, currentOffsetDateTime())
                .where(INVITATIONS.ID.eq(id.value()))
                .and(INVITATIONS.STATE.eq(InvitationState.RESERVED.name()))
                .execute();
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
