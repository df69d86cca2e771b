package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.Invitations;
import io.invitehub.application.queue.port.out.WaitingQueue;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.team.TeamGroupId;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.JooqInvitations.SEAT_HOLDING;
import static io.invitehub.adapter.out.persistence.JooqInvitations.WAITING;
import static io.invitehub.adapter.out.persistence.JooqInvitations.inQueue;
import static io.invitehub.adapter.out.persistence.JooqInvitations.toDomain;
import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAM_GROUPS;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

/** The waiting queues in PostgreSQL (ADR 14): one per team group, read over invitations_waiting_queue_idx; promoters serialised by one advisory lock. */
final class JooqWaitingQueue implements WaitingQueue {
    /** The transaction-level advisory lock that serialises promoters across all nodes. */
    private static final int PROMOTER_LOCK_CLASS = 0x5155; // "QU"
    private static final int PROMOTER_LOCK_KEY = 1;

    private final DSLContext dsl;

    JooqWaitingQueue(DSLContext dsl) {
        this.dsl = dsl;
    }

    private boolean anyWaiting(Optional<TeamGroupId> group) {
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
    public Optional<Invitation> promote(InvitationChange promotion) {
        if (!promotion.entersOutbox()) {
            throw new IllegalArgumentException("a promotion moves WAITING to RESERVED");
        }
        Invitations live = INVITATIONS.as("live");
        return JooqInvitations.apply(dsl, promotion, notExists(selectOne().from(live)
                .where(live.TEAM_ID.eq(promotion.seatIn().orElseThrow().value()))
                .and(live.EMAIL.eq(INVITATIONS.EMAIL)).and(live.STATE.in(SEAT_HOLDING))));
    }
}
