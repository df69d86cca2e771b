package io.invitehub.adapter.in.http.reference;

import io.invitehub.adapter.in.http.redemption.Redemption;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.application.distributors.port.in.DistributorQueries;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.MemberView;
import io.invitehub.application.distributors.view.SaleView;
import io.invitehub.application.distributors.port.in.SalesQuery;
import io.invitehub.application.membership.port.in.ReinviteCommand;
import io.invitehub.application.membership.port.in.ReinviteMemberUseCase;
import io.invitehub.application.membership.port.in.RemovalResult;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.membership.port.in.RemoveMemberUseCase;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shop.port.in.ManagePlansUseCase;
import io.invitehub.application.shop.port.in.PlaceOrderCommand;
import io.invitehub.application.shop.port.in.PlacedOrder;
import io.invitehub.application.shop.port.in.ShopUseCase;
import io.invitehub.domain.order.NewOrder;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * The reference's distributor pages ({@code /distributors/me/…}): dashboard numbers, sales, members with
 * remove and re-invite, the code packs on sale and their orders. Always about the signed-in distributor:
 * no id from the request is used for "me".
 */
public final class ReferenceDistributorHandlers {
    /** The reference answered at most this many of a distributor's orders. */
    static final int MAX_ORDERS = 100;

    /** What each route reads (ADR 33). */
    public static final RequestShape NOTHING = RequestShape.none();
    public static final RequestShape SALES = RequestShape.none().query(ReferenceWire.LIMIT);
    public static final RequestShape REMOVE_MEMBER = RequestShape.none().body(Field.email("email"), Field.id("team_id"),
            Field.prose("reason", RemoveMemberCommand.MAX_REASON_LENGTH));
    public static final RequestShape ADD_MEMBER = RequestShape.none().body(Field.email("email"), Field.id("team_id"));
    public static final RequestShape PLACE_ORDER = RequestShape.none().body(Field.id("plan_id"),
            Field.integer("quantity", 1, NewOrder.MAX_QUANTITY), Field.token("pay_type", 20));

    private final DistributorQueries readSide;
    private final RemoveMemberUseCase removal;
    private final ReinviteMemberUseCase reinvite;
    private final ManagePlansUseCase plans;
    private final ShopUseCase shop;
    private final TrustedProxies proxies;

    public ReferenceDistributorHandlers(DistributorQueries readSide, RemoveMemberUseCase removal, ReinviteMemberUseCase reinvite,
                                        ManagePlansUseCase plans, ShopUseCase shop, TrustedProxies proxies) {
        this.readSide = Objects.requireNonNull(readSide, "readSide");
        this.removal = Objects.requireNonNull(removal, "removal");
        this.reinvite = Objects.requireNonNull(reinvite, "reinvite");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.shop = Objects.requireNonNull(shop, "shop");
        this.proxies = Objects.requireNonNull(proxies, "proxies");
    }

    /**
     * The dashboard's numbers. {@code inactive_codes} are the codes no longer redeemable (used up, expired or
     * disabled), so active + inactive = total as in the reference; {@code pending_invites} are invitations
     * sent and not accepted.
     */
    record Summary(long totalCodesCreated, long activeCodes, long inactiveCodes, long totalSales, long pendingInvites,
                   long acceptedInvites, BigDecimal totalRevenueEstimate) {
        static Summary of(DistributorSummary s) {
            return new Summary(s.totalCodes(), s.activeCodes(), s.totalCodes() - s.activeCodes(), s.redeemAttempts(),
                    Math.max(0, s.invitesSentSuccess() - s.invitesAccepted()), s.invitesAccepted(),
                    ReferenceWire.yuan(s.totalRevenueEstimate()));
        }
    }

    /** One sale, as {@code /distributors/me/sales} and {@code /distributors/{id}/sales} list them. */
    record Sale(String code, String email, String teamName, String status, Instant createdAt, Instant acceptedAt) {
        static Sale of(SaleView s) {
            return new Sale(s.code().display(), s.email().value(), ReferenceWire.text(s.teamName()),
                    ReferenceWire.inviteStatus(s.status()), s.createdAt(), s.acceptedAt().orElse(null));
        }
    }

    /**
     * One member: {@code active} while invited, joined or being removed (the page offers "remove"), else the
     * way it ended, {@code removed}, {@code expired} or {@code rebound} (the page offers "re-invite").
     */
    record Member(long id, String email, Long teamId, String teamName, String redeemCode, Instant joinedAt, String status) {
        static Member of(MemberView m) {
            String status = m.ended() ? ReferenceWire.lower(m.status()) : "active";
            return new Member(m.id().value(), m.email().value(), m.teamId().map(TeamId::value).orElse(null),
                    ReferenceWire.text(m.teamName()), m.redeemCode().display(), m.joinedAt().orElse(null), status);
        }
    }

    record MemberRequest(String email, Long teamId, String reason) {
    }

    record Removed(String message, String email, String teamName, boolean codeUsageRestored) {
        static Removed of(RemovalResult r) {
            return new Removed(r.message(), r.email().value(), ReferenceWire.text(r.teamName()), r.codeUsageRestored());
        }
    }

    record Reinvited(String message, String email, String teamName, long inviteId) {
        static Reinvited of(RedemptionResult r, Email email) {
            return new Reinvited(Redemption.of(r).message(), email.value(), ReferenceWire.text(r.teamName()),
                    r.invitation().id().value());
        }
    }

    record CodePlan(long id, String name, long price, Long originalPrice, int codeCount, int codeMaxUses, int validityDays,
                    String description, boolean isRecommended) {
        static CodePlan of(Plan p) {
            PlanSpec s = p.spec();
            return new CodePlan(p.id().value(), s.name(), ReferenceWire.fen(s.price()), s.originalPrice().map(ReferenceWire::fen).orElse(null),
                    s.codeCount(), s.codeMaxUses(), s.validityDays(), s.description().orElse(null), s.recommended());
        }
    }

    record OrderRequest(Long planId, Integer quantity, String payType) {
    }

    record Placed(String orderNo, long amount, String payUrl, Instant expireAt) {
    }

    record OrderRow(String orderNo, String status, long amount, Long finalAmount, int quantity, int deliveredCount, Instant createdAt,
                    Instant paidAt) {
        static OrderRow of(Order o) {
            return new OrderRow(o.orderNo().value(), ReferenceWire.lower(o.status()), ReferenceWire.fen(o.amount()),
                    ReferenceWire.fen(o.finalAmount()), o.quantity(), o.fulfilment().delivered(), o.createdAt(), o.paidAt().orElse(null));
        }
    }

    // ---- dashboard, sales, members --------------------------------------------------------------------

    public void summary(Context ctx) {
        UserId me = caller(ctx).id();
        ctx.json(Summary.of(readSide.summary(me, me)));
    }

    /** {@code GET /distributors/me/sales?limit=}: newest first, a plain array; limit 100 by default, up to 1000. */
    public void sales(Context ctx) {
        UserId me = caller(ctx).id();
        int limit = ReferenceWire.limit(ctx);
        ctx.json(ReferenceWire.first(limit, page -> readSide.sales(me, me, SalesQuery.NONE, page)).stream().map(Sale::of)
                .collect(Collectors.toList()));
    }

    /** {@code GET /distributors/me/members}: every member (and those that ended recently), newest first, a plain array. */
    public void members(Context ctx) {
        UserId me = caller(ctx).id();
        ctx.json(ReferenceWire.first(ReferenceWire.MAX_LIST, page -> readSide.members(me, me, Optional.empty(), page)).stream()
                .map(Member::of).collect(Collectors.toList()));
    }

    /** {@code POST /distributors/me/members/remove {email, team_id, reason?}}: only a member of one of the caller's codes. */
    public void removeMember(Context ctx) {
        MemberRequest request = body(ctx, MemberRequest.class);
        Optional<String> reason = Optional.ofNullable(request.reason()).map(String::strip).filter(r -> !r.isEmpty());
        if (reason.filter(r -> r.length() > RemoveMemberCommand.MAX_REASON_LENGTH).isPresent()) {
            throw invalid("reason must have at most " + RemoveMemberCommand.MAX_REASON_LENGTH + " characters");
        }
        ctx.json(Removed.of(removal.remove(new RemoveMemberCommand(caller(ctx).id(), email(request), team(request), reason))));
    }

    /** {@code POST /distributors/me/members/add {email, team_id}}: re-invites a member the caller removed. */
    public void addMember(Context ctx) {
        MemberRequest request = body(ctx, MemberRequest.class);
        Email email = email(request);
        RedemptionResult result = reinvite.reinvite(new ReinviteCommand(caller(ctx).id(), email, team(request), proxies.clientAddress(ctx)));
        ctx.json(Reinvited.of(result, email));
    }

    // ---- code packs -----------------------------------------------------------------------------------

    /** {@code GET /distributors/me/code-plans}: the packs on sale, prices in integer fen. */
    public void codePlans(Context ctx) {
        ctx.json(plans.onSale(caller(ctx).id()).stream().map(CodePlan::of).collect(Collectors.toList()));
    }

    /** {@code POST /distributors/me/code-orders {plan_id, quantity = 1, pay_type = "alipay"}}: answered 200 as the reference did. */
    public void placeOrder(Context ctx) {
        OrderRequest request = body(ctx, OrderRequest.class);
        long planId = required(request.planId(), "plan_id");
        if (planId < 1) {
            throw invalid("plan_id must be a positive number");
        }
        int quantity = request.quantity() == null ? 1 : request.quantity();
        PayType payType = PayType.of(request.payType() == null ? "alipay" : request.payType());
        PlacedOrder placed = shop.place(new PlaceOrderCommand(caller(ctx).id(), new PlanId(planId), quantity, payType));
        Order o = placed.order();
        ctx.json(new Placed(o.orderNo().value(), ReferenceWire.fen(o.finalAmount()), placed.payUrl(), o.expireAt()));
    }

    /** {@code GET /distributors/me/code-orders}: the latest 100 own orders, newest first, a plain array. */
    public void orders(Context ctx) {
        ctx.json(shop.myOrders(caller(ctx).id(), PageRequest.first(MAX_ORDERS)).items().stream().map(OrderRow::of)
                .collect(Collectors.toList()));
    }

    // ---- parsing --------------------------------------------------------------------------------------

    private static Email email(MemberRequest request) {
        return Email.of(required(request.email(), "email"));
    }

    private static TeamId team(MemberRequest request) {
        long team = required(request.teamId(), "team_id");
        if (team < 1) {
            throw invalid("team_id must be a positive number");
        }
        return new TeamId(team);
    }
}
