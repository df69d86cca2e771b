package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.reference.ReferenceAdminHandlers;
import io.invitehub.adapter.in.http.reference.ReferenceApplicationHandlers;
import io.invitehub.adapter.in.http.reference.ReferenceAuthHandlers;
import io.invitehub.adapter.in.http.reference.ReferenceCodeHandlers;
import io.invitehub.adapter.in.http.reference.ReferenceDistributorHandlers;
import io.invitehub.adapter.in.http.reference.ReferencePublicHandlers;
import io.invitehub.adapter.in.http.reference.ReferenceSetupHandlers;
import io.invitehub.adapter.in.http.shop.GatewayHandlers;
import io.invitehub.adapter.in.http.shop.ShopApi;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.invitehub.adapter.in.http.Access.ADMIN;
import static io.invitehub.adapter.in.http.Access.CODE_HOLDERS;
import static io.invitehub.adapter.in.http.Access.DISTRIBUTOR;
import static io.invitehub.adapter.in.http.Access.SIGNED_IN;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/**
 * The reference dialect's route table (SPEC section 12, ADR 34): the routes the reference's own web client
 * and scripts call, with the reference's methods, paths, request encodings and access, and what each reads
 * (its {@link RequestShape}, ADR 33, like every row of {@link RouteTable}), mounted under
 * {@link Route#REFERENCE_PREFIX} so that a path both APIs have ({@code /distributors/me/summary}) answers each
 * client in its own shape. The handlers ({@code io.invitehub.adapter.in.http.reference}) drive the same
 * in-ports as InviteHub's own API; this table only says which request reaches which of them. Access follows
 * the reference (its admin routes are ADMIN only), never looser than InviteHub's own rules. Routes of
 * reference features InviteHub does not have are not declared: they answer 404 with a string
 * {@code detail} (docs/compatibility.md). Installed by {@link HttpApi} exactly as {@link RouteTable}'s rows
 * (access guard, shape, HEAD for GET) and walked with them by the role matrix, the route tests and the fuzz
 * test, through {@link HttpApi#routes()}. Only the login here accepts a multipart body.
 */
final class ReferenceRouteTable {
    private static final Access ANYONE = null;
    private static final Set<String> NO_BODY = Set.of();
    private static final Set<String> JSON = Set.of(Route.JSON);
    /** The reference's login: an OAuth2 password form, sent by its client as a {@code FormData} (multipart). */
    private static final Set<String> LOGIN_FORM = Set.of(Route.MULTIPART, Route.FORM);
    /** The gateway's notification, as on InviteHub's own route. */
    private static final Set<String> FORM = Set.of(Route.FORM);

    private final List<Route> routes;

    private ReferenceRouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    List<Route> routes() {
        return routes;
    }

    static ReferenceRouteTable of(HttpPorts ports, TrustedProxies proxies, Clock clock) {
        ShopApi s = ports.shop();
        ReferenceSetupHandlers setup = new ReferenceSetupHandlers(ports.accounts());
        ReferenceAuthHandlers auth = new ReferenceAuthHandlers(ports.signIn(), ports.signUp(), ports.accounts(), proxies);
        ReferenceApplicationHandlers applications = new ReferenceApplicationHandlers(ports.distributors());
        ReferenceAdminHandlers admin = new ReferenceAdminHandlers(ports.distributors(), ports.readSide(), ports.issueCodes(), clock);
        ReferenceDistributorHandlers mine = new ReferenceDistributorHandlers(ports.readSide(), ports.removal(), ports.reinvite(),
                s.plans(), s.shop(), proxies);
        ReferenceCodeHandlers codes = new ReferenceCodeHandlers(ports.readSide(), ports.manageCodes());
        ReferencePublicHandlers customer = new ReferencePublicHandlers(ports.redeem(), ports.queries(), ports.rebind(), proxies);
        GatewayHandlers gateway = new GatewayHandlers(s.notifications(), s.sandbox(), s.query(), s.currency());

        return new ReferenceRouteTable(List.of(
                row(POST, "/auth/login", ANYONE, LOGIN_FORM, ReferenceAuthHandlers.LOGIN, auth::login),
                row(GET, "/auth/me", SIGNED_IN, NO_BODY, ReferenceAuthHandlers.NOTHING, auth::me),
                row(POST, "/auth/send-verification-code", ANYONE, JSON, ReferenceAuthHandlers.SEND_VERIFICATION_CODE, auth::sendVerificationCode),
                row(POST, "/auth/register-distributor", ANYONE, JSON, ReferenceAuthHandlers.REGISTER_DISTRIBUTOR, auth::registerDistributor),

                row(GET, "/setup/status", ANYONE, NO_BODY, ReferenceSetupHandlers.NOTHING, setup::status),
                row(GET, "/setup/version", ANYONE, NO_BODY, ReferenceSetupHandlers.NOTHING, setup::version),
                row(GET, "/config", SIGNED_IN, NO_BODY, ReferenceSetupHandlers.NOTHING, setup::config),
                row(GET, "/public/site-config", ANYONE, NO_BODY, ReferenceSetupHandlers.NOTHING, setup::siteConfig),
                row(GET, "/public/shop/config", ANYONE, NO_BODY, ReferenceSetupHandlers.NOTHING, setup::shopConfig),

                row(POST, "/public/redeem", ANYONE, JSON, ReferencePublicHandlers.REDEEM, customer::redeem),
                row(POST, "/public/direct-redeem", ANYONE, JSON, ReferencePublicHandlers.REDEEM, customer::directRedeem),
                row(GET, "/public/status", ANYONE, NO_BODY, ReferencePublicHandlers.LOOKUP, customer::status),
                row(POST, "/public/rebind", ANYONE, JSON, ReferencePublicHandlers.REBIND, customer::rebind),
                row(GET, "/public/invite-status", ANYONE, NO_BODY, ReferencePublicHandlers.LOOKUP, customer::inviteStatus),
                row(GET, "/public/seats", ANYONE, NO_BODY, ReferencePublicHandlers.NOTHING, customer::seats),
                row(GET, "/public/shop/notify", ANYONE, NO_BODY, GatewayHandlers.GATEWAY, gateway::notify),
                row(POST, "/public/shop/notify", ANYONE, FORM, GatewayHandlers.GATEWAY, gateway::notify),

                row(GET, "/distributors/me/summary", DISTRIBUTOR, NO_BODY, ReferenceDistributorHandlers.NOTHING, mine::summary),
                row(GET, "/distributors/me/sales", DISTRIBUTOR, NO_BODY, ReferenceDistributorHandlers.SALES, mine::sales),
                row(GET, "/distributors/me/members", DISTRIBUTOR, NO_BODY, ReferenceDistributorHandlers.NOTHING, mine::members),
                row(POST, "/distributors/me/members/remove", DISTRIBUTOR, JSON, ReferenceDistributorHandlers.REMOVE_MEMBER, mine::removeMember),
                row(POST, "/distributors/me/members/add", DISTRIBUTOR, JSON, ReferenceDistributorHandlers.ADD_MEMBER, mine::addMember),
                row(GET, "/distributors/me/code-plans", DISTRIBUTOR, NO_BODY, ReferenceDistributorHandlers.NOTHING, mine::codePlans),
                row(POST, "/distributors/me/code-orders", DISTRIBUTOR, JSON, ReferenceDistributorHandlers.PLACE_ORDER, mine::placeOrder),
                row(GET, "/distributors/me/code-orders", DISTRIBUTOR, NO_BODY, ReferenceDistributorHandlers.NOTHING, mine::orders),

                row(GET, "/redeem-codes", CODE_HOLDERS, NO_BODY, ReferenceCodeHandlers.LIST, codes::list),
                row(DELETE, "/redeem-codes/batch", CODE_HOLDERS, JSON, ReferenceCodeHandlers.DELETE_BATCH, codes::deleteBatch),
                row(PUT, "/redeem-codes/{id}/toggle", CODE_HOLDERS, NO_BODY, ReferenceCodeHandlers.ONE, codes::toggle),
                row(DELETE, "/redeem-codes/{id}", CODE_HOLDERS, NO_BODY, ReferenceCodeHandlers.ONE, codes::delete),
                row(GET, "/redeem-codes/{id}/records", CODE_HOLDERS, NO_BODY, ReferenceCodeHandlers.ONE, codes::records),

                row(GET, "/admins/pending-distributors", ADMIN, NO_BODY, ReferenceApplicationHandlers.PENDING, applications::pending),
                row(POST, "/admins/distributors/create", ADMIN, JSON, ReferenceApplicationHandlers.CREATE, applications::create),
                row(GET, "/admins/distributors/analytics", ADMIN, NO_BODY, ReferenceAdminHandlers.ANALYTICS, admin::analytics),
                row(POST, "/admins/distributors/{id}/approve", ADMIN, NO_BODY, ReferenceApplicationHandlers.ONE, applications::approve),
                row(POST, "/admins/distributors/{id}/reject", ADMIN, JSON, ReferenceApplicationHandlers.REJECT, applications::reject),
                row(GET, "/admins/distributors/{id}/detail", ADMIN, NO_BODY, ReferenceAdminHandlers.ONE, admin::detail),
                row(DELETE, "/admins/distributors/{id}", ADMIN, NO_BODY, ReferenceApplicationHandlers.ONE, applications::delete),
                row(GET, "/distributors", ADMIN, NO_BODY, ReferenceAdminHandlers.DISTRIBUTORS, admin::distributors),
                row(GET, "/distributors/{id}/sales", ADMIN, NO_BODY, ReferenceAdminHandlers.SALES, admin::sales),
                row(POST, "/distributors/{id}/grant-codes", ADMIN, JSON, ReferenceAdminHandlers.GRANT, admin::grantCodes)));
    }

    private static Route row(HandlerType method, String path, Access access, Set<String> accepts, RequestShape shape, Handler handler) {
        return new Route(method, Route.REFERENCE_PREFIX + path, Optional.ofNullable(access), accepts, shape, handler,
                false); // no Idempotency-Key: the reference's clients never send one (ADR 44)
    }
}
