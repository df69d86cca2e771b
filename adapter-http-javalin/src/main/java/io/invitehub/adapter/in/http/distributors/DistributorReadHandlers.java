package io.invitehub.adapter.in.http.distributors;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.PageBody;
import io.invitehub.application.distributors.port.in.DistributorQueries;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.distributors.view.DistributorSort;
import io.invitehub.application.distributors.view.SalesFilter;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.enumParam;
import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;
import static io.invitehub.adapter.in.http.wire.HttpRequests.moment;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;
import static io.invitehub.adapter.in.http.wire.HttpRequests.positiveId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.queryParam;

/**
 * The distributor read side (SPEC section 5): summary, sales, members, trend and plan ranking of one
 * distributor, and the staff's list, analytics and detail. The {@code /me} routes ask about the caller
 * itself; the staff routes name the distributor in the path. Either way the caller is the authenticated
 * user, and the use case checks it again. A distributor's code list is in the codes handlers.
 */
public final class DistributorReadHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape SUMMARY_ANSWER = ResponseShape.ok(ReadSideResponses.Summary.class);
    public static final ResponseShape SALES_ANSWER = ResponseShape.page(ReadSideResponses.Sale.class);
    public static final ResponseShape MEMBERS_ANSWER = ResponseShape.page(ReadSideResponses.Member.class);
    public static final ResponseShape TREND_ANSWER = ResponseShape.list(ReadSideResponses.Trend.class);
    public static final ResponseShape PLAN_RANKING_ANSWER = ResponseShape.list(ReadSideResponses.Plan.class);
    public static final ResponseShape DISTRIBUTORS_ANSWER = ResponseShape.page(ReadSideResponses.Overview.class);
    public static final ResponseShape DETAIL_ANSWER = ResponseShape.ok(ReadSideResponses.Detail.class);
    public static final ResponseShape ANALYTICS_ANSWER = ResponseShape.ok(ReadSideResponses.Analytics.class);

    static final int DEFAULT_TREND_DAYS = 30;
    static final int MAX_TREND_DAYS = 366;
    /** {@code q}: an e-mail or code prefix, at most as long as an e-mail. */
    static final int MAX_SEARCH = 254;

    private static final Field DISTRIBUTOR_ID = Field.id("id").labelled("distributor id");
    private static final List<Field> SALES_FILTER = List.of(Field.choice("status", InvitationState.class), Field.timestamp("from"),
            Field.timestamp("to"), Field.text("q", MAX_SEARCH));
    private static final Field DAYS = Field.integer("days", 1, MAX_TREND_DAYS);

    /** What each route reads (ADR 33): the {@code /me} routes, then the staff's, which name the distributor in the path. */
    public static final RequestShape MINE = RequestShape.none();
    public static final RequestShape MY_SALES = RequestShape.none().query(SALES_FILTER).query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape MY_MEMBERS = RequestShape.none().query(Field.text("q", MAX_SEARCH)).query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape MY_SALES_TREND = RequestShape.none().query(DAYS);
    public static final RequestShape ONE = RequestShape.none().path(DISTRIBUTOR_ID);
    public static final RequestShape SALES = MY_SALES.path(DISTRIBUTOR_ID);
    public static final RequestShape MEMBERS = MY_MEMBERS.path(DISTRIBUTOR_ID);
    public static final RequestShape SALES_TREND = MY_SALES_TREND.path(DISTRIBUTOR_ID);
    public static final RequestShape LIST = RequestShape.none().query(Field.choice("status", Approval.class),
            Field.choice("sort", DistributorSort.class)).query(HttpRequests.PAGE_PARAMETERS);

    private final DistributorQueries readSide;

    public DistributorReadHandlers(DistributorQueries readSide) {
        this.readSide = Objects.requireNonNull(readSide, "readSide");
    }

    // ---- /distributors/me/… ---------------------------------------------------------------------------

    public void mySummary(Context ctx) {
        summary(ctx, self(ctx));
    }

    public void mySales(Context ctx) {
        sales(ctx, self(ctx));
    }

    public void myMembers(Context ctx) {
        members(ctx, self(ctx));
    }

    public void mySalesTrend(Context ctx) {
        salesTrend(ctx, self(ctx));
    }

    public void myPlanRanking(Context ctx) {
        UserId caller = self(ctx);
        ctx.json(readSide.planRanking(caller, caller).stream().map(ReadSideResponses.Plan::of).collect(Collectors.toList()));
    }

    // ---- /distributors/{id}/… (staff) -------------------------------------------------------------------

    public void distributorSummary(Context ctx) {
        summary(ctx, distributorId(ctx));
    }

    public void distributorSales(Context ctx) {
        sales(ctx, distributorId(ctx));
    }

    public void distributorMembers(Context ctx) {
        members(ctx, distributorId(ctx));
    }

    public void distributorSalesTrend(Context ctx) {
        salesTrend(ctx, distributorId(ctx));
    }

    public void listDistributors(Context ctx) {
        Optional<Approval> approval = enumParam(ctx, "status", Approval.class);
        DistributorSort sort = enumParam(ctx, "sort", DistributorSort.class).orElse(DistributorSort.ID);
        PageRequest page = pageRequest(ctx);
        PageBody.answer(ctx, readSide.distributors(caller(ctx).id(), approval, sort, page), ReadSideResponses.Overview::of);
    }

    public void analytics(Context ctx) {
        ctx.json(ReadSideResponses.Analytics.of(readSide.analytics(caller(ctx).id())));
    }

    public void distributorDetail(Context ctx) {
        ctx.json(ReadSideResponses.Detail.of(readSide.detail(caller(ctx).id(), distributorId(ctx))));
    }

    // ---- one distributor ---------------------------------------------------------------------------------

    private void summary(Context ctx, UserId distributor) {
        ctx.json(ReadSideResponses.Summary.of(readSide.summary(caller(ctx).id(), distributor)));
    }

    private void sales(Context ctx, UserId distributor) {
        Optional<InvitationState> status = enumParam(ctx, "status", InvitationState.class);
        Optional<Instant> from = Optional.ofNullable(queryParam(ctx, "from")).map(raw -> moment(raw, "from", false));
        Optional<Instant> to = Optional.ofNullable(queryParam(ctx, "to")).map(raw -> moment(raw, "to", true));
        SalesFilter filter = new SalesFilter(status, from, to, Optional.ofNullable(queryParam(ctx, "q")));
        PageRequest page = pageRequest(ctx);
        PageBody.answer(ctx, readSide.sales(caller(ctx).id(), distributor, filter, page), ReadSideResponses.Sale::of);
    }

    private void members(Context ctx, UserId distributor) {
        PageRequest page = pageRequest(ctx);
        PageBody.answer(ctx, readSide.members(caller(ctx).id(), distributor, Optional.ofNullable(queryParam(ctx, "q")), page),
                ReadSideResponses.Member::of);
    }

    private void salesTrend(Context ctx, UserId distributor) {
        int days = Optional.ofNullable(queryParam(ctx, "days")).map(raw -> (int) Math.min(positiveId(raw, "days"), Integer.MAX_VALUE))
                .orElse(DEFAULT_TREND_DAYS);
        if (days > MAX_TREND_DAYS) {
            throw invalid("days must be between 1 and " + MAX_TREND_DAYS);
        }
        ctx.json(readSide.salesTrend(caller(ctx).id(), distributor, days).stream().map(ReadSideResponses.Trend::of)
                .collect(Collectors.toList()));
    }

    /** The caller, for {@code /me}: never an id from the request. */
    private static UserId self(Context ctx) {
        return caller(ctx).id();
    }

    static UserId distributorId(Context ctx) {
        return new UserId(HttpRequests.pathId(ctx, "distributor id"));
    }
}
