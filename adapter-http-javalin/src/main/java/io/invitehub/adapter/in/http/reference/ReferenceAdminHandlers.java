package io.invitehub.adapter.in.http.reference;

import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.accounts.port.in.ManageDistributorsUseCase;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.codes.port.in.IssueCodesUseCase;
import io.invitehub.application.distributors.port.in.DistributorQueries;
import io.invitehub.application.distributors.view.DistributorDetail;
import io.invitehub.application.distributors.view.DistributorOverview;
import io.invitehub.application.distributors.view.DistributorSort;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.PlatformAnalytics;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.port.in.SalesQuery;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.enumValue;
import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pathId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * The reference's admin pages over distributors' numbers: the list, the analytics page and one distributor's
 * detail, its sales, and granting it codes. Numbers are InviteHub's own definitions (docs/statistics.md) under
 * the reference's field names (docs/compatibility.md says which is which). Applications and the lifecycle are
 * {@link ReferenceApplicationHandlers}.
 */
public final class ReferenceAdminHandlers {
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    static final int RECENT_SALES = 20;
    /** An analytics page whose rows lie past this many distributors is refused rather than read. */
    static final int MAX_ANALYTICS_ROWS = ReferenceWire.MAX_LIST;

    /**
     * What each route reads (ADR 33). The analytics page's {@code status} and {@code sort_by} are names the
     * reference ignored when unknown, so they are short tokens here, not choices.
     */
    public static final RequestShape DISTRIBUTORS = RequestShape.none().query(Field.choice("status", Approval.class));
    public static final RequestShape ANALYTICS = RequestShape.none().query(Field.integer("page", 1, MAX_ANALYTICS_ROWS),
            Field.integer("page_size", 1, MAX_PAGE_SIZE), Field.token("sort_by", 32), Field.token("status", 32));
    public static final RequestShape ONE = RequestShape.none().path(Field.id("id").labelled("distributor id"));
    public static final RequestShape SALES = ONE.query(ReferenceWire.LIMIT);
    public static final RequestShape GRANT = ONE.body(Field.integer("count", 1, IssueCodesCommand.MAX_COUNT),
            Field.integer("max_uses", 0, Integer.MAX_VALUE), Field.integer("validity_days", 1, CodeTerms.MAX_VALIDITY_DAYS),
            Field.integer("expires_days", 1, ReferenceCodeHandlers.MAX_EXPIRES_DAYS), Field.prose("note", CodeTerms.MAX_NOTE_LENGTH));

    private final ManageDistributorsUseCase distributors;
    private final DistributorQueries readSide;
    private final IssueCodesUseCase issueCodes;
    private final Clock clock;

    public ReferenceAdminHandlers(ManageDistributorsUseCase distributors, DistributorQueries readSide, IssueCodesUseCase issueCodes,
                                  Clock clock) {
        this.distributors = Objects.requireNonNull(distributors, "distributors");
        this.readSide = Objects.requireNonNull(readSide, "readSide");
        this.issueCodes = Objects.requireNonNull(issueCodes, "issueCodes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    record Listed(long id, String username, String email, String approvalStatus, Instant createdAt, long totalCodes, long activeCodes,
                  long totalSales) {
        static Listed of(DistributorOverview o) {
            DistributorSummary s = o.summary();
            return new Listed(o.id().value(), o.username(), ReferenceWire.text(o.account().email()),
                    o.approval().map(ReferenceWire::lower).orElse(""), o.account().createdAt(), s.totalCodes(), s.activeCodes(),
                    s.redeemAttempts());
        }
    }

    /** One distributor on the analytics page and in the detail. */
    record Item(long id, String username, String email, String approvalStatus, Instant createdAt, long totalCodes, long activeCodes,
                long totalSales, long todaySales, long weekSales, long monthSales, long activeMembers, BigDecimal revenueEstimate) {
        static Item of(AccountView a, DistributorSummary s) {
            return new Item(a.id().value(), a.username(), ReferenceWire.text(a.email()), a.approval().map(ReferenceWire::lower).orElse(""),
                    a.createdAt(), s.totalCodes(), s.activeCodes(), s.redeemAttempts(), s.today().invited(), s.thisWeek().invited(),
                    s.thisMonth().invited(), s.membersActive(), ReferenceWire.yuan(s.totalRevenueEstimate()));
        }
    }

    record Summary(long totalDistributors, long approvedCount, long pendingCount, BigDecimal totalRevenue, long totalSales,
                   long todaySales, BigDecimal unitPrice) {
        static Summary of(PlatformAnalytics a) {
            return new Summary(a.distributors(), a.byApproval().get(Approval.APPROVED), a.byApproval().get(Approval.PENDING),
                    ReferenceWire.yuan(a.totalRevenueEstimate()), a.redeemAttempts(), a.today().invited(),
                    ReferenceWire.yuan(a.defaultUnitPrice()));
        }
    }

    record Analytics(List<Item> items, long total, Summary summary) {
    }

    record RecentSale(String email, String redeemCode, String teamName, String status, Instant createdAt) {
        static RecentSale of(SaleView s) {
            return new RecentSale(s.email().value(), s.code().display(), ReferenceWire.text(s.teamName()),
                    ReferenceWire.inviteStatus(s.status()), s.createdAt());
        }
    }

    record CodesSummary(long total, long active, long inactive, BigDecimal usageRate) {
        /** {@code inactive}: codes no longer redeemable (used up, expired or disabled); the rate is their share in %. */
        static CodesSummary of(DistributorSummary s) {
            long inactive = s.totalCodes() - s.activeCodes();
            BigDecimal rate = s.totalCodes() == 0 ? BigDecimal.ZERO.setScale(1)
                    : BigDecimal.valueOf(inactive * 100).divide(BigDecimal.valueOf(s.totalCodes()), 1, RoundingMode.HALF_UP);
            return new CodesSummary(s.totalCodes(), s.activeCodes(), inactive, rate);
        }
    }

    record Detail(Item distributor, List<RecentSale> recentSales, CodesSummary codesSummary) {
    }

    record GrantCodes(Integer count, Integer maxUses, Integer validityDays, Integer expiresDays, String note) {
    }

    record Granted(int count, String distributorUsername, String message) {
    }

    // ---- lists and numbers ----------------------------------------------------------------------------

    /** {@code GET /distributors?status=}: every distributor (of that approval), newest first, as a plain array. */
    public void distributors(Context ctx) {
        Optional<Approval> approval = Optional.ofNullable(HttpRequests.queryParam(ctx, "status")).filter(s -> !s.isBlank())
                .map(raw -> enumValue(Approval.class, raw, "status"));
        UserId caller = caller(ctx).id();
        List<DistributorOverview> rows = ReferenceWire.first(ReferenceWire.MAX_LIST,
                page -> readSide.distributors(caller, approval, DistributorSort.ID, page));
        ctx.json(rows.stream().map(Listed::of).collect(Collectors.toList()));
    }

    /**
     * {@code GET /admins/distributors/analytics?page=&page_size=&sort_by=&status=}: one page of distributors with
     * their numbers, how many match, and the platform totals. An unknown {@code status} or {@code sort_by} is
     * ignored as the reference did.
     */
    public void analytics(Context ctx) {
        int page = ReferenceWire.positiveParam(ctx, "page", 1, MAX_ANALYTICS_ROWS);
        int size = ReferenceWire.positiveParam(ctx, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        if ((long) page * size > MAX_ANALYTICS_ROWS) {
            throw invalid("page × page_size must be at most " + MAX_ANALYTICS_ROWS);
        }
        Optional<Approval> approval = approvalOrNone(HttpRequests.queryParam(ctx, "status"));
        DistributorSort sort = sort(HttpRequests.queryParam(ctx, "sort_by"));
        UserId caller = caller(ctx).id();
        List<DistributorOverview> upTo = ReferenceWire.first(page * size, p -> readSide.distributors(caller, approval, sort, p));
        List<Item> items = upTo.subList(Math.min(upTo.size(), (page - 1) * size), upTo.size()).stream()
                .map(o -> Item.of(o.account(), o.summary())).collect(Collectors.toList());
        PlatformAnalytics totals = readSide.analytics(caller);
        long total = approval.map(a -> totals.byApproval().get(a)).orElse(totals.distributors());
        ctx.json(new Analytics(items, total, Summary.of(totals)));
    }

    /** {@code GET /admins/distributors/{id}/detail}: the distributor, its 20 latest sales, its codes in two buckets. */
    public void detail(Context ctx) {
        UserId caller = caller(ctx).id();
        UserId id = distributorId(ctx);
        DistributorDetail detail = readSide.detail(caller, id);
        List<RecentSale> recent = readSide.sales(caller, id, SalesQuery.NONE, PageRequest.first(RECENT_SALES)).items().stream()
                .map(RecentSale::of).collect(Collectors.toList());
        ctx.json(new Detail(Item.of(detail.account(), detail.summary()), recent, CodesSummary.of(detail.summary())));
    }

    /** {@code GET /distributors/{id}/sales?limit=}: as {@code /distributors/me/sales}, for any distributor. */
    public void sales(Context ctx) {
        UserId caller = caller(ctx).id();
        UserId id = distributorId(ctx);
        int limit = ReferenceWire.limit(ctx);
        ctx.json(ReferenceWire.first(limit, page -> readSide.sales(caller, id, SalesQuery.NONE, page)).stream()
                .map(ReferenceDistributorHandlers.Sale::of).collect(Collectors.toList()));
    }

    /** {@code POST /distributors/{id}/grant-codes}: codes owned by the distributor (max_uses 1 and 30 days unless given). */
    public void grantCodes(Context ctx) {
        UserId id = distributorId(ctx);
        GrantCodes request = body(ctx, GrantCodes.class);
        AccountView account = distributors.account(actor(ctx), id);
        int count = required(request.count(), "count");
        int maxUses = request.maxUses() == null ? 1 : request.maxUses();
        int validityDays = request.validityDays() == null ? 30 : request.validityDays();
        Optional<Instant> expiresAt = Optional.ofNullable(request.expiresDays()).map(days -> {
            if (days < 1 || days > ReferenceCodeHandlers.MAX_EXPIRES_DAYS) {
                throw invalid("expires_days must be between 1 and " + ReferenceCodeHandlers.MAX_EXPIRES_DAYS);
            }
            return clock.instant().plus(Duration.ofDays(days));
        });
        CodeTerms terms = new CodeTerms(Optional.of(id), maxUses, validityDays, expiresAt, Optional.empty(),
                CodeTerms.DEFAULT_REBIND_LIMIT, Optional.ofNullable(request.note()).map(String::strip).filter(n -> !n.isEmpty()));
        List<Code> codes = issueCodes.issue(new IssueCodesCommand(actor(ctx), terms, count));
        ctx.json(new Granted(codes.size(), account.username(), codes.size() + " codes granted to " + account.username() + "."));
    }

    // ---- parsing --------------------------------------------------------------------------------------

    private static Optional<Approval> approvalOrNone(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = raw.strip().toUpperCase(Locale.ROOT);
        for (Approval a : Approval.values()) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * The reference's {@code sort_by}: {@code total_sales} (uses taken, the default), {@code active_members},
     * {@code created_at} (newest first). InviteHub keeps no ranking by today's sales: {@code today_sales} sorts
     * by total sales.
     */
    private static DistributorSort sort(String raw) {
        if (raw == null) {
            return DistributorSort.REDEEM_ATTEMPTS;
        }
        switch (raw.strip()) {
            case "active_members": return DistributorSort.MEMBERS_ACTIVE;
            case "created_at": return DistributorSort.ID;
            default: return DistributorSort.REDEEM_ATTEMPTS;
        }
    }

    static UserId distributorId(Context ctx) {
        return new UserId(pathId(ctx, "distributor id"));
    }
}
