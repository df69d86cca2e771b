package io.invitehub.adapter.in.http;

import io.invitehub.domain.user.Role;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route table's rows as tools read them: each method and path once, the roles of each access level,
 * and the content types each route accepts — JSON for bodies, a form only where docs/api.md allows one.
 */
class RouteTableTest {
    private static List<Route> routes() {
        try (ApiFixture fixture = new ApiFixture()) {
            return fixture.api.routes();
        }
    }

    @Test
    void everyMethodAndPathIsDeclaredOnce() {
        List<Route> routes = routes();
        Set<String> seen = new HashSet<>();
        for (Route route : routes) {
            assertThat(seen.add(route.method() + " " + route.path())).as("declared twice: " + route).isTrue();
        }
        assertThat(routes).hasSizeGreaterThanOrEqualTo(70);
    }

    @Test
    void publicRoutesHaveNoRolesAndGuardedRoutesTheirAccessLevel() {
        for (Route route : routes()) {
            if (route.access().equals(Route.PUBLIC)) {
                assertThat(route.roles()).as(route.toString()).isEmpty();
            } else {
                assertThat(route.roles()).as(route.toString()).isEqualTo(Access.valueOf(route.access()).allowed());
            }
        }
        Route me = find("GET", "/api/v1/auth/me");
        assertThat(me.roles()).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(find("GET", "/api/v1/admins/blocklist").roles()).containsExactly(Role.ADMIN);
        // the platform's webhook endpoints are the admin's (SPEC section 1: not an operator's settings); a distributor's its own
        assertThat(routes().stream().filter(r -> r.path().startsWith("/api/v1/admin/webhooks")).toList()).hasSize(5)
                .allSatisfy(r -> assertThat(r.roles()).as(r.toString()).containsExactly(Role.ADMIN));
        assertThat(routes().stream().filter(r -> r.path().startsWith("/api/v1/distributors/me/webhooks")).toList()).hasSize(5)
                .allSatisfy(r -> assertThat(r.roles()).as(r.toString()).containsExactly(Role.DISTRIBUTOR));
    }

    @Test
    void everyWriteOfTheApiButTheGatewaysAndThoseAnsweringACredentialTakesAnIdempotencyKeyDeclaredInItsShape() {
        Set<String> without = routes().stream().filter(r -> !r.reference() && !r.method().equals("GET") && !r.acceptsIdempotencyKey())
                .map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
        assertThat(without).containsExactlyInAnyOrder("POST /api/v1/public/shop/notify", "POST /api/v1/public/shop/sandbox/pay",
                "POST /api/v1/auth/login", "POST /api/v1/admin/accounts", "POST /api/v1/admin/accounts/{id}/reset-password",
                "POST /api/v1/distributors/me/webhooks", "POST /api/v1/admin/webhooks");
        // the reference dialect's writes take none (its clients never send one)
        assertThat(routes().stream().filter(Route::reference).filter(r -> !r.method().equals("GET")).toList())
                .isNotEmpty().noneMatch(Route::acceptsIdempotencyKey);
        for (Route route : routes()) {
            boolean declared = route.shape().headerFields().stream().anyMatch(f -> f.name().equals("Idempotency-Key"));
            assertThat(declared).as(route.toString()).isEqualTo(route.acceptsIdempotencyKey());
            if (route.method().equals("GET")) {
                assertThat(route.acceptsIdempotencyKey()).as(route.toString()).isFalse();
            }
        }
        assertThat(find("POST", "/api/v1/distributors/me/code-orders").acceptsIdempotencyKey()).isTrue();
        assertThat(find("PATCH", "/api/v1/admin/teams/{id}").acceptsIdempotencyKey()).isTrue();
        // writes that came with notify (webhooks, password reset) and the staff console (issue 14) take one too
        assertThat(find("DELETE", "/api/v1/admin/webhooks/{id}").acceptsIdempotencyKey()).isTrue();
        assertThat(find("POST", "/api/v1/distributors/me/webhooks/{id}/deliveries/{delivery_id}/redeliver").acceptsIdempotencyKey()).isTrue();
        assertThat(find("POST", "/api/v1/auth/password-reset/confirm").acceptsIdempotencyKey()).isTrue();
        assertThat(find("DELETE", "/api/v1/admin/teams/{id}").acceptsIdempotencyKey()).isTrue();
        assertThat(find("POST", "/api/v1/admin/accounts/{id}/disable").acceptsIdempotencyKey()).isTrue();
    }

    @Test
    void formsAreAcceptedWhereTheReferenceSendsThemAndReadsNeverTakeABody() {
        Set<String> formRoutes = routes().stream().filter(r -> r.accepts().contains(Route.FORM))
                .map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
        assertThat(formRoutes).containsExactlyInAnyOrder("POST /api/v1/auth/login", "POST /api/v1/public/redeem",
                "POST /api/v1/public/direct-redeem", "POST /api/v1/public/rebind", "POST /api/v1/public/shop/notify",
                "POST /api/v1/public/shop/sandbox/pay", "POST /reference/api/v1/auth/login", "POST /reference/api/v1/public/shop/notify");
        Set<String> multipartRoutes = routes().stream().filter(r -> r.accepts().contains(Route.MULTIPART))
                .map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
        assertThat(multipartRoutes).containsExactly("POST /reference/api/v1/auth/login");
        for (Route route : routes()) {
            assertThat(Set.of(Route.JSON, Route.FORM, Route.MULTIPART)).as(route.toString()).containsAll(route.accepts());
            if (route.method().equals("GET")) {
                assertThat(route.accepts()).as(route.toString()).isEmpty();
            }
        }
        assertThat(find("DELETE", "/api/v1/redeem-codes/batch").accepts()).containsExactly(Route.JSON);
        assertThat(find("POST", "/api/v1/admins/distributors/{id}/approve").accepts()).isEmpty();
        assertThat(find("POST", "/api/v1/auth/login").accepts()).containsExactlyInAnyOrder(Route.JSON, Route.FORM);
        assertThat(find("POST", "/reference/api/v1/auth/login").accepts()).containsExactlyInAnyOrder(Route.MULTIPART, Route.FORM);
    }

    @Test
    void theReferenceDialectIsMountedUnderItsPrefixAfterInviteHubsOwnRoutes() {
        List<Route> routes = routes();
        List<Route> reference = routes.stream().filter(Route::reference).collect(Collectors.toList());
        assertThat(reference).hasSizeGreaterThanOrEqualTo(40);
        assertThat(reference).allMatch(r -> r.path().startsWith(Route.REFERENCE_PREFIX + "/"));
        assertThat(routes.stream().filter(r -> !r.reference())).allMatch(r -> !r.path().startsWith("/reference"));
        // InviteHub's own rows first, then the dialect's: one table never shadows the other
        int firstReference = routes.indexOf(reference.get(0));
        assertThat(routes.subList(firstReference, routes.size())).allMatch(Route::reference);
        // the reference's admin routes are ADMIN only, its code routes open to code holders as in the reference
        assertThat(find("GET", "/reference/api/v1/distributors").roles()).containsExactly(Role.ADMIN);
        assertThat(find("GET", "/reference/api/v1/redeem-codes").roles())
                .containsExactlyInAnyOrder(Role.ADMIN, Role.OPERATOR, Role.DISTRIBUTOR);
        assertThat(find("GET", "/reference/api/v1/setup/status").access()).isEqualTo(Route.PUBLIC);
    }

    @Test
    void everyRouteDeclaresEachPathParameterAndABodyWhereItAcceptsOne() {
        for (Route route : routes()) {
            List<String> inPath = new java.util.ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-z_]+)}").matcher(route.path());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            assertThat(route.shape().pathFields().stream().map(io.invitehub.adapter.in.http.wire.Field::name))
                    .as(route.toString()).containsExactlyElementsOf(inPath);
            if (route.accepts().isEmpty()) {
                assertThat(route.shape().bodyFields()).as(route.toString()).isEmpty();
            } else {
                assertThat(!route.shape().bodyFields().isEmpty() || route.shape().everyParameter().isPresent()).as(route.toString()).isTrue();
            }
        }
        assertThat(find("GET", "/api/v1/distributors/me/sales").shape().queryFields().stream()
                .map(io.invitehub.adapter.in.http.wire.Field::name)).containsExactly("status", "from", "to", "q", "tag", "limit", "cursor");
    }

    private static Route find(String method, String path) {
        return routes().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst().orElseThrow();
    }
}
