package io.invitehub.application.service;

import io.invitehub.application.port.in.DistributorOverview;
import io.invitehub.application.port.in.DistributorQueries;
import io.invitehub.application.port.in.Page;
import io.invitehub.application.port.in.PageCursor;
import io.invitehub.application.port.in.PageRequest;
import io.invitehub.application.port.out.CodeFilter;
import io.invitehub.application.port.out.CodeView;
import io.invitehub.application.port.out.CreatedKey;
import io.invitehub.application.port.out.DistributorRank;
import io.invitehub.application.port.out.DistributorRecords;
import io.invitehub.application.port.out.DistributorSort;
import io.invitehub.application.port.out.DistributorStatistics;
import io.invitehub.application.port.out.DistributorSummary;
import io.invitehub.application.port.out.MemberView;
import io.invitehub.application.port.out.PlanRanking;
import io.invitehub.application.port.out.RankKey;
import io.invitehub.application.port.out.SaleView;
import io.invitehub.application.port.out.SalesFilter;
import io.invitehub.application.port.out.TrendDay;
import io.invitehub.application.port.out.Users;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The distributor read side: access rules, cursors and limits here; the numbers and rows come
 * from the {@link DistributorStatistics} and {@link DistributorRecords} query ports.
 */
public final class DistributorQueryService implements DistributorQueries {
    public static final int MAX_TREND_DAYS = 366;
    static final String SALES = "sales";
    static final String MEMBERS = "members";
    static final String CODES = "codes";
    static final String DISTRIBUTORS = "distributors";

    private final DistributorStatistics statistics;
    private final DistributorRecords records;
    private final CallerRules rules;
    private final Clock clock;
    private final StatisticsSettings settings;

    public DistributorQueryService(DistributorStatistics statistics, DistributorRecords records, Users users, Clock clock,
                                   StatisticsSettings settings) {
        this.statistics = statistics;
        this.records = records;
        this.rules = new CallerRules(users);
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public DistributorSummary summary(UserId caller, UserId distributor) {
        rules.ensureMayRead(caller, distributor);
        return statistics.summary(distributor, clock.instant(), settings.defaultUnitPrice());
    }

    @Override
    public Page<SaleView> sales(UserId caller, UserId distributor, SalesFilter filter, PageRequest page) {
        rules.ensureMayRead(caller, distributor);
        List<SaleView> rows = records.sales(distributor, filter, createdKey(page, SALES), page.limit() + 1);
        return page(rows, page, s -> PageCursor.of(SALES, s.createdAt().toString(), s.id().value()));
    }

    @Override
    public Page<MemberView> members(UserId caller, UserId distributor, Optional<String> search, PageRequest page) {
        rules.ensureMayRead(caller, distributor);
        Instant endedSince = clock.instant().minus(settings.recentlyEnded());
        List<MemberView> rows = records.members(distributor, search.map(String::strip).filter(s -> !s.isEmpty()),
                endedSince, createdKey(page, MEMBERS), page.limit() + 1);
        return page(rows, page, m -> PageCursor.of(MEMBERS, m.createdAt().toString(), m.id().value()));
    }

    @Override
    public List<TrendDay> salesTrend(UserId caller, UserId distributor, int days) {
        if (days < 1 || days > MAX_TREND_DAYS) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "days must be between 1 and " + MAX_TREND_DAYS);
        }
        rules.ensureMayRead(caller, distributor);
        return statistics.trend(distributor, clock.instant(), days);
    }

    @Override
    public List<PlanRanking> planRanking(UserId caller, UserId distributor) {
        rules.ensureMayRead(caller, distributor);
        return statistics.planRanking(distributor);
    }

    @Override
    public Page<CodeView> codes(UserId caller, UserId distributor, CodeFilter filter, PageRequest page) {
        rules.ensureMayRead(caller, distributor);
        Optional<RedeemCodeId> after = page.cursor().map(c -> new RedeemCodeId(positive(c.longKey(CODES, 1, 0))));
        List<CodeView> rows = records.codes(distributor, filter, clock.instant(), after, page.limit() + 1);
        return page(rows, page, c -> PageCursor.of(CODES, c.id().value()));
    }

    @Override
    public Page<DistributorOverview> distributors(UserId caller, DistributorSort sort, PageRequest page) {
        rules.ensureStaff(caller);
        String kind = DISTRIBUTORS + "." + sort.name().toLowerCase(java.util.Locale.ROOT);
        Optional<RankKey> after = page.cursor().map(c -> new RankKey(c.longKey(kind, 2, 0), c.longKey(kind, 2, 1)));
        List<DistributorRank> ranks = statistics.rankDistributors(sort, after, page.limit() + 1, settings.defaultUnitPrice());
        Instant now = clock.instant();
        boolean more = ranks.size() > page.limit();
        List<DistributorRank> shown = more ? ranks.subList(0, page.limit()) : ranks;
        List<DistributorOverview> rows = new ArrayList<>(shown.size());
        for (DistributorRank rank : shown) {
            rows.add(new DistributorOverview(rank.id(), rank.username(), rank.approval(),
                    statistics.summary(rank.id(), now, settings.defaultUnitPrice())));
        }
        Optional<PageCursor> next = more
                ? Optional.of(PageCursor.of(kind, shown.get(shown.size() - 1).sortValue(), shown.get(shown.size() - 1).id().value()))
                : Optional.empty();
        return new Page<>(rows, next);
    }

    private static Optional<CreatedKey> createdKey(PageRequest page, String kind) {
        return page.cursor().map(c -> {
            List<String> keys = c.keysOf(kind, 2);
            try {
                return new CreatedKey(Instant.parse(keys.get(0)), positive(Long.parseLong(keys.get(1))));
            } catch (RuntimeException e) {
                throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
            }
        });
    }

    private static long positive(long id) {
        if (id <= 0) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
        }
        return id;
    }

    /** The port was asked for one row more than the limit: its presence says whether a next page exists. */
    private static <T> Page<T> page(List<T> rows, PageRequest page, Function<T, PageCursor> cursorOf) {
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> shown = rows.subList(0, page.limit());
        return new Page<>(shown, Optional.of(cursorOf.apply(shown.get(shown.size() - 1))));
    }
}
