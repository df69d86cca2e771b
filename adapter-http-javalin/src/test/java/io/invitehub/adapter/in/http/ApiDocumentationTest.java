package io.invitehub.adapter.in.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md documents every route of the route table, with the role the route declares: a
 * route added without docs, or whose documented role differs from its {@link Access} level, fails here.
 * The reference dialect's routes are listed in docs/compatibility.md instead, each as served.
 */
class ApiDocumentationTest {
    /** How each access level is written in the role column. */
    private static final Map<String, String> ROLE_COLUMN = Map.of(
            "ADMIN", "ADMIN",
            "STAFF", "ADMIN, OPERATOR",
            "DISTRIBUTOR", "DISTRIBUTOR",
            "CODE_HOLDERS", "ADMIN, OPERATOR, DISTRIBUTOR",
            "SIGNED_IN", "any signed-in");

    @Test
    void everyDeclaredRouteIsInTheApiReferenceWithItsRole() throws IOException {
        String docs = Files.readString(Path.of("../docs/api.md"));
        String compatibility = Files.readString(Path.of("../docs/compatibility.md"));
        List<Route> routes;
        try (ApiFixture fixture = new ApiFixture()) {
            routes = fixture.api.routes();
        }
        assertThat(routes).as("routes declared in HttpApi").hasSizeGreaterThanOrEqualTo(40);
        assertThat(ROLE_COLUMN.keySet()).as("every access level has a role text")
                .containsExactlyInAnyOrder(java.util.Arrays.stream(Access.values()).map(Enum::name).toArray(String[]::new));
        for (Route route : routes) {
            if (route.reference()) {
                // the reference dialect is documented route by route in docs/compatibility.md, by the reference's own path
                String referencePath = route.path().substring("/reference".length());
                assertThat(compatibility).as("docs/compatibility.md lists " + route)
                        .containsPattern("\\|\\s*" + route.method() + "\\s*\\|\\s*`" + Pattern.quote(referencePath)
                                + "`\\s*\\|\\s*served");
                continue;
            }
            String row = "\\|\\s*" + route.method() + "\\s*\\|\\s*`" + Pattern.quote(route.path()) + "`\\s*\\|";
            if (route.access().equals(Route.PUBLIC)) {
                assertThat(docs).as("docs/api.md documents " + route).containsPattern(row);
            } else {
                assertThat(docs).as("docs/api.md documents " + route + " with role " + ROLE_COLUMN.get(route.access()))
                        .containsPattern(row + "\\s*" + Pattern.quote(ROLE_COLUMN.get(route.access())) + "\\s*\\|");
            }
        }
    }
}
