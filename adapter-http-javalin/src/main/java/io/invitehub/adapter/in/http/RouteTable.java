package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.auth.AuthHandlers;
import io.invitehub.adapter.in.http.codes.CodeHandlers;
import io.invitehub.adapter.in.http.distributors.DistributorAdminHandlers;
import io.invitehub.adapter.in.http.distributors.DistributorReadHandlers;
import io.invitehub.adapter.in.http.members.MemberHandlers;
import io.invitehub.adapter.in.http.recipients.RecipientHandlers;
import io.invitehub.adapter.in.http.redemption.PublicRedemptionHandlers;
import io.invitehub.adapter.in.http.shop.GatewayHandlers;
import io.invitehub.adapter.in.http.shop.ShopApi;
import io.invitehub.adapter.in.http.shop.ShopHandlers;
import io.invitehub.adapter.in.http.teams.TeamHandlers;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static io.invitehub.adapter.in.http.Access.ADMIN;
import static io.invitehub.adapter.in.http.Access.CODE_HOLDERS;
import static io.invitehub.adapter.in.http.Access.DISTRIBUTOR;
import static io.invitehub.adapter.in.http.Access.SIGNED_IN;
import static io.invitehub.adapter.in.http.Access.STAFF;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/**
 * THE route table: every route of the API, one row each — method, path, who may call it, the content
 * types its body may have, and its handler. Javalin matches in this order, so fixed segments
 * ({@code /me}, {@code /batch}) come before the path parameter they would otherwise match. The server
 * installs these rows; the role matrix, the API reference check and the fuzz test walk them.
 */
public final class RouteTable {
    /** Who may call a public route: anyone, signed in or not. */
    private static final Access ANYONE = null;
    private static final Set<String> NO_BODY = Set.of();
    private static final Set<String> JSON = Set.of(Route.JSON);
    private static final Set<String> FORM = Set.of(Route.FORM);
    /** The routes docs/api.md lets clients of the reference call with a form (login, redeem, rebind). */
    private static final Set<String> JSON_OR_FORM = Set.of(Route.JSON, Route.FORM);

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** Every route, in declaration (= matching) order. */
    public List<Route> routes() {
        return routes;
    }

    /** The table over these use cases: the handlers of each feature, and the rows that reach them. */
    public static RouteTable of(HttpPorts ports, TrustedProxies proxies, BooleanSupplier databaseHealthy, Clock clock) {
        HealthHandler health = new HealthHandler(databaseHealthy);
        PublicRedemptionHandlers redemption = new PublicRedemptionHandlers(ports.redeem(), ports.queries(), proxies);
        AuthHandlers auth = new AuthHandlers(ports.signIn(), ports.signUp(), ports.accounts(), proxies, clock);
        DistributorReadHandlers readSide = new DistributorReadHandlers(ports.readSide());
        DistributorAdminHandlers distributors = new DistributorAdminHandlers(ports.distributors());
        CodeHandlers codes = new CodeHandlers(ports.readSide(), ports.manageCodes(), ports.issueCodes(), clock);
        TeamHandlers teams = new TeamHandlers(ports.teams());
        MemberHandlers members = new MemberHandlers(ports.removal(), ports.reinvite(), ports.rebind(), proxies);
        RecipientHandlers recipients = new RecipientHandlers(ports.recipients(), proxies);
        ShopApi s = ports.shop();
        ShopHandlers shop = new ShopHandlers(s.plans(), s.shop(), s.admin(), s.currency());
        GatewayHandlers gateway = new GatewayHandlers(s.notifications(), s.sandbox(), s.currency());

        return new RouteTable(List.of(
                row(GET, "/health", ANYONE, NO_BODY, health::health),

                row(POST, "/api/v1/public/redeem", ANYONE, JSON_OR_FORM, redemption::redeem),
                row(POST, "/api/v1/public/direct-redeem", ANYONE, JSON_OR_FORM, redemption::redeem),
                row(GET, "/api/v1/public/invitations/{id}", ANYONE, NO_BODY, redemption::invitation),
                row(GET, "/api/v1/public/status", ANYONE, NO_BODY, redemption::status),
                row(GET, "/api/v1/public/seats", ANYONE, NO_BODY, redemption::seats),
                row(POST, "/api/v1/public/opt-out", ANYONE, JSON, recipients::optOut),
                row(POST, "/api/v1/public/rebind", ANYONE, JSON_OR_FORM, members::rebind),

                row(GET, "/api/v1/public/shop/notify", ANYONE, NO_BODY, gateway::notify),
                row(POST, "/api/v1/public/shop/notify", ANYONE, FORM, gateway::notify),
                row(GET, "/api/v1/public/shop/sandbox/submit.php", ANYONE, NO_BODY, gateway::sandboxPayPage),
                row(GET, "/api/v1/public/shop/return", ANYONE, NO_BODY, gateway::returnPage),

                row(POST, "/api/v1/auth/login", ANYONE, JSON_OR_FORM, auth::login),
                row(POST, "/api/v1/auth/send-verification-code", ANYONE, JSON, auth::sendVerificationCode),
                row(POST, "/api/v1/auth/register-distributor", ANYONE, JSON, auth::registerDistributor),
                row(GET, "/api/v1/auth/me", SIGNED_IN, NO_BODY, auth::me),
                row(POST, "/api/v1/auth/change-password", SIGNED_IN, JSON, auth::changePassword),

                row(GET, "/api/v1/distributors/me/summary", DISTRIBUTOR, NO_BODY, readSide::mySummary),
                row(GET, "/api/v1/distributors/me/sales", DISTRIBUTOR, NO_BODY, readSide::mySales),
                row(GET, "/api/v1/distributors/me/members", DISTRIBUTOR, NO_BODY, readSide::myMembers),
                row(GET, "/api/v1/distributors/me/sales-trend", DISTRIBUTOR, NO_BODY, readSide::mySalesTrend),
                row(GET, "/api/v1/distributors/me/plan-ranking", DISTRIBUTOR, NO_BODY, readSide::myPlanRanking),
                row(GET, "/api/v1/distributors/me/codes", DISTRIBUTOR, NO_BODY, codes::myCodes),
                row(PUT, "/api/v1/distributors/me/codes/{id}/toggle", DISTRIBUTOR, NO_BODY, codes::toggle),
                row(DELETE, "/api/v1/distributors/me/codes/{id}", DISTRIBUTOR, NO_BODY, codes::delete),
                row(POST, "/api/v1/distributors/me/members/remove", DISTRIBUTOR, JSON, members::removeMine),
                row(POST, "/api/v1/distributors/me/members/add", DISTRIBUTOR, JSON, members::reinviteMine),

                row(GET, "/api/v1/distributors/me/code-plans", DISTRIBUTOR, NO_BODY, shop::myPlans),
                row(POST, "/api/v1/distributors/me/code-orders", DISTRIBUTOR, JSON, shop::placeOrder),
                row(GET, "/api/v1/distributors/me/code-orders", DISTRIBUTOR, NO_BODY, shop::myOrders),
                row(GET, "/api/v1/distributors/me/code-orders/{order_no}", DISTRIBUTOR, NO_BODY, shop::myOrder),

                row(GET, "/api/v1/redeem-codes", CODE_HOLDERS, NO_BODY, codes::listCodes),
                row(DELETE, "/api/v1/redeem-codes/batch", CODE_HOLDERS, JSON, codes::deleteBatch),
                row(PUT, "/api/v1/redeem-codes/{id}/toggle", CODE_HOLDERS, NO_BODY, codes::toggle),
                row(DELETE, "/api/v1/redeem-codes/{id}", CODE_HOLDERS, NO_BODY, codes::delete),
                row(GET, "/api/v1/redeem-codes/{id}/records", CODE_HOLDERS, NO_BODY, codes::codeRecords),

                row(POST, "/api/v1/admin/teams", STAFF, JSON, teams::createTeam),
                row(GET, "/api/v1/admin/teams", STAFF, NO_BODY, teams::listTeams),
                row(PATCH, "/api/v1/admin/teams/{id}", STAFF, JSON, teams::updateTeam),
                row(GET, "/api/v1/admin/teams/{id}/external-members", STAFF, NO_BODY, teams::externalMembers),
                row(PUT, "/api/v1/admin/teams/{id}/credentials", STAFF, JSON, teams::replaceCredentials),
                row(POST, "/api/v1/admin/team-groups", STAFF, JSON, teams::createGroup),
                row(POST, "/api/v1/distributors/{id}/grant-codes", STAFF, JSON, codes::grant),
                row(POST, "/api/v1/redeem-codes", STAFF, JSON, codes::platformCodes),
                row(GET, "/api/v1/admin/invitations/removal-failures", STAFF, NO_BODY, members::removalFailures),
                row(POST, "/api/v1/admin/invitations/{id}/remove", STAFF, JSON, members::removeByStaff),

                row(GET, "/api/v1/distributors", STAFF, NO_BODY, readSide::listDistributors),
                row(GET, "/api/v1/distributors/{id}/summary", STAFF, NO_BODY, readSide::distributorSummary),
                row(GET, "/api/v1/distributors/{id}/sales", STAFF, NO_BODY, readSide::distributorSales),
                row(GET, "/api/v1/distributors/{id}/members", STAFF, NO_BODY, readSide::distributorMembers),
                row(GET, "/api/v1/distributors/{id}/sales-trend", STAFF, NO_BODY, readSide::distributorSalesTrend),
                row(GET, "/api/v1/admins/distributors/analytics", STAFF, NO_BODY, readSide::analytics),
                row(GET, "/api/v1/admins/distributors/{id}/detail", STAFF, NO_BODY, readSide::distributorDetail),

                row(GET, "/api/v1/admin/orders", STAFF, NO_BODY, shop::orders),
                row(GET, "/api/v1/admin/orders/stats", STAFF, NO_BODY, shop::stats),
                row(GET, "/api/v1/admin/orders/{order_no}", STAFF, NO_BODY, shop::order),
                row(POST, "/api/v1/admin/orders/{order_no}/retry-fulfilment", STAFF, NO_BODY, shop::retryFulfilment),
                row(GET, "/api/v1/admin/payment-alerts", STAFF, NO_BODY, shop::alerts),

                row(GET, "/api/v1/admin/code-plans", ADMIN, NO_BODY, shop::listPlans),
                row(POST, "/api/v1/admin/code-plans", ADMIN, JSON, shop::createPlan),
                row(PUT, "/api/v1/admin/code-plans/{id}", ADMIN, JSON, shop::updatePlan),
                row(DELETE, "/api/v1/admin/code-plans/{id}", ADMIN, NO_BODY, shop::deletePlan),

                row(POST, "/api/v1/admins/distributors/create", ADMIN, JSON, distributors::create),
                row(GET, "/api/v1/admins/pending-distributors", ADMIN, NO_BODY, distributors::pending),
                row(POST, "/api/v1/admins/distributors/{id}/approve", ADMIN, NO_BODY, distributors::approve),
                row(POST, "/api/v1/admins/distributors/{id}/reject", ADMIN, JSON, distributors::reject),
                row(POST, "/api/v1/admins/distributors/{id}/suspend", ADMIN, NO_BODY, distributors::suspend),
                row(POST, "/api/v1/admins/distributors/{id}/reactivate", ADMIN, NO_BODY, distributors::reactivate),
                row(DELETE, "/api/v1/admins/distributors/{id}", ADMIN, NO_BODY, distributors::delete),

                row(GET, "/api/v1/admins/blocklist", ADMIN, NO_BODY, recipients::blocks),
                row(POST, "/api/v1/admins/blocklist", ADMIN, JSON, recipients::block),
                row(DELETE, "/api/v1/admins/blocklist/{id}", ADMIN, NO_BODY, recipients::unblock),
                row(POST, "/api/v1/admins/opt-outs/lift", ADMIN, JSON, recipients::liftOptOut)));
    }

    private static Route row(HandlerType method, String path, Access access, Set<String> accepts, Handler handler) {
        return new Route(method, path, Optional.ofNullable(access), accepts, handler);
    }
}
