package io.invitehub.application.distributors.service;

import io.invitehub.application.site.port.in.PlatformTermsQuery;
import io.invitehub.application.distributors.port.in.DistributorQueries;
import io.invitehub.application.distributors.port.in.SalesQuery;
import io.invitehub.application.distributors.port.out.CreatedKey;
import io.invitehub.application.distributors.port.out.DistributorRecords;
import io.invitehub.application.distributors.port.out.DistributorStatistics;
import io.invitehub.application.distributors.port.out.RankKey;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeRecord;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.DistributorDetail;
import io.invitehub.application.distributors.view.DistributorOverview;
import io.invitehub.application.distributors.view.DistributorRank;
import io.invitehub.application.distributors.view.DistributorSort;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.MemberView;
import io.invitehub.application.distributors.view.PlanRanking;
import io.invitehub.application.distributors.view.PlatformAnalytics;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.view.SalesFilter;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.view.AccountView;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    static final String RECORDS = "records";
    /** Page size of the walk over all distributors that sums the platform totals. */
    static final int ANALYTICS_PAGE = PageRequest.MAX_LIMIT;

    private final DistributorStatistics statistics;
    private final DistributorRecords records;
    private final RedeemCodes codes;
    private final Users users;
    private final CallerRules rules;
    private final Clock clock;
    private final StatisticsSettings settings;
    private final PlatformTermsQuery terms;

    /**
     * {@code terms}: the default unit price is read from it at each use, so an ADMIN's change counts at once (ADR 51); a
     * summary reads the stored price in its own statement and takes only the configured fallback from it (ADR 84).
     */
    public DistributorQueryService(DistributorStatistics statistics, DistributorRecords records, RedeemCodes codes, Users users,
                                   Clock clock, StatisticsSettings settings, PlatformTermsQuery terms) {
        this.statistics = statistics;
        this.records = records;
        this.codes = codes;
        this.users = users;
        this.rules = new CallerRules(users);
        this.clock = clock;
        this.settings = settings;
        this.terms = java.util.Objects.requireNonNull(terms, "terms");
    }

    private Money defaultUnitPrice() {
        return terms.terms().defaultUnitPrice();
    }

    /** The summary's fallback price: the summary reads the stored one in its own statement (ADR 84), no read here. */
    private Money configuredUnitPrice() {
        return terms.configured().defaultUnitPrice();
    }

    @Override
    public DistributorSummary summary(UserId caller, UserId distributor) {
        rules.ensureMayRead(caller, distributor);
        return statistics.summary(distributor, clock.instant(), configuredUnitPrice());
    }

    @Override
    public Page<SaleView> sales(UserId caller, UserId distributor, SalesQuery query, PageRequest page) {
        rules.ensureMayRead(caller, distributor);
        // the business time zone only resolves a plain date: without one, no read of it (ADR 84); UTC then resolves nothing
        SalesFilter filter = query.in(query.namesADay() ? statistics.businessTimeZone() : java.time.ZoneOffset.UTC);
        List<SaleView> rows = records.sales(distributor, filter, createdKey(page, SALES), page.limit() + 1);
        return page(rows, page, s -> PageCursor.of(SALES, s.createdAt().toString(), s.id().value()));
    }

    @Override
    public Page<MemberView> members(UserId caller, UserId distributor, Optional<String> search, List<Tag> tags, PageRequest page) {
        rules.ensureMayRead(caller, distributor);
        Instant endedSince = clock.instant().minus(settings.recentlyEnded());
        List<MemberView> rows = records.members(distributor, search.map(String::strip).filter(s -> !s.isEmpty()),
                List.copyOf(tags), endedSince, createdKey(page, MEMBERS), page.limit() + 1);
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
    public Page<DistributorOverview> distributors(UserId caller, Optional<Approval> approval, DistributorSort sort, PageRequest page) {
        rules.ensureStaff(caller);
        String kind = DISTRIBUTORS + "." + sort.name().toLowerCase(Locale.ROOT)
                + approval.map(a -> "." + a.name().toLowerCase(Locale.ROOT)).orElse("");
        Optional<RankKey> after = page.cursor().map(c -> new RankKey(c.longKey(kind, 2, 0), c.longKey(kind, 2, 1)));
        List<DistributorRank> ranks = statistics.rankDistributors(sort, approval, after, page.limit() + 1, defaultUnitPrice());
        Instant now = clock.instant();
        boolean more = ranks.size() > page.limit();
        List<DistributorRank> shown = more ? ranks.subList(0, page.limit()) : ranks;
        List<DistributorOverview> rows = new ArrayList<>(shown.size());
        for (DistributorRank rank : shown) {
            // a distributor deleted since the ranking read is left out of the page
            users.account(rank.id()).ifPresent(account -> rows.add(new DistributorOverview(account,
                    statistics.summary(rank.id(), now, defaultUnitPrice()))));
        }
        Optional<PageCursor> next = more
                ? Optional.of(PageCursor.of(kind, shown.get(shown.size() - 1).sortValue(), shown.get(shown.size() - 1).id().value()))
                : Optional.empty();
        return new Page<>(rows, next);
    }

    @Override
    public DistributorDetail detail(UserId caller, UserId distributor) {
        rules.ensureStaff(caller);
        rules.ensureMayRead(caller, distributor);
        AccountView account = users.account(distributor).orElseThrow(
                () -> DomainException.notFound("distributor " + distributor.value() + " does not exist"));
        return new DistributorDetail(account, statistics.summary(distributor, clock.instant(), configuredUnitPrice()));
    }

    /**
     * Walks every distributor (keyset by id) and sums their summaries, so each total is by
     * construction the sum of the per-distributor numbers. Costs one summary read per distributor.
     */
    @Override
    public PlatformAnalytics analytics(UserId caller) {
        rules.ensureStaff(caller);
        Instant now = clock.instant();
        Money price = defaultUnitPrice();
        LocalDate today = LocalDate.ofInstant(now, statistics.businessTimeZone());
        PlatformAnalytics totals = PlatformAnalytics.empty(today, price);
        Optional<RankKey> after = Optional.empty();
        while (true) {
            List<DistributorRank> ranks = statistics.rankDistributors(DistributorSort.ID, Optional.empty(), after, ANALYTICS_PAGE, price);
            for (DistributorRank rank : ranks) {
                totals = totals.plus(rank.approval(), statistics.summary(rank.id(), now, price));
            }
            if (ranks.size() < ANALYTICS_PAGE) {
                return totals;
            }
            DistributorRank last = ranks.get(ranks.size() - 1);
            after = Optional.of(new RankKey(last.sortValue(), last.id().value()));
        }
    }

    @Override
    public Code code(UserId caller, RedeemCodeId code) {
        return readableCode(caller, code).code();
    }

    @Override
    public Page<CodeRecord> codeRecords(UserId caller, RedeemCodeId code, PageRequest page) {
        readableCode(caller, code);
        Optional<Long> after = page.cursor().map(c -> positive(c.longKey(RECORDS + "." + code.value(), 1, 0)));
        List<CodeRecord> rows = records.codeRecords(code, after, page.limit() + 1);
        return page(rows, page, r -> PageCursor.of(RECORDS + "." + code.value(), r.id().value()));
    }

    /** The code when the caller is staff or its owner; NOT_FOUND alike otherwise. */
    private RedeemCode readableCode(UserId caller, RedeemCodeId code) {
        User user = rules.caller(caller);
        RedeemCode found = codes.findById(code).orElseThrow(() -> codeNotFound(code));
        if (!CallerRules.isStaff(user) && !found.owner().filter(user.id()::equals).isPresent()) {
            throw codeNotFound(code);
        }
        return found;
    }

    private static DomainException codeNotFound(RedeemCodeId code) {
        return DomainException.notFound("code " + code.value() + " does not exist");
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
