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
    }

    @Test
    void everyWriteOfTheApiButTheGatewaysAndTheSignInTakesAnIdempotencyKeyDeclaredInItsShape() {
        Set<String> without = routes().stream().filter(r -> !r.method().equals("GET") && !r.acceptsIdempotencyKey())
                .map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
        assertThat(without).containsExactlyInAnyOrder("POST /api/v1/public/shop/notify", "POST /api/v1/public/shop/sandbox/pay",
                "POST /api/v1/auth/login");
        for (Route route : routes()) {
            boolean declared = route.shape().headerFields().stream().anyMatch(f -> f.name().equals("Idempotency-Key"));
            assertThat(declared).as(route.toString()).isEqualTo(route.acceptsIdempotencyKey());
            if (route.method().equals("GET")) {
                assertThat(route.acceptsIdempotencyKey()).as(route.toString()).isFalse();
            }
        }
        assertThat(find("POST", "/api/v1/distributors/me/code-orders").acceptsIdempotencyKey()).isTrue();
        assertThat(find("PATCH", "/api/v1/admin/teams/{id}").acceptsIdempotencyKey()).isTrue();
    }

    @Test
    void formsAreAcceptedWhereTheReferenceSendsThemAndReadsNeverTakeABody() {
        Set<String> formRoutes = routes().stream().filter(r -> r.accepts().contains(Route.FORM))
                .map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
        assertThat(formRoutes).containsExactlyInAnyOrder("POST /api/v1/auth/login", "POST /api/v1/public/redeem",
                "POST /api/v1/public/direct-redeem", "POST /api/v1/public/rebind", "POST /api/v1/public/shop/notify",
                "POST /api/v1/public/shop/sandbox/pay");
        for (Route route : routes()) {
            assertThat(Set.of(Route.JSON, Route.FORM)).as(route.toString()).containsAll(route.accepts());
            if (route.method().equals("GET")) {
                assertThat(route.accepts()).as(route.toString()).isEmpty();
            }
        }
        assertThat(find("DELETE", "/api/v1/redeem-codes/batch").accepts()).containsExactly(Route.JSON);
        assertThat(find("POST", "/api/v1/admins/distributors/{id}/approve").accepts()).isEmpty();
        assertThat(find("POST", "/api/v1/auth/login").accepts()).containsExactlyInAnyOrder(Route.JSON, Route.FORM);
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
                .map(io.invitehub.adapter.in.http.wire.Field::name)).containsExactly("status", "from", "to", "q", "limit", "cursor");
    }

    private static Route find(String method, String path) {
        return routes().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst().orElseThrow();
    }
}
