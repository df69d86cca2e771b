package io.invitehub.bootstrap;

import io.invitehub.adapter.in.http.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.invitehub.bootstrap.RoleMatrixTest.Outcome.ALLOWED;
import static io.invitehub.bootstrap.RoleMatrixTest.Outcome.FORBIDDEN;
import static io.invitehub.bootstrap.RoleMatrixTest.Outcome.HIDDEN;
import static io.invitehub.bootstrap.RoleMatrixTest.Outcome.UNAUTHORIZED;
import static io.invitehub.bootstrap.ReadSideWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * THE role matrix: every route the running HttpApi declares (its route table), called by every kind of caller, against
 * an explicit table of expected outcomes. The route list comes from the server ({@link InviteHub#httpRoutes()}),
 * so a route added without a row here fails {@link #everyDeclaredRouteHasARowAndNoRowIsStale()}.
 *
 * <p>Callers: anonymous; ADMIN; OPERATOR; APPROVED distributor A on its own resources; A on
 * distributor B's resources (B's id or B's code in the path or body); a PENDING distributor holding
 * a token (issued while approved; set back to PENDING without a new token version); a SUSPENDED
 * distributor with the token it held before the suspension (revoked by the suspension).
 */
class RoleMatrixTest {
    enum Caller { ANONYMOUS, ADMIN, OPERATOR, A_OWN, A_ON_B, PENDING, SUSPENDED }

    /**
     * ALLOWED: authentication and role passed: 2xx, or a business answer from behind the guard (400,
     * 409, 410, 429; 404 only on public routes, which are asked about unknown invitations and codes). UNAUTHORIZED: 401. FORBIDDEN: 403 FORBIDDEN.
     * HIDDEN: 404 NOT_FOUND for another distributor's resource, indistinguishable from an unknown one.
     */
    enum Outcome { ALLOWED, UNAUTHORIZED, FORBIDDEN, HIDDEN }

    private static final Outcome A = ALLOWED;
    private static final Outcome U = UNAUTHORIZED;
    private static final Outcome F = FORBIDDEN;
    private static final Outcome H = HIDDEN;

    /** Columns: ANONYMOUS, ADMIN, OPERATOR, A_OWN, A_ON_B, PENDING, SUSPENDED. */
    private static final Map<String, Outcome[]> EXPECTED = new LinkedHashMap<>();

    private static void row(String route, Outcome... outcomes) {
        if (outcomes.length != Caller.values().length || EXPECTED.put(route, outcomes) != null) {
            throw new IllegalStateException("bad matrix row " + route);
        }
    }

    static {
        Outcome[] pub = {A, A, A, A, A, A, A};
        row("GET /health", pub);
        row("GET /ready", pub);
        row("GET /openapi.json", pub);
        row("GET /api-docs", pub);
        row("GET /api-docs/init.js", pub);
        row("POST /api/v1/public/redeem", pub);
        row("POST /api/v1/public/direct-redeem", pub);
        row("GET /api/v1/public/invitations/{id}", pub);
        row("GET /api/v1/public/status", pub);
        row("GET /api/v1/public/seats", pub);
        row("POST /api/v1/public/opt-out", pub);
        row("POST /api/v1/public/rebind", pub);
        row("GET /api/v1/public/site", pub);
        row("GET /api/v1/public/plans", pub);
        row("GET /api/v1/public/brands/{slug}", pub);
        row("GET /api/v1/public/custom-hosts/check", pub);
        row("POST /api/v1/auth/login", pub);
        row("POST /api/v1/auth/send-verification-code", pub);
        row("POST /api/v1/auth/register-distributor", pub);
        row("POST /api/v1/auth/password-reset/request", pub);
        row("POST /api/v1/auth/password-reset/confirm", pub);
        row("GET /api/v1/public/shop/notify", pub);
        row("POST /api/v1/public/shop/notify", pub);
        row("GET /api/v1/public/shop/sandbox/submit.php", pub);
        // nothing signed is posted: 400 behind no guard, nothing is paid
        row("POST /api/v1/public/shop/sandbox/pay", pub);
        row("GET /api/v1/public/shop/return", pub);
        // the signed link is the authority: anyone holding A's link gets A's export, nobody else's
        row("GET /api/v1/exports/download", pub);

        row("GET /api/v1/auth/me", U, A, A, A, A, F, U);
        row("POST /api/v1/auth/change-password", U, A, A, A, A, F, U);
        row("POST /api/v1/auth/renew", U, A, A, A, A, F, U);

        row("GET /api/v1/distributors/me/summary", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/sales", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/members", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/sales-trend", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/plan-ranking", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/profile", U, F, F, A, A, F, U);
        // {} is refused behind the guard (the slug is required): the caller passed, no brand changed
        row("PUT /api/v1/distributors/me/profile", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/codes", U, F, F, A, A, F, U);
        row("PUT /api/v1/distributors/me/codes/{id}/toggle", U, F, F, A, H, F, U);
        row("DELETE /api/v1/distributors/me/codes/{id}", U, F, F, A, H, F, U);
        // A's and B's calls both name a member nobody has: 404 for both, the same answer (MemberRemovalServiceTest
        // proves another distributor's real member gets exactly this answer and is left alone)
        row("POST /api/v1/distributors/me/members/remove", U, F, F, H, H, F, U);
        row("POST /api/v1/distributors/me/members/add", U, F, F, H, H, F, U);
        // A_OWN names its customer; A_ON_B names B's customer: 404, exactly as an e-mail that is nobody's (CrmHttpTest)
        row("GET /api/v1/distributors/me/customers/{email}", U, F, F, A, H, F, U);
        row("POST /api/v1/distributors/me/customers/{email}/tags", U, F, F, A, H, F, U);
        row("DELETE /api/v1/distributors/me/customers/{email}/tags/{tag}", U, F, F, A, H, F, U);
        row("PUT /api/v1/distributors/me/customers/{email}/note", U, F, F, A, H, F, U);
        row("GET /api/v1/distributors/me/customers/{email}/note/history", U, F, F, A, H, F, U);
        row("GET /api/v1/distributors/me/tags", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/statements", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/ledger", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/exports/{kind}", U, F, F, A, A, F, U);
        row("POST /api/v1/distributors/me/exports/{kind}/links", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/code-plans", U, F, F, A, A, F, U);
        row("POST /api/v1/distributors/me/code-orders", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/code-orders", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/code-orders/{order_no}", U, F, F, A, H, F, U);
        row("POST /api/v1/distributors/me/webhooks", U, F, F, A, A, F, U);
        row("GET /api/v1/distributors/me/webhooks", U, F, F, A, A, F, U);
        // A's own calls name endpoint 0 (400 behind the guard, nothing deleted); A on B names B's endpoint: 404, B's stays
        row("DELETE /api/v1/distributors/me/webhooks/{id}", U, F, F, A, H, F, U);
        row("GET /api/v1/distributors/me/webhooks/{id}/deliveries", U, F, F, A, H, F, U);
        // A's own call names delivery 0 (400 behind the guard); A on B names B's endpoint: 404
        row("POST /api/v1/distributors/me/webhooks/{id}/deliveries/{delivery_id}/redeliver", U, F, F, A, H, F, U);
        // A cancels its own unpaid order (then 409 on repeats); B's order is hidden from A and stays PENDING
        row("POST /api/v1/distributors/me/code-orders/{order_no}/cancel", U, F, F, A, H, F, U);

        row("GET /api/v1/redeem-codes", U, A, A, A, H, F, U);
        // per-id results: B's ids come back as not_found (200), nothing of B is deleted
        row("DELETE /api/v1/redeem-codes/batch", U, A, A, A, A, F, U);
        row("PUT /api/v1/redeem-codes/{id}/toggle", U, A, A, A, H, F, U);
        row("DELETE /api/v1/redeem-codes/{id}", U, A, A, A, H, F, U);
        row("GET /api/v1/redeem-codes/{id}/records", U, A, A, A, H, F, U);

        Outcome[] staff = {U, A, A, F, F, F, U};
        row("POST /api/v1/admin/teams", staff);
        row("GET /api/v1/admin/teams", staff);
        row("GET /metrics", staff);
        row("PATCH /api/v1/admin/teams/{id}", staff);
        row("GET /api/v1/admin/teams/{id}/external-members", staff);
        row("PUT /api/v1/admin/teams/{id}/credentials", staff);
        row("POST /api/v1/admin/team-groups", staff);
        row("POST /api/v1/distributors/{id}/grant-codes", staff);
        row("POST /api/v1/redeem-codes", staff);
        row("GET /api/v1/admin/invitations/removal-failures", staff);
        row("POST /api/v1/admin/invitations/{id}/remove", staff);
        row("GET /api/v1/distributors", staff);
        row("GET /api/v1/distributors/{id}/summary", staff);
        row("GET /api/v1/distributors/{id}/sales", staff);
        row("GET /api/v1/distributors/{id}/members", staff);
        row("GET /api/v1/distributors/{id}/sales-trend", staff);
        row("GET /api/v1/distributors/{id}/statements", staff);
        row("GET /api/v1/distributors/{id}/ledger", staff);
        row("POST /api/v1/distributors/{id}/ledger/refunds", staff);
        row("POST /api/v1/distributors/{id}/ledger/adjustments", staff);
        row("GET /api/v1/distributors/{id}/settlement/files/{layout}", staff);
        row("GET /api/v1/distributors/{id}/unit-price", staff);
        row("PUT /api/v1/distributors/{id}/unit-price", U, A, F, F, F, F, U);
        row("GET /api/v1/admin/statements", staff);
        // statement 0: 400 behind the guard, nothing confirmed or paid
        row("POST /api/v1/admin/statements/{id}/confirm", staff);
        row("POST /api/v1/admin/statements/{id}/pay", staff);
        row("GET /api/v1/admin/settlement/files/{layout}", staff);
        row("GET /api/v1/distributors/{id}/exports/{kind}", staff);
        row("POST /api/v1/distributors/{id}/exports/{kind}/links", staff);
        row("GET /api/v1/admins/distributors/analytics", staff);
        row("GET /api/v1/admins/distributors/{id}/detail", staff);
        row("GET /api/v1/admin/orders", staff);
        row("GET /api/v1/admin/orders/stats", staff);
        row("GET /api/v1/admin/orders/{order_no}", staff);
        // A's order is unpaid, so a retry answers 409 behind the guard and changes nothing
        row("POST /api/v1/admin/orders/{order_no}/retry-fulfilment", staff);
        row("GET /api/v1/admin/payment-alerts", staff);
        // alert 0: 400 behind the guard, nothing marked handled
        row("POST /api/v1/admin/payment-alerts/{id}/handled", staff);
        // the staff console's routes (issue 14): the team named holds live invitations, so the delete answers 409 and it stays
        row("DELETE /api/v1/admin/teams/{id}", staff);
        row("GET /api/v1/admin/team-groups", staff);
        row("GET /api/v1/admin/platform-codes", staff);
        row("GET /api/v1/admin/platform-codes/export", staff);
        row("POST /api/v1/admin/platform-codes/export/links", staff);
        row("GET /api/v1/admin/invitations", staff);
        row("GET /api/v1/admin/sales-trend", staff);
        row("GET /api/v1/admin/alerts", staff);
        // A's order is not PAID: 409 ORDER_NOT_REFUNDABLE behind the guard, nothing refunded
        row("POST /api/v1/admin/orders/{order_no}/refund", staff);

        Outcome[] admin = {U, A, F, F, F, F, U};
        row("POST /api/v1/admins/distributors/create", admin);
        row("GET /api/v1/admin/code-plans", admin);
        row("POST /api/v1/admin/code-plans", admin);
        row("PUT /api/v1/admin/code-plans/{id}", admin);
        // the plan has orders: 409 behind the guard, the plan stays
        row("DELETE /api/v1/admin/code-plans/{id}", admin);
        row("GET /api/v1/admins/pending-distributors", admin);
        row("POST /api/v1/admins/distributors/{id}/approve", admin);
        row("POST /api/v1/admins/distributors/{id}/reject", admin);
        row("POST /api/v1/admins/distributors/{id}/suspend", admin);
        row("POST /api/v1/admins/distributors/{id}/reactivate", admin);
        row("DELETE /api/v1/admins/distributors/{id}", admin);
        row("GET /api/v1/admins/custom-hosts", admin);
        // no body: 400 behind the guard, no host verified
        row("POST /api/v1/admins/distributors/{id}/custom-host/verify", admin);
        row("GET /api/v1/admins/blocklist", admin);
        row("POST /api/v1/admins/blocklist", admin);
        row("DELETE /api/v1/admins/blocklist/{id}", admin);
        row("POST /api/v1/admins/opt-outs/lift", admin);
        row("GET /api/v1/admins/opt-outs", admin);
        // accounts: roles are the admin's alone (SPEC section 1); the admin's moves name its own account, refused behind the guard (409)
        row("GET /api/v1/admin/accounts", admin);
        row("POST /api/v1/admin/accounts", admin);
        row("POST /api/v1/admin/accounts/{id}/disable", admin);
        row("POST /api/v1/admin/accounts/{id}/enable", admin);
        row("POST /api/v1/admin/accounts/{id}/reset-password", admin);
        row("GET /api/v1/admin/audit-log", admin);
        // the platform's settings (ADR 51): the Settings page is the admin's; an operator is refused like a distributor
        row("GET /api/v1/admin/settings", admin);
        row("PUT /api/v1/admin/settings", admin);
        // the platform's webhook endpoints receive every event: integration settings, the admin's (SPEC section 1); an
        // operator is refused like a distributor, and every endpoint survives (checked below)
        row("POST /api/v1/admin/webhooks", admin);
        row("GET /api/v1/admin/webhooks", admin);
        row("DELETE /api/v1/admin/webhooks/{id}", admin);
        row("GET /api/v1/admin/webhooks/{id}/deliveries", admin);
        row("POST /api/v1/admin/webhooks/{id}/deliveries/{delivery_id}/redeliver", admin);

        // the reference dialect (ADR 34): the reference's access, never looser than InviteHub's own
        String r = "/reference/api/v1";
        for (String route : List.of("POST /auth/login", "POST /auth/send-verification-code", "POST /auth/register-distributor",
                "GET /setup/status", "GET /setup/version", "GET /public/site-config", "GET /public/shop/config",
                "POST /public/redeem", "POST /public/direct-redeem", "GET /public/status", "POST /public/rebind",
                "GET /public/invite-status", "GET /public/seats", "GET /public/shop/notify", "POST /public/shop/notify")) {
            row(route.replace(" ", " " + r), pub);
        }
        row("GET " + r + "/auth/me", U, A, A, A, A, F, U);
        row("GET " + r + "/config", U, A, A, A, A, F, U);
        row("GET " + r + "/distributors/me/summary", U, F, F, A, A, F, U);
        row("GET " + r + "/distributors/me/sales", U, F, F, A, A, F, U);
        row("GET " + r + "/distributors/me/members", U, F, F, A, A, F, U);
        row("POST " + r + "/distributors/me/members/remove", U, F, F, H, H, F, U);
        row("POST " + r + "/distributors/me/members/add", U, F, F, H, H, F, U);
        row("GET " + r + "/distributors/me/code-plans", U, F, F, A, A, F, U);
        row("POST " + r + "/distributors/me/code-orders", U, F, F, A, A, F, U);
        row("GET " + r + "/distributors/me/code-orders", U, F, F, A, A, F, U);
        row("GET " + r + "/redeem-codes", U, A, A, A, H, F, U);
        row("DELETE " + r + "/redeem-codes/batch", U, A, A, A, A, F, U);
        row("PUT " + r + "/redeem-codes/{id}/toggle", U, A, A, A, H, F, U);
        row("DELETE " + r + "/redeem-codes/{id}", U, A, A, A, H, F, U);
        row("GET " + r + "/redeem-codes/{id}/records", U, A, A, A, H, F, U);
        // the reference's admin pages are ADMIN only (OPERATOR too is refused, as in the reference)
        for (String route : List.of("GET /admins/pending-distributors", "POST /admins/distributors/create",
                "GET /admins/distributors/analytics", "POST /admins/distributors/{id}/approve", "POST /admins/distributors/{id}/reject",
                "GET /admins/distributors/{id}/detail", "DELETE /admins/distributors/{id}", "GET /distributors",
                "GET /distributors/{id}/sales", "POST /distributors/{id}/grant-codes")) {
            row(route.replace(" ", " " + r), admin);
        }
    }

    private static ReadSideWorld w;
    /** Webhook endpoints of A, B and the platform; they subscribe to an event nothing here causes, and workers are off. */
    private static long aHook;
    private static long bHook;
    private static long platformHook;

    @BeforeAll
    static void start() throws Exception {
        w = new ReadSideWorld();
        aHook = hook(io.invitehub.domain.user.Actor.of(new io.invitehub.domain.user.UserId(w.aId), io.invitehub.domain.user.Role.DISTRIBUTOR));
        bHook = hook(io.invitehub.domain.user.Actor.of(new io.invitehub.domain.user.UserId(w.bId), io.invitehub.domain.user.Role.DISTRIBUTOR));
        platformHook = hook(io.invitehub.domain.user.Actor.system());
    }

    private static long hook(io.invitehub.domain.user.Actor owner) {
        return w.hub.webhooks().register(owner, new io.invitehub.application.webhooks.port.in.RegisterEndpointCommand(
                "https://192.0.2.10/hook", List.of("statement.confirmed"), java.util.Optional.empty())).endpoint().id();
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    private static String key(Route route) {
        return route.method() + " " + route.path();
    }

    @Test
    void everyDeclaredRouteHasARowAndNoRowIsStale() {
        List<String> declared = w.hub.httpRoutes().stream().map(RoleMatrixTest::key).collect(Collectors.toList());
        assertThat(declared).hasSizeGreaterThan(40);
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void everyRouteAnswersEveryCallerAsTheTableSays() throws Exception {
        List<String> mismatches = new ArrayList<>();
        // every answer is also checked against the OpenAPI document the same server serves (ADR 40)
        ApiContract contract = new ApiContract(w.get("/openapi.json", null).body());
        List<String> offContract = new ArrayList<>();
        int jsonAnswersChecked = 0;
        int cells = 0;
        for (Route route : w.hub.httpRoutes()) {
            Outcome[] expected = EXPECTED.get(key(route));
            if (expected == null) {
                mismatches.add(key(route) + ": no row in the matrix");
                continue;
            }
            for (Caller caller : Caller.values()) {
                HttpResponse<String> response = call(route, caller);
                Outcome actual = classify(route, response);
                if (route.reference()) {
                    // the reference dialect answers in the reference's shapes and is not in the document (ADR 40, amended)
                    if (contract.document().path("paths").has(route.path())) {
                        offContract.add(key(route) + ": a reference route in the document");
                    }
                } else {
                    offContract.addAll(contract.check(route.method(), route.path(), response));
                }
                if (response.statusCode() < 300 && response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                    jsonAnswersChecked++;
                }
                cells++;
                if (actual != expected[caller.ordinal()]) {
                    mismatches.add(key(route) + " as " + caller + ": expected " + expected[caller.ordinal()] + " but got "
                            + actual + " (" + response.statusCode() + " " + abbreviate(response.body()) + ")");
                }
            }
        }
        assertThat(mismatches).as("role matrix mismatches").isEmpty();
        assertThat(offContract).as("answers that the OpenAPI document does not describe").isEmpty();
        assertThat(jsonAnswersChecked).as("successful JSON answers checked against their schemas").isGreaterThan(100);
        assertThat(cells).isEqualTo(EXPECTED.size() * Caller.values().length);
        // nothing of B was changed or deleted by A's attempts, and A's used code survived every delete
        assertThat(w.sql.count("select count(*) from redeem_codes where owner_id = " + w.bId + " and active")).isEqualTo(3);
        assertThat(w.sql.count("select count(*) from redeem_codes where id = " + w.aCodes.get(0))).isEqualTo(1);
        // B's order is untouched, A's was cancelled by A only, no order was paid or refunded by anyone, and the plan
        // with orders survived its deletes
        assertThat(w.sql.text("select status from orders where order_no = '" + w.bOrder + "'")).isEqualTo("PENDING");
        assertThat(w.sql.text("select status from orders where order_no = '" + w.aOrder + "'")).isEqualTo("CANCELLED");
        assertThat(w.sql.count("select count(*) from orders where status not in ('PENDING', 'CANCELLED')")).isZero();
        assertThat(w.sql.count("select count(*) from plans where id = " + w.planId)).isEqualTo(1);
        // the team with live invitations survived its deletes; the admin's own account was neither disabled nor reset
        assertThat(w.sql.count("select count(*) from teams where name = 'Team One'")).isEqualTo(1);
        assertThat(w.sql.count("select count(*) from users where disabled_at is not null or must_change_password")).isZero();
        // the dialect's approve, reject and delete on A and B were refused behind the guard: both still approved
        assertThat(w.sql.count("select count(*) from users where approval = 'APPROVED' and id in (" + w.aId + ", " + w.bId + ")"))
                .isEqualTo(2);
        // every endpoint survived (own deletes named endpoint 0, foreign ones were hidden)
        assertThat(w.sql.count("select count(*) from webhook_endpoints where id in (" + aHook + ", " + bHook + ", " + platformHook + ")"))
                .isEqualTo(3);
    }

    private static Outcome classify(Route route, HttpResponse<String> response) throws Exception {
        int status = response.statusCode();
        if (status == 401) {
            return UNAUTHORIZED;
        }
        if (status == 403 && json(response).get("code").asText().equals("FORBIDDEN")) {
            return FORBIDDEN;
        }
        if (status == 404 && json(response).get("code").asText().equals("NOT_FOUND")) {
            // public routes are asked about unknown invitations and codes on purpose; every other request
            // names existing resources (the caller's own, or B's), so a 404 there means "hidden from you"
            return route.access().equals(Route.PUBLIC) ? ALLOWED : HIDDEN;
        }
        if ((status >= 200 && status < 300) || Set.of(400, 409, 410, 429).contains(status)) {
            return ALLOWED;
        }
        throw new AssertionError("unexpected answer " + status + " " + response.body() + " to "
                + response.request().method() + " " + response.request().uri());
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }

    private static String token(Caller caller) {
        switch (caller) {
            case ANONYMOUS: return null;
            case ADMIN: return w.admin;
            case OPERATOR: return w.operator;
            case A_OWN:
            case A_ON_B: return w.a;
            case PENDING: return w.pending;
            default: return w.suspended;
        }
    }

    /** The request a caller makes on a route: its own (A's) resources, or B's for A_ON_B. */
    private static HttpResponse<String> call(Route route, Caller caller) throws Exception {
        boolean foreign = caller == Caller.A_ON_B;
        long distributor = foreign ? w.bId : w.aId;
        // A's code is used (never deletable: deletes answer 409 and it stays); B's is unused, so a delete would succeed
        long code = foreign ? w.bCodes.get(2) : w.aCodes.get(0);
        if (route.reference()) {
            return callReference(route, caller, foreign, distributor, code);
        }
        String path = route.path().replace("{kind}", "sales").replace("{tag}", "matrix").replace("{layout}", "collect")
                .replace("{email}", foreign ? "b-customer0@example.com" : "a-customer0@example.com");
        if (path.equals("/api/v1/exports/download")) {
            path = w.aExportLink;
        } else if (path.contains("{order_no}")) {
            path = path.replace("{order_no}", foreign ? w.bOrder : w.aOrder);
        } else if (path.startsWith("/api/v1/admin/code-plans/{id}")) {
            path = path.replace("{id}", Long.toString(w.planId));
        } else if (path.startsWith("/api/v1/admins/distributors/{id}")) {
            // lifecycle moves act on the spare distributor, so A and B keep their tokens
            path = path.replace("{id}", Long.toString(foreign ? w.bId : w.spareId));
        } else if (path.startsWith("/api/v1/distributors/{id}")) {
            path = path.replace("{id}", Long.toString(distributor));
        } else if (path.contains("/codes/{id}") || path.startsWith("/api/v1/redeem-codes/{id}")) {
            path = path.replace("{id}", Long.toString(code));
        } else if (path.equals("/api/v1/admins/blocklist/{id}")) {
            // the entry the admin's POST just before created (routes run in declaration order)
            path = path.replace("{id}", "1");
        } else if (path.startsWith("/api/v1/admin/invitations/{id}") || path.startsWith("/api/v1/admin/statements/{id}")
                || path.startsWith("/api/v1/admin/payment-alerts/{id}")) {
            path = path.replace("{id}", "0"); // 400 behind the guard: no invitation is touched
        } else if (path.startsWith("/api/v1/admin/accounts/{id}")) {
            path = path.replace("{id}", Long.toString(w.sql.count("select id from users where username = 'admin'")));
        } else if (path.startsWith("/api/v1/admin/teams/{id}")) {
            path = path.replace("{id}", Long.toString(w.sql.count("select min(id) from teams")));
        } else if (path.startsWith("/api/v1/distributors/me/webhooks/{id}") || path.startsWith("/api/v1/admin/webhooks/{id}")) {
            long endpoint = path.startsWith("/api/v1/admin/") ? platformHook : foreign ? bHook : aHook;
            boolean ownDelete = route.method().equals("DELETE") && !foreign;
            path = path.replace("{id}", ownDelete ? "0" : Long.toString(endpoint)).replace("{delivery_id}", foreign ? "1" : "0");
        } else if (path.equals("/api/v1/public/invitations/{id}")) {
            path = path.replace("{id}", UUID.randomUUID().toString());
        } else if (path.equals("/api/v1/public/brands/{slug}")) {
            path = path.replace("{slug}", "nobody-here");
        }
        if (route.method().equals("GET") && path.equals("/api/v1/redeem-codes")) {
            path += "?distributor_id=" + distributor;
        } else if (path.equals("/api/v1/admin/statements") || path.startsWith("/api/v1/admin/settlement/files/")) {
            path += "?period=2026-11";
        } else if (path.equals("/api/v1/admin/invitations")) {
            path += "?q=nobody@example.com";
        } else if (path.equals("/api/v1/public/status")) {
            path += "?code=HUB2-7KQ3-M9XH-2RTW&email=nobody@example.com";
        }
        String body = body(route, path, code);
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(w.base + path))
                .timeout(java.time.Duration.ofSeconds(20))
                .method(route.method(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        String token = token(caller);
        if (token != null) {
            request.header("Authorization", token);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A request on a reference route. The reference's admin routes on {@code {id}} act on A (or B for A_ON_B):
     * approve, reject and delete of an approved distributor with codes are refused behind the guard (409), so
     * nothing changes. Bodies as the reference's client sends them; its login is a form.
     */
    private static HttpResponse<String> callReference(Route route, Caller caller, boolean foreign, long distributor, long code)
            throws Exception {
        String relative = route.path().substring(Route.REFERENCE_PREFIX.length());
        String path = relative;
        if (path.startsWith("/admins/distributors/{id}") || path.startsWith("/distributors/{id}")) {
            path = path.replace("{id}", Long.toString(distributor));
        } else if (path.startsWith("/redeem-codes/{id}")) {
            path = path.replace("{id}", Long.toString(code));
        }
        if (route.method().equals("GET") && path.equals("/redeem-codes")) {
            path += "?distributor_id=" + distributor;
        } else if (path.equals("/distributors/me/sales")) {
            path += "?limit=1000";
        }
        String contentType = "application/json";
        String body;
        switch (route.method() + " " + relative) {
            case "POST /auth/login":
                contentType = "application/x-www-form-urlencoded";
                body = "username=admin&password=admin-password";
                break;
            case "POST /auth/send-verification-code":
                body = "{\"email\":\"matrix-ref@example.com\"}";
                break;
            case "POST /auth/register-distributor":
                body = "{\"email\":\"matrix-ref@example.com\",\"username\":\"matrix_ref\",\"password\":\"long-enough-pw\",\"code\":\"000000\"}";
                break;
            case "POST /public/redeem":
            case "POST /public/direct-redeem":
                body = "{\"code\":\"not a code\",\"email\":\"x@example.com\"}";
                break;
            case "POST /public/rebind":
                body = "{\"code\":\"HUB2-7KQ3-M9XH-2RTW\"}"; // the reference's page sends the code alone: 400 asking for the e-mail
                break;
            case "POST /public/shop/notify":
                contentType = "application/x-www-form-urlencoded";
                body = "out_trade_no=none";
                break;
            case "POST /distributors/me/members/remove":
            case "POST /distributors/me/members/add":
                body = "{\"email\":\"nobody-here@example.com\",\"team_id\":1}";
                break;
            case "POST /distributors/me/code-orders":
                body = w.order();
                break;
            case "DELETE /redeem-codes/batch":
                body = "{\"ids\":[" + code + "]}";
                break;
            case "POST /admins/distributors/create":
                body = "{}"; // 400 behind the guard: nobody is created
                break;
            case "POST /admins/distributors/{id}/reject":
                body = "{}";
                break;
            case "POST /distributors/{id}/grant-codes":
                body = "{\"count\":1}";
                break;
            default:
                body = null;
        }
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(w.base + Route.REFERENCE_PREFIX + path))
                .timeout(java.time.Duration.ofSeconds(20))
                .method(route.method(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        String token = token(caller);
        if (token != null) {
            request.header("Authorization", token);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static String body(Route route, String path, long code) {
        if (route.method().equals("GET") || route.path().contains("/admins/distributors/{id}")) {
            return null;
        }
        switch (route.path()) {
            case "/api/v1/public/redeem":
            case "/api/v1/public/direct-redeem":
            case "/api/v1/public/rebind":
                return "{\"code\":\"not a code\",\"email\":\"x@example.com\"}";
            case "/api/v1/auth/login":
                return "{\"username\":\"admin\",\"password\":\"admin-password\"}";
            case "/api/v1/auth/send-verification-code":
                return "{\"email\":\"matrix@example.com\"}";
            case "/api/v1/auth/register-distributor":
                return "{\"email\":\"matrix@example.com\",\"username\":\"matrix\",\"password\":\"long-enough-pw\",\"code\":\"000000\"}";
            case "/api/v1/auth/password-reset/request":
                return "{\"email\":\"matrix@example.com\"}";
            case "/api/v1/auth/password-reset/confirm":
                return "{\"token\":\"not-a-token\",\"new_password\":\"long-enough-pw\"}"; // 400 RESET_TOKEN_INVALID
            case "/api/v1/distributors/me/webhooks":
            case "/api/v1/admin/webhooks":
                return "{\"url\":\"https://192.0.2.10/matrix\",\"events\":\"statement.confirmed\"}";
            case "/api/v1/auth/change-password":
            case "/api/v1/distributors/me/profile":
                return "{}"; // 400 behind the guard: proves the caller passed without changing anyone's password or brand
            case "/api/v1/admin/teams":
                return "{\"name\":\"Matrix\",\"provider_account_id\":\"acct-matrix\",\"max_seats\":1}";
            case "/api/v1/admin/team-groups":
                return "{\"name\":\"matrix\"}";
            case "/api/v1/admin/teams/{id}":
            case "/api/v1/admin/teams/{id}/credentials":
                // 400 behind the guard: proves the caller passed without changing the team (a DELETE reads no body)
                return route.method().equals("DELETE") ? null : "{}";
            case "/api/v1/distributors/{id}/grant-codes":
            case "/api/v1/redeem-codes":
                return "{\"count\":1,\"max_uses\":1,\"validity_days\":30}";
            case "/api/v1/public/opt-out":
                return "{\"code\":\"not a code\",\"email\":\"x@example.com\"}";
            case "/api/v1/admins/blocklist":
                return "{\"value\":\"matrix.example\"}";
            case "/api/v1/admins/opt-outs/lift":
            case "/api/v1/admin/accounts":
                return "{}"; // 400 behind the guard: nobody is created
            case "/api/v1/distributors/me/members/remove":
            case "/api/v1/distributors/me/members/add":
                return "{\"email\":\"nobody-here@example.com\",\"team_id\":1}";
            case "/api/v1/distributors/me/code-orders":
                return w.order();
            case "/api/v1/admin/code-plans":
            case "/api/v1/admin/code-plans/{id}":
                return route.method().equals("DELETE") ? null : ReadSideWorld.PLAN;
            case "/api/v1/public/shop/notify":
                return "";
            case "/api/v1/distributors/me/customers/{email}/tags":
                return "{\"tag\":\"matrix\"}";
            case "/api/v1/distributors/me/customers/{email}/note":
                return "{\"body\":\"matrix\"}";
            case "/api/v1/distributors/{id}/ledger/refunds":
                return "{\"amount\":\"0.01\",\"reason\":\"matrix\"}";
            case "/api/v1/distributors/{id}/ledger/adjustments":
                return "{\"amount\":\"-0.01\",\"reason\":\"matrix\"}";
            case "/api/v1/distributors/{id}/unit-price":
                return route.method().equals("PUT") ? "{}" : null;
            case "/api/v1/admin/statements/{id}/pay":
                return "{\"reference\":\"matrix\"}";
            case "/api/v1/admin/payment-alerts/{id}/handled":
                return "{\"note\":\"matrix\"}";
            case "/api/v1/redeem-codes/batch":
                return "{\"ids\":[" + code + "]}";
            default:
                return null;
        }
    }
}
