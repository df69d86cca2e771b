package io.invitehub.application.fakes;

import io.invitehub.application.distributors.port.out.DistributorStatistics;
import io.invitehub.application.distributors.port.out.RankKey;
import io.invitehub.application.distributors.view.DistributorRank;
import io.invitehub.application.distributors.view.DistributorSort;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.PeriodCounts;
import io.invitehub.application.distributors.view.PlanRanking;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.application.fakes.MemoryTables.CodeRow;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Statistics computed by scanning, straight from the definitions in docs/statistics.md; the
 * contract tests hold the jOOQ rollups to the same numbers.
 */
final class FakeStatistics extends FakeTable implements DistributorStatistics {
    private volatile ZoneId businessZone = ZoneId.of("Asia/Shanghai");

    FakeStatistics(MemoryTables db) {
        super(db);
    }

    /** The fake recounts from its rows on every read, so it keeps no rollup to fold. */
    @Override
    public long compactExpiry(Instant before) {
        return 0;
    }

    @Override
    public long compactDays(Instant before) {
        return 0;
    }

    @Override
    public ZoneId businessTimeZone() {
        return businessZone;
    }

    @Override
    public boolean useBusinessTimeZone(ZoneId zone) {
        boolean changed = !zone.equals(businessZone);
        businessZone = zone;
        return changed;
    }

    @Override
    public DistributorSummary summary(UserId distributor, Instant now, Money defaultUnitPrice) {
        return atomically(() -> {
            ZoneId zone = businessZone;
            LocalDate today = LocalDate.ofInstant(now, zone);
            long[] status = new long[CodeStatus.values().length];
            long total = 0;
            long used = 0;
            for (CodeRow c : state.codes.values()) {
                if (distributor.equals(c.owner())) {
                    total++;
                    used += c.usedCount();
                    status[CodeStatus.of(c.active(), c.maxUses(), c.usedCount(), c.expiresAt(), now).ordinal()]++;
                }
            }
            List<Invitation> sales = sales(distributor).toList();
            long sent = sales.stream().filter(i -> i.invitedAt().isPresent()).count();
            long accepted = sales.stream().filter(i -> i.acceptedAt().isPresent()).count();
            long active = sales.stream().filter(i -> i.state() == InvitationState.JOINED).count();
            long removed = sales.stream().filter(i -> i.state() == InvitationState.REMOVED).count();
            Money price = defaultUnitPrice;
            return new DistributorSummary(distributor, today, zone, total, status[CodeStatus.ACTIVE.ordinal()],
                    status[CodeStatus.DEPLETED.ordinal()], status[CodeStatus.EXPIRED.ordinal()],
                    status[CodeStatus.DISABLED.ordinal()], used, sent, accepted, active, removed, price,
                    price.times(accepted),
                    period(distributor, today, today),
                    period(distributor, today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today),
                    period(distributor, today.withDayOfMonth(1), today));
        });
    }

    @Override
    public List<TrendDay> trend(UserId distributor, Instant now, int days) {
        return atomically(() -> {
            LocalDate today = LocalDate.ofInstant(now, businessZone);
            List<TrendDay> trend = new ArrayList<>();
            for (LocalDate day = today.minusDays(days - 1L); !day.isAfter(today); day = day.plusDays(1)) {
                PeriodCounts c = period(distributor, day, day);
                trend.add(new TrendDay(day, c.redeemed(), c.invited(), c.accepted(), c.removed()));
            }
            return trend;
        });
    }

    @Override
    public List<PlanRanking> planRanking(UserId distributor) {
        return List.of(); // the fake stores no plans or orders
    }

    @Override
    public List<DistributorRank> rankDistributors(DistributorSort sort, Optional<Approval> approval, Optional<RankKey> after,
                                                  int limit, Money defaultUnitPrice) {
        return atomically(() -> state.users.values().stream()
                .filter(u -> u.role() == Role.DISTRIBUTOR)
                .filter(u -> approval.isEmpty() || u.approval().equals(approval))
                .map(u -> new DistributorRank(u.id(), u.username(), u.approval(), sortValue(u.id(), sort, defaultUnitPrice)))
                .filter(r -> after.isEmpty() || r.sortValue() < after.get().sortValue()
                        || (r.sortValue() == after.get().sortValue() && r.id().value() < after.get().id()))
                .sorted(Comparator.comparingLong(DistributorRank::sortValue).thenComparingLong(r -> r.id().value()).reversed())
                .limit(limit)
                .toList());
    }

    private long sortValue(UserId id, DistributorSort sort, Money price) {
        switch (sort) {
            case ID:
                return id.value();
            case TOTAL_CODES:
                return state.codes.values().stream().filter(c -> id.equals(c.owner())).count();
            case REDEEM_ATTEMPTS:
                return state.codes.values().stream().filter(c -> id.equals(c.owner())).mapToLong(CodeRow::usedCount).sum();
            case INVITES_ACCEPTED:
                return sales(id).filter(i -> i.acceptedAt().isPresent()).count();
            case MEMBERS_ACTIVE:
                return sales(id).filter(i -> i.state() == InvitationState.JOINED).count();
            default:
                return price.minorUnits() * sales(id).filter(i -> i.acceptedAt().isPresent()).count();
        }
    }

    private PeriodCounts period(UserId distributor, LocalDate from, LocalDate to) {
        ZoneId zone = businessZone;
        Predicate<Instant> within = at -> {
            LocalDate day = LocalDate.ofInstant(at, zone);
            return !day.isBefore(from) && !day.isAfter(to);
        };
        List<Invitation> sales = sales(distributor).toList();
        return new PeriodCounts(
                sales.stream().filter(i -> within.test(i.createdAt())).count(),
                sales.stream().filter(i -> i.invitedAt().filter(within).isPresent()).count(),
                sales.stream().filter(i -> i.acceptedAt().filter(within).isPresent()).count(),
                sales.stream().filter(i -> i.state() == InvitationState.REMOVED && i.endedAt().filter(within).isPresent()).count());
    }
}
