package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.accounts.StaffAccountHandlers;
import io.invitehub.adapter.in.http.alerts.AlertHandlers;
import io.invitehub.adapter.in.http.audit.AuditHandlers;
import io.invitehub.adapter.in.http.auth.AuthHandlers;
import io.invitehub.adapter.in.http.brands.BrandHandlers;
import io.invitehub.adapter.in.http.auth.PasswordResetHandlers;
import io.invitehub.adapter.in.http.webhooks.WebhookHandlers;
import io.invitehub.adapter.in.http.codes.CodeHandlers;
import io.invitehub.adapter.in.http.codes.PlatformCodeHandlers;
import io.invitehub.adapter.in.http.crm.CrmHandlers;
import io.invitehub.adapter.in.http.distributors.DistributorAdminHandlers;
import io.invitehub.adapter.in.http.distributors.DistributorReadHandlers;
import io.invitehub.adapter.in.http.distributors.PlatformReadHandlers;
import io.invitehub.adapter.in.http.exports.ExportHandlers;
import io.invitehub.adapter.in.http.members.InvitationSearchHandlers;
import io.invitehub.adapter.in.http.members.MemberHandlers;
import io.invitehub.adapter.in.http.recipients.OptOutHandlers;
import io.invitehub.adapter.in.http.recipients.RecipientHandlers;
import io.invitehub.adapter.in.http.redemption.PublicRedemptionHandlers;
import io.invitehub.adapter.in.http.settlement.SettlementHandlers;
import io.invitehub.adapter.in.http.shop.GatewayHandlers;
import io.invitehub.adapter.in.http.shop.ShopApi;
import io.invitehub.adapter.in.http.shop.ShopHandlers;
import io.invitehub.adapter.in.http.site.SiteHandlers;
import io.invitehub.adapter.in.http.teams.TeamHandlers;
import io.invitehub.adapter.in.http.teams.TeamPoolHandlers;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
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
 * types its body may have, what it reads from the request (its {@link RequestShape}: path, query and
 * body fields with their shapes, ADR 33), and its handler. Javalin matches in this order, so fixed segments
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
    /** What a route reads that reads nothing from the request. */
    private static final RequestShape NOTHING = RequestShape.none();

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
        return of(ports, proxies, HttpOperations.databaseOnly(databaseHealthy), clock);
    }

    /** With the operators' routes: {@code /ready}, and {@code /metrics} for staff when the metrics page is served here (ADR 39). */
    public static RouteTable of(HttpPorts ports, TrustedProxies proxies, HttpOperations operations, Clock clock) {
        HealthHandler health = new HealthHandler(operations);
        ApiDocsHandler docs = new ApiDocsHandler();
        PublicRedemptionHandlers redemption = new PublicRedemptionHandlers(ports.redeem(), ports.queries(), proxies);
        AuthHandlers auth = new AuthHandlers(ports.signIn(), ports.signUp(), ports.accounts(), proxies, clock);
        DistributorReadHandlers readSide = new DistributorReadHandlers(ports.readSide());
        DistributorAdminHandlers distributors = new DistributorAdminHandlers(ports.distributors());
        CodeHandlers codes = new CodeHandlers(ports.readSide(), ports.manageCodes(), ports.issueCodes(), clock);
        TeamHandlers teams = new TeamHandlers(ports.teams());
        MemberHandlers members = new MemberHandlers(ports.removal(), ports.reinvite(), ports.rebind(), proxies);
        RecipientHandlers recipients = new RecipientHandlers(ports.recipients(), proxies);
        ShopApi s = ports.shop();
        ShopHandlers shop = new ShopHandlers(s.plans(), s.shop(), s.admin(), s.currency(), s.cancel(), s.refund());
        GatewayHandlers gateway = new GatewayHandlers(s.notifications(), s.sandbox(), s.query(), s.currency());
        ExportHandlers exports = new ExportHandlers(ports.exports());
        CrmHandlers crm = new CrmHandlers(ports.crm());
        SettlementHandlers settlement = new SettlementHandlers(ports.settlementQueries(), ports.settlement(), s.currency());
        BrandHandlers brands = new BrandHandlers(ports.brands().profiles(), ports.brands().publicBrands(), ports.brands().customHosts());
        SiteHandlers site = new SiteHandlers(ports.site());
        PasswordResetHandlers resets = new PasswordResetHandlers(ports.passwordReset(), proxies);
        WebhookHandlers webhooks = new WebhookHandlers(ports.webhooks());
        StaffPorts st = ports.staff();
        StaffAccountHandlers staffAccounts = new StaffAccountHandlers(st.accounts());
        AuditHandlers audit = new AuditHandlers(st.audit());
        AlertHandlers alerts = new AlertHandlers(st.alerts());
        PlatformReadHandlers platform = new PlatformReadHandlers(st.platform());
        PlatformCodeHandlers platformCodes = new PlatformCodeHandlers(st.platform());
        TeamPoolHandlers pool = new TeamPoolHandlers(st.teamPool());
        InvitationSearchHandlers invitations = new InvitationSearchHandlers(st.invitations());
        OptOutHandlers optOuts = new OptOutHandlers(st.optOuts());

        List<Route> operatorRoutes = new java.util.ArrayList<>(List.of(
                row(GET, "/health", ANYONE, NO_BODY, NOTHING, health::health),
                row(GET, "/ready", ANYONE, NO_BODY, NOTHING, health::ready),
                row(GET, "/openapi.json", ANYONE, NO_BODY, NOTHING, docs::document),
                row(GET, "/api-docs", ANYONE, NO_BODY, NOTHING, docs::page),
                row(GET, "/api-docs/init.js", ANYONE, NO_BODY, NOTHING, docs::initScript)));
        if (operations.metrics().isPresent()) {
            operatorRoutes.add(row(GET, "/metrics", STAFF, NO_BODY, NOTHING, health::metrics));
        }
        List<Route> apiRoutes = List.of(

                row(POST, "/api/v1/public/redeem", ANYONE, JSON_OR_FORM, PublicRedemptionHandlers.REDEEM, redemption::redeem),
                row(POST, "/api/v1/public/direct-redeem", ANYONE, JSON_OR_FORM, PublicRedemptionHandlers.REDEEM, redemption::redeem),
                row(GET, "/api/v1/public/invitations/{id}", ANYONE, NO_BODY, PublicRedemptionHandlers.INVITATION, redemption::invitation),
                row(GET, "/api/v1/public/status", ANYONE, NO_BODY, PublicRedemptionHandlers.STATUS, redemption::status),
                row(GET, "/api/v1/public/seats", ANYONE, NO_BODY, NOTHING, redemption::seats),
                row(POST, "/api/v1/public/opt-out", ANYONE, JSON, RecipientHandlers.OPT_OUT, recipients::optOut),
                row(POST, "/api/v1/public/rebind", ANYONE, JSON_OR_FORM, MemberHandlers.REBIND, members::rebind),
                row(GET, "/api/v1/public/site", ANYONE, NO_BODY, SiteHandlers.SITE, site::site),
                row(GET, "/api/v1/public/plans", ANYONE, NO_BODY, NOTHING, shop::publicPlans),
                row(GET, "/api/v1/public/brands/{slug}", ANYONE, NO_BODY, BrandHandlers.ONE_BRAND, brands::publicBrand),
                row(GET, "/api/v1/public/custom-hosts/check", ANYONE, NO_BODY, BrandHandlers.HOST_CHECK, brands::checkHost),

                row(GET, "/api/v1/public/shop/notify", ANYONE, NO_BODY, GatewayHandlers.GATEWAY, gateway::notify),
                row(POST, "/api/v1/public/shop/notify", ANYONE, FORM, GatewayHandlers.GATEWAY, gateway::notify),
                row(GET, "/api/v1/public/shop/sandbox/submit.php", ANYONE, NO_BODY, GatewayHandlers.GATEWAY, gateway::sandboxPayPage),
                row(POST, "/api/v1/public/shop/sandbox/pay", ANYONE, FORM, GatewayHandlers.GATEWAY, gateway::sandboxPay),
                row(GET, "/api/v1/public/shop/return", ANYONE, NO_BODY, GatewayHandlers.RETURN, gateway::returnPage),

                row(POST, "/api/v1/auth/login", ANYONE, JSON_OR_FORM, AuthHandlers.LOGIN, auth::login),
                row(POST, "/api/v1/auth/send-verification-code", ANYONE, JSON, AuthHandlers.SEND_VERIFICATION_CODE, auth::sendVerificationCode),
                row(POST, "/api/v1/auth/register-distributor", ANYONE, JSON, AuthHandlers.REGISTER_DISTRIBUTOR, auth::registerDistributor),
                row(GET, "/api/v1/exports/download", ANYONE, NO_BODY, ExportHandlers.DOWNLOAD, exports::download),

                row(POST, "/api/v1/auth/password-reset/request", ANYONE, JSON, PasswordResetHandlers.REQUEST, resets::request),
                row(POST, "/api/v1/auth/password-reset/confirm", ANYONE, JSON, PasswordResetHandlers.RESET, resets::reset),
                row(GET, "/api/v1/auth/me", SIGNED_IN, NO_BODY, NOTHING, auth::me),
                row(POST, "/api/v1/auth/change-password", SIGNED_IN, JSON, AuthHandlers.CHANGE_PASSWORD, auth::changePassword),
                row(POST, "/api/v1/auth/renew", SIGNED_IN, NO_BODY, NOTHING, auth::renew),

                row(GET, "/api/v1/distributors/me/summary", DISTRIBUTOR, NO_BODY, DistributorReadHandlers.MINE, readSide::mySummary),
                row(GET, "/api/v1/distributors/me/sales", DISTRIBUTOR, NO_BODY, DistributorReadHandlers.MY_SALES, readSide::mySales),
                row(GET, "/api/v1/distributors/me/members", DISTRIBUTOR, NO_BODY, DistributorReadHandlers.MY_MEMBERS, readSide::myMembers),
                row(GET, "/api/v1/distributors/me/sales-trend", DISTRIBUTOR, NO_BODY, DistributorReadHandlers.MY_SALES_TREND, readSide::mySalesTrend),
                row(GET, "/api/v1/distributors/me/plan-ranking", DISTRIBUTOR, NO_BODY, DistributorReadHandlers.MINE, readSide::myPlanRanking),
                row(GET, "/api/v1/distributors/me/profile", DISTRIBUTOR, NO_BODY, NOTHING, brands::myProfile),
                row(PUT, "/api/v1/distributors/me/profile", DISTRIBUTOR, JSON, BrandHandlers.PROFILE, brands::updateMyProfile),
                row(GET, "/api/v1/distributors/me/codes", DISTRIBUTOR, NO_BODY, CodeHandlers.MY_CODES, codes::myCodes),
                row(PUT, "/api/v1/distributors/me/codes/{id}/toggle", DISTRIBUTOR, NO_BODY, CodeHandlers.ONE, codes::toggle),
                row(DELETE, "/api/v1/distributors/me/codes/{id}", DISTRIBUTOR, NO_BODY, CodeHandlers.ONE, codes::delete),
                row(POST, "/api/v1/distributors/me/members/remove", DISTRIBUTOR, JSON, MemberHandlers.REMOVE_MINE, members::removeMine),
                row(POST, "/api/v1/distributors/me/members/add", DISTRIBUTOR, JSON, MemberHandlers.REINVITE_MINE, members::reinviteMine),

                row(GET, "/api/v1/distributors/me/customers/{email}", DISTRIBUTOR, NO_BODY, CrmHandlers.CUSTOMER, crm::customer),
                row(POST, "/api/v1/distributors/me/customers/{email}/tags", DISTRIBUTOR, JSON, CrmHandlers.ADD_TAG, crm::addTag),
                row(DELETE, "/api/v1/distributors/me/customers/{email}/tags/{tag}", DISTRIBUTOR, NO_BODY, CrmHandlers.REMOVE_TAG, crm::removeTag),
                row(PUT, "/api/v1/distributors/me/customers/{email}/note", DISTRIBUTOR, JSON, CrmHandlers.NOTE, crm::writeNote),
                row(GET, "/api/v1/distributors/me/customers/{email}/note/history", DISTRIBUTOR, NO_BODY, CrmHandlers.HISTORY, crm::noteHistory),
                row(GET, "/api/v1/distributors/me/tags", DISTRIBUTOR, NO_BODY, CrmHandlers.TAGS, crm::tags),

                row(GET, "/api/v1/distributors/me/statements", DISTRIBUTOR, NO_BODY, SettlementHandlers.MINE, settlement::myStatements),
                row(GET, "/api/v1/distributors/me/ledger", DISTRIBUTOR, NO_BODY, SettlementHandlers.MY_LEDGER, settlement::myLedger),

                row(GET, "/api/v1/distributors/me/exports/{kind}", DISTRIBUTOR, NO_BODY, ExportHandlers.MINE, exports::myExport),
                row(POST, "/api/v1/distributors/me/exports/{kind}/links", DISTRIBUTOR, NO_BODY, ExportHandlers.MINE, exports::myLink),

                row(GET, "/api/v1/distributors/me/code-plans", DISTRIBUTOR, NO_BODY, ShopHandlers.NOTHING, shop::myPlans),
                row(POST, "/api/v1/distributors/me/code-orders", DISTRIBUTOR, JSON, ShopHandlers.PLACE_ORDER, shop::placeOrder),
                row(GET, "/api/v1/distributors/me/code-orders", DISTRIBUTOR, NO_BODY, ShopHandlers.PAGE, shop::myOrders),
                row(GET, "/api/v1/distributors/me/code-orders/{order_no}", DISTRIBUTOR, NO_BODY, ShopHandlers.ONE_ORDER, shop::myOrder),
                row(POST, "/api/v1/distributors/me/code-orders/{order_no}/cancel", DISTRIBUTOR, NO_BODY, ShopHandlers.ONE_ORDER, shop::cancelMyOrder),

                row(POST, "/api/v1/distributors/me/webhooks", DISTRIBUTOR, JSON, WebhookHandlers.CREATE, webhooks::create),
                row(GET, "/api/v1/distributors/me/webhooks", DISTRIBUTOR, NO_BODY, WebhookHandlers.LIST, webhooks::list),
                row(DELETE, "/api/v1/distributors/me/webhooks/{id}", DISTRIBUTOR, NO_BODY, WebhookHandlers.ONE, webhooks::delete),
                row(GET, "/api/v1/distributors/me/webhooks/{id}/deliveries", DISTRIBUTOR, NO_BODY, WebhookHandlers.DELIVERIES, webhooks::deliveries),
                row(POST, "/api/v1/distributors/me/webhooks/{id}/deliveries/{delivery_id}/redeliver", DISTRIBUTOR, NO_BODY,
                        WebhookHandlers.ONE_DELIVERY, webhooks::redeliver),

                row(GET, "/api/v1/redeem-codes", CODE_HOLDERS, NO_BODY, CodeHandlers.LIST, codes::listCodes),
                row(DELETE, "/api/v1/redeem-codes/batch", CODE_HOLDERS, JSON, CodeHandlers.DELETE_BATCH, codes::deleteBatch),
                row(PUT, "/api/v1/redeem-codes/{id}/toggle", CODE_HOLDERS, NO_BODY, CodeHandlers.ONE, codes::toggle),
                row(DELETE, "/api/v1/redeem-codes/{id}", CODE_HOLDERS, NO_BODY, CodeHandlers.ONE, codes::delete),
                row(GET, "/api/v1/redeem-codes/{id}/records", CODE_HOLDERS, NO_BODY, CodeHandlers.RECORDS, codes::codeRecords),

                row(POST, "/api/v1/admin/teams", STAFF, JSON, TeamHandlers.CREATE_TEAM, teams::createTeam),
                row(GET, "/api/v1/admin/teams", STAFF, NO_BODY, TeamHandlers.LIST_TEAMS, teams::listTeams),
                row(PATCH, "/api/v1/admin/teams/{id}", STAFF, JSON, TeamHandlers.UPDATE_TEAM, teams::updateTeam),
                row(DELETE, "/api/v1/admin/teams/{id}", STAFF, NO_BODY, TeamPoolHandlers.ONE_TEAM, pool::deleteTeam),
                row(GET, "/api/v1/admin/teams/{id}/external-members", STAFF, NO_BODY, TeamHandlers.ONE_TEAM, teams::externalMembers),
                row(PUT, "/api/v1/admin/teams/{id}/credentials", STAFF, JSON, TeamHandlers.REPLACE_CREDENTIALS, teams::replaceCredentials),
                row(POST, "/api/v1/admin/team-groups", STAFF, JSON, TeamHandlers.CREATE_GROUP, teams::createGroup),
                row(GET, "/api/v1/admin/team-groups", STAFF, NO_BODY, TeamPoolHandlers.GROUPS, pool::groups),
                row(POST, "/api/v1/distributors/{id}/grant-codes", STAFF, JSON, CodeHandlers.GRANT, codes::grant),
                row(POST, "/api/v1/redeem-codes", STAFF, JSON, CodeHandlers.PLATFORM_CODES, codes::platformCodes),
                row(GET, "/api/v1/admin/platform-codes", STAFF, NO_BODY, PlatformCodeHandlers.LIST, platformCodes::list),
                row(GET, "/api/v1/admin/platform-codes/export", STAFF, NO_BODY, ExportHandlers.PLATFORM, exports::platformExport),
                row(POST, "/api/v1/admin/platform-codes/export/links", STAFF, NO_BODY, ExportHandlers.PLATFORM, exports::platformLink),
                row(GET, "/api/v1/admin/invitations", STAFF, NO_BODY, InvitationSearchHandlers.SEARCH, invitations::search),
                row(GET, "/api/v1/admin/invitations/removal-failures", STAFF, NO_BODY, MemberHandlers.REMOVAL_FAILURES, members::removalFailures),
                row(POST, "/api/v1/admin/invitations/{id}/remove", STAFF, JSON, MemberHandlers.REMOVE_BY_STAFF, members::removeByStaff),

                row(GET, "/api/v1/distributors", STAFF, NO_BODY, DistributorReadHandlers.LIST, readSide::listDistributors),
                row(GET, "/api/v1/distributors/{id}/summary", STAFF, NO_BODY, DistributorReadHandlers.ONE, readSide::distributorSummary),
                row(GET, "/api/v1/distributors/{id}/sales", STAFF, NO_BODY, DistributorReadHandlers.SALES, readSide::distributorSales),
                row(GET, "/api/v1/distributors/{id}/members", STAFF, NO_BODY, DistributorReadHandlers.MEMBERS, readSide::distributorMembers),
                row(GET, "/api/v1/distributors/{id}/sales-trend", STAFF, NO_BODY, DistributorReadHandlers.SALES_TREND, readSide::distributorSalesTrend),
                row(GET, "/api/v1/distributors/{id}/statements", STAFF, NO_BODY, SettlementHandlers.ONE, settlement::statements),
                row(GET, "/api/v1/distributors/{id}/ledger", STAFF, NO_BODY, SettlementHandlers.LEDGER, settlement::distributorLedger),
                row(POST, "/api/v1/distributors/{id}/ledger/refunds", STAFF, JSON, SettlementHandlers.REFUND, settlement::refund),
                row(POST, "/api/v1/distributors/{id}/ledger/adjustments", STAFF, JSON, SettlementHandlers.ADJUST, settlement::adjust),
                row(GET, "/api/v1/distributors/{id}/settlement/files/{layout}", STAFF, NO_BODY, SettlementHandlers.DISTRIBUTOR_FILE, settlement::distributorFile),
                row(GET, "/api/v1/distributors/{id}/unit-price", STAFF, NO_BODY, SettlementHandlers.ONE, settlement::price),
                row(PUT, "/api/v1/distributors/{id}/unit-price", ADMIN, JSON, SettlementHandlers.UNIT_PRICE, settlement::unitPrice),
                row(GET, "/api/v1/admin/statements", STAFF, NO_BODY, SettlementHandlers.MONTH_LIST, settlement::monthStatements),
                row(POST, "/api/v1/admin/statements/{id}/confirm", STAFF, NO_BODY, SettlementHandlers.CONFIRM, settlement::confirm),
                row(POST, "/api/v1/admin/statements/{id}/pay", STAFF, JSON, SettlementHandlers.PAY, settlement::pay),
                row(GET, "/api/v1/admin/settlement/files/{layout}", STAFF, NO_BODY, SettlementHandlers.MONTH_FILE, settlement::monthFile),
                row(GET, "/api/v1/distributors/{id}/exports/{kind}", STAFF, NO_BODY, ExportHandlers.STAFF, exports::distributorExport),
                row(POST, "/api/v1/distributors/{id}/exports/{kind}/links", STAFF, NO_BODY, ExportHandlers.STAFF, exports::distributorLink),
                row(GET, "/api/v1/admins/distributors/analytics", STAFF, NO_BODY, NOTHING, readSide::analytics),
                row(GET, "/api/v1/admins/distributors/{id}/detail", STAFF, NO_BODY, DistributorReadHandlers.ONE, readSide::distributorDetail),
                row(GET, "/api/v1/admin/sales-trend", STAFF, NO_BODY, PlatformReadHandlers.TREND, platform::trend),
                row(GET, "/api/v1/admin/alerts", STAFF, NO_BODY, AlertHandlers.NOTHING, alerts::alerts),

                row(GET, "/api/v1/admin/orders", STAFF, NO_BODY, ShopHandlers.ORDERS, shop::orders),
                row(GET, "/api/v1/admin/orders/stats", STAFF, NO_BODY, ShopHandlers.NOTHING, shop::stats),
                row(GET, "/api/v1/admin/orders/{order_no}", STAFF, NO_BODY, ShopHandlers.ONE_ORDER, shop::order),
                row(POST, "/api/v1/admin/orders/{order_no}/retry-fulfilment", STAFF, NO_BODY, ShopHandlers.ONE_ORDER, shop::retryFulfilment),
                row(POST, "/api/v1/admin/orders/{order_no}/refund", STAFF, JSON, ShopHandlers.REFUND, shop::refundOrder),
                row(GET, "/api/v1/admin/payment-alerts", STAFF, NO_BODY, ShopHandlers.ALERTS, shop::alerts),
                row(POST, "/api/v1/admin/payment-alerts/{id}/handled", STAFF, JSON, ShopHandlers.HANDLE_ALERT, shop::handleAlert),

                // the platform's webhook endpoints receive every event: integration settings, the admin's (SPEC section 1); the
                // use case refuses an operator too
                row(POST, "/api/v1/admin/webhooks", ADMIN, JSON, WebhookHandlers.CREATE, webhooks::create),
                row(GET, "/api/v1/admin/webhooks", ADMIN, NO_BODY, WebhookHandlers.LIST, webhooks::list),
                row(DELETE, "/api/v1/admin/webhooks/{id}", ADMIN, NO_BODY, WebhookHandlers.ONE, webhooks::delete),
                row(GET, "/api/v1/admin/webhooks/{id}/deliveries", ADMIN, NO_BODY, WebhookHandlers.DELIVERIES, webhooks::deliveries),
                row(POST, "/api/v1/admin/webhooks/{id}/deliveries/{delivery_id}/redeliver", ADMIN, NO_BODY, WebhookHandlers.ONE_DELIVERY,
                        webhooks::redeliver),

                row(GET, "/api/v1/admin/code-plans", ADMIN, NO_BODY, ShopHandlers.NOTHING, shop::listPlans),
                row(POST, "/api/v1/admin/code-plans", ADMIN, JSON, ShopHandlers.PLAN, shop::createPlan),
                row(PUT, "/api/v1/admin/code-plans/{id}", ADMIN, JSON, ShopHandlers.UPDATE_PLAN, shop::updatePlan),
                row(DELETE, "/api/v1/admin/code-plans/{id}", ADMIN, NO_BODY, ShopHandlers.ONE_PLAN, shop::deletePlan),

                row(POST, "/api/v1/admins/distributors/create", ADMIN, JSON, DistributorAdminHandlers.CREATE, distributors::create),
                row(GET, "/api/v1/admins/pending-distributors", ADMIN, NO_BODY, DistributorAdminHandlers.PENDING, distributors::pending),
                row(POST, "/api/v1/admins/distributors/{id}/approve", ADMIN, NO_BODY, DistributorAdminHandlers.ONE, distributors::approve),
                row(POST, "/api/v1/admins/distributors/{id}/reject", ADMIN, JSON, DistributorAdminHandlers.REJECT, distributors::reject),
                row(POST, "/api/v1/admins/distributors/{id}/suspend", ADMIN, NO_BODY, DistributorAdminHandlers.ONE, distributors::suspend),
                row(POST, "/api/v1/admins/distributors/{id}/reactivate", ADMIN, NO_BODY, DistributorAdminHandlers.ONE, distributors::reactivate),
                row(DELETE, "/api/v1/admins/distributors/{id}", ADMIN, NO_BODY, DistributorAdminHandlers.ONE, distributors::delete),
                row(GET, "/api/v1/admins/custom-hosts", ADMIN, NO_BODY, BrandHandlers.CUSTOM_HOSTS, brands::customHosts),
                row(POST, "/api/v1/admins/distributors/{id}/custom-host/verify", ADMIN, JSON, BrandHandlers.VERIFY_HOST, brands::verifyHost),

                row(GET, "/api/v1/admins/blocklist", ADMIN, NO_BODY, RecipientHandlers.BLOCKS, recipients::blocks),
                row(POST, "/api/v1/admins/blocklist", ADMIN, JSON, RecipientHandlers.BLOCK, recipients::block),
                row(DELETE, "/api/v1/admins/blocklist/{id}", ADMIN, NO_BODY, RecipientHandlers.UNBLOCK, recipients::unblock),
                row(POST, "/api/v1/admins/opt-outs/lift", ADMIN, JSON, RecipientHandlers.LIFT_OPT_OUT, recipients::liftOptOut),
                row(GET, "/api/v1/admins/opt-outs", ADMIN, NO_BODY, OptOutHandlers.LIST, optOuts::list),

                row(GET, "/api/v1/admin/accounts", ADMIN, NO_BODY, StaffAccountHandlers.LIST, staffAccounts::list),
                row(POST, "/api/v1/admin/accounts", ADMIN, JSON, StaffAccountHandlers.CREATE, staffAccounts::createOperator),
                row(POST, "/api/v1/admin/accounts/{id}/disable", ADMIN, NO_BODY, StaffAccountHandlers.ONE, staffAccounts::disable),
                row(POST, "/api/v1/admin/accounts/{id}/enable", ADMIN, NO_BODY, StaffAccountHandlers.ONE, staffAccounts::enable),
                row(POST, "/api/v1/admin/accounts/{id}/reset-password", ADMIN, NO_BODY, StaffAccountHandlers.ONE, staffAccounts::resetPassword),
                row(GET, "/api/v1/admin/audit-log", ADMIN, NO_BODY, AuditHandlers.LIST, audit::list),
                row(GET, "/api/v1/admin/settings", ADMIN, NO_BODY, SiteHandlers.SITE, site::settings),
                row(PUT, "/api/v1/admin/settings", ADMIN, JSON, SiteHandlers.SETTINGS, site::update));
        List<Route> all = new java.util.ArrayList<>(operatorRoutes);
        all.addAll(apiRoutes);
        RouteTable table = new RouteTable(all);
        docs.describe(OpenApiDocument.of(table.routes()));
        return table;
    }

    /**
     * Writes whose own protocol or answer rules out Idempotency-Key (ADR 44): the gateway's (its trade number is its
     * idempotency), and those whose answer is a credential that must not rest in the key table in plain: the sign-in
     * (a token), the staff account's creation and password reset (a temporary password, ADR 50) and a webhook
     * endpoint's registration (its signing secret, kept sealed otherwise, ADR 42). The reference dialect's rows
     * ({@link ReferenceRouteTable}) take no key either: the reference's clients never send one.
     */
    static final Set<String> WITHOUT_IDEMPOTENCY_KEYS = Set.of("/api/v1/public/shop/notify", "/api/v1/public/shop/sandbox/pay",
            "/api/v1/auth/login", "/api/v1/admin/accounts", "/api/v1/admin/accounts/{id}/reset-password",
            "/api/v1/distributors/me/webhooks", "/api/v1/admin/webhooks");

    private static Route row(HandlerType method, String path, Access access, Set<String> accepts, RequestShape shape, Handler handler) {
        boolean write = method == POST || method == PUT || method == PATCH || method == DELETE;
        boolean keys = write && path.startsWith("/api/v1/") && !WITHOUT_IDEMPOTENCY_KEYS.contains(path);
        return new Route(method, path, Optional.ofNullable(access), accepts,
                keys ? shape.headers(HttpRequests.IDEMPOTENCY_KEY) : shape, handler, keys);
    }
}
