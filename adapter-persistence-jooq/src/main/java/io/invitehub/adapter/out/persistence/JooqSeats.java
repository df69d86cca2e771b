package io.invitehub.adapter.out.persistence;

import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.SelectLimitPercentStep;
import org.jooq.SortField;

import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.INVITATIONS;
import static io.invitehub.adapter.out.persistence.generated.Tables.TEAMS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;

/**
 * The seat counters of teams in PostgreSQL: one team row locked at a time (SKIP LOCKED), counters changed by
 * conditional updates (ADR 4). Team rows are locked {@code FOR NO KEY UPDATE}, never {@code FOR UPDATE}: the
 * foreign key checks of invitations take {@code KEY SHARE} on their team, which only {@code FOR UPDATE} would
 * wait for (ADR 28).
 */
final class JooqSeats implements Seats {
    /** Rounds of "skip locked, else wait for a locked team with room" before giving up and queueing. */
    static final int RESERVE_ROUNDS = 8;

    private final DSLContext dsl;
    /**
     * The redemption's seat statement (queue probe + seat), rendered once (ADR 59) for each policy, without
     * a group (index 0) and with one (index 1, its one parameter {@code group}).
     */
    private final java.util.Map<AllocationPolicy, RenderedStatement[]> hotSeat = new java.util.EnumMap<>(AllocationPolicy.class);

    JooqSeats(DSLContext dsl) {
        this.dsl = dsl;
        org.jooq.Param<Long> group = org.jooq.impl.DSL.param("group", TEAMS.GROUP_ID.getDataType());
        for (AllocationPolicy policy : AllocationPolicy.values()) {
            hotSeat.put(policy, new RenderedStatement[]{
                    RenderedStatement.of(dsl, hotSeat(Optional.empty(), policy)),
                    RenderedStatement.of(dsl, hotSeat(Optional.of(group), policy), "group")});
        }
    }

    @Override
    public Optional<SeatReservation> reserveSeat(Optional<TeamGroupId> group, AllocationPolicy policy) {
        return reserve(group, policy, org.jooq.impl.DSL.noCondition());
    }

    @Override
    public Optional<SeatReservation> reserveSeatElsewhere(Optional<TeamGroupId> group, AllocationPolicy policy, TeamId except) {
        return reserve(group, policy, TEAMS.ID.ne(except.value()));
    }

    /**
     * The hot path in one statement: nobody waits in the queue (one probe of invitations_waiting_queue_idx),
     * and a team with room that nobody else is seating into right now gets one more seat. The
     * subquery's "teams" is its own FROM item; the outer update re-checks the room on the locked row.
     */
    private org.jooq.Query hotSeat(Optional<org.jooq.Param<Long>> group, AllocationPolicy policy) {
        Condition waiting = INVITATIONS.STATE.eq(inline(InvitationState.WAITING.name()))
                .and(group.map(INVITATIONS.QUEUE_GROUP_ID::eq).orElse(INVITATIONS.QUEUE_GROUP_ID.isNull()));
        Condition withRoom = TEAMS.STATUS.eq(inline(TeamStatus.ACTIVE.name()))
                .and(TEAMS.SEATS_RESERVED.plus(TEAMS.EXTERNAL_SEATS).lt(TEAMS.MAX_SEATS))
                .and(group.map(TEAMS.GROUP_ID::eq).orElse(noCondition()));
        return takeSeatQuery(TEAMS.ID.eq(candidate(withRoom.and(notExists(selectOne().from(INVITATIONS)
                .where(waiting))), order(policy)).forNoKeyUpdate().skipLocked().<Long>asField()), withRoom);
    }

    @Override
    public Optional<SeatReservation> reserveSeatUnlessQueued(Optional<TeamGroupId> group, AllocationPolicy policy) {
        RenderedStatement[] hot = hotSeat.get(policy);
        Optional<SeatReservation> seat = (group.isPresent()
                ? hot[1].resultQuery(dsl, SEAT_COLUMNS, group.get().value())
                : hot[0].resultQuery(dsl, SEAT_COLUMNS))
                .fetchOptional()
                .map(r -> new SeatReservation(new TeamId(r.get(TEAMS.ID)), r.get(TEAMS.NAME)));
        if (seat.isPresent()) {
            return seat;
        }
        // literals, not binds: a generic plan must still see the partial indexes' predicates (ADR 23)
        Condition waiting = INVITATIONS.STATE.eq(inline(InvitationState.WAITING.name()))
                .and(group.map(g -> INVITATIONS.QUEUE_GROUP_ID.eq(g.value())).orElse(INVITATIONS.QUEUE_GROUP_ID.isNull()));
        // cold paths: a queue (the new invitation waits behind it), no room, or every team with room locked
        if (dsl.fetchExists(INVITATIONS, waiting)) {
            return Optional.empty();
        }
        return reserve(group, policy, noCondition());
    }

    private static Condition withRoom(Optional<TeamGroupId> group, Condition extra) {
        return TEAMS.STATUS.eq(inline(TeamStatus.ACTIVE.name()))
                .and(TEAMS.SEATS_RESERVED.plus(TEAMS.EXTERNAL_SEATS).lt(TEAMS.MAX_SEATS))
                .and(group.map(g -> TEAMS.GROUP_ID.eq(g.value())).orElse(noCondition()))
                .and(extra);
    }

    private static SortField<?>[] order(AllocationPolicy policy) {
        return policy == AllocationPolicy.SPREAD
                ? new SortField<?>[]{TEAMS.MAX_SEATS.minus(TEAMS.SEATS_RESERVED).minus(TEAMS.EXTERNAL_SEATS).desc(), TEAMS.ID.asc()}
                : new SortField<?>[]{TEAMS.ID.asc()};
    }

    private Optional<SeatReservation> reserve(Optional<TeamGroupId> group, AllocationPolicy policy, Condition extra) {
        Condition withRoom = withRoom(group, extra);
        SortField<?>[] order = order(policy);
        for (int round = 0; round < RESERVE_ROUNDS; round++) {
            // 1. a team with room that nobody else is seating into right now
            Optional<SeatReservation> seat = takeSeat(TEAMS.ID.eq(candidate(withRoom, order).forNoKeyUpdate().skipLocked()
                    .<Long>asField()), withRoom);
            if (seat.isPresent()) {
                return seat;
            }
            // 2. every team with room is locked by a concurrent transaction: if any has room at all, wait
            //    for one (its holder commits in milliseconds) instead of queueing needlessly
            if (!dsl.fetchExists(TEAMS, withRoom)) {
                return Optional.empty();
            }
            seat = waitForTeam(withRoom, order);
            if (seat.isPresent()) {
                return seat;
            }
        }
        return Optional.empty();
    }

    /**
     * Waits for the first team with room and takes a seat in it when it still has room once its holder
     * has committed. The wait runs in a savepoint that is rolled back when the team has filled up
     * meanwhile: PostgreSQL keeps the row lock of a {@code FOR UPDATE} (or an {@code UPDATE}) whose
     * re-check fails, and a transaction that waits for a second team while keeping the lock of a full
     * one could close a cycle with another doing the same the other way round (ADR 28). So a
     * reservation holds at most the one team it took a seat in.
     */
    private Optional<SeatReservation> waitForTeam(Condition withRoom, SortField<?>[] order) {
        try {
            return dsl.transactionResult(() -> { // no-argument callable: a savepoint in the surrounding transaction
                Optional<SeatReservation> seat = candidate(withRoom, order).forNoKeyUpdate().fetchOptional(TEAMS.ID)
                        .flatMap(team -> takeSeat(TEAMS.ID.eq(team), withRoom));
                if (seat.isEmpty()) {
                    throw new FilledMeanwhile();
                }
                return seat;
            });
        } catch (FilledMeanwhile e) {
            return Optional.empty();
        }
    }

    /** Rolls the waiting savepoint back: the team waited for had no room left. */
    private static final class FilledMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FilledMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** One more seat in the team {@code which} selects, only while it still has room; its id and name. */
    private static final List<org.jooq.Field<?>> SEAT_COLUMNS = List.of(TEAMS.ID, TEAMS.NAME);

    private Optional<SeatReservation> takeSeat(Condition which, Condition withRoom) {
        return takeSeatQuery(which, withRoom)
                .fetchOptional()
                .map(r -> new SeatReservation(new TeamId(r.getId()), r.getName()));
    }

    private org.jooq.UpdateResultStep<io.invitehub.adapter.out.persistence.generated.tables.records.TeamsRecord> takeSeatQuery(
            Condition which, Condition withRoom) {
        return dsl.update(TEAMS)
                .set(TEAMS.SEATS_RESERVED, TEAMS.SEATS_RESERVED.plus(1))
                .set(TEAMS.UPDATED_AT, currentOffsetDateTime())
                .where(which)
                .and(withRoom)
                .returning(TEAMS.ID, TEAMS.NAME);
    }

    private SelectLimitPercentStep<org.jooq.Record1<Long>> candidate(Condition withRoom, SortField<?>[] order) {
        return dsl.select(TEAMS.ID).from(TEAMS).where(withRoom).orderBy(order).limit(1);
    }

    @Override
    public void releaseSeat(TeamId team) {
        dsl.update(TEAMS)
                .set(TEAMS.SEATS_RESERVED, greatest(TEAMS.SEATS_RESERVED.minus(1), inline(0)))
                .set(TEAMS.UPDATED_AT, currentOffsetDateTime())
                .where(TEAMS.ID.eq(team.value()))
                .execute();
    }

    @Override
    public SeatSummary seatSummary() {
        Record4<Integer, java.math.BigDecimal, java.math.BigDecimal, java.math.BigDecimal> seats = dsl
                .select(count(),
                        coalesce(sum(TEAMS.MAX_SEATS), java.math.BigDecimal.ZERO),
                        coalesce(sum(TEAMS.SEATS_RESERVED.plus(TEAMS.EXTERNAL_SEATS)), java.math.BigDecimal.ZERO),
                        coalesce(sum(greatest(TEAMS.MAX_SEATS.minus(TEAMS.SEATS_RESERVED).minus(TEAMS.EXTERNAL_SEATS), inline(0))), java.math.BigDecimal.ZERO))
                .from(TEAMS)
                .where(TEAMS.STATUS.eq(inline(TeamStatus.ACTIVE.name())))
                .fetchSingle();
        long waiting = dsl.fetchCount(INVITATIONS, INVITATIONS.STATE.eq(inline("WAITING")));
        return new SeatSummary(seats.value1(), seats.value2().longValue(), seats.value3().longValue(),
                seats.value4().longValue(), waiting);
    }
}
