package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk of issue 15: every call the reference's web client makes (its {@code api/index.ts}, and the few calls
 * made elsewhere, listed in {@code reference/client-calls.txt}) is either served by the reference dialect or listed
 * as out of scope in docs/compatibility.md, and an out-of-scope call answers the old client a 404 (a 405 where the
 * dialect serves the path with another method) whose string {@code detail} points at that page, never a guessed
 * 200. The other way round, every route of the dialect is a call somebody of the reference's makes.
 */
class ReferenceClientCallsTest {
    @RegisterExtension
    final ApiFixture api = new ApiFixture();

    record Call(String method, String path, String caller) {
        String referencePath() {
            return Route.REFERENCE_PREFIX + path;
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + caller + ")";
        }
    }

    private static List<Call> calls() throws IOException {
        List<Call> calls = new ArrayList<>();
        try (InputStream in = ReferenceClientCallsTest.class.getResourceAsStream("/reference/client-calls.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split("\\s+", 3);
                calls.add(new Call(parts[0], parts[1], parts[2]));
            }
        }
        return calls;
    }

    private boolean served(Call call) {
        return api.api.routes().stream().anyMatch(r -> r.reference() && r.method().equals(call.method())
                && r.path().equals(call.referencePath()));
    }

    private static String outOfScopeSection() throws IOException {
        String compatibility = Files.readString(Path.of("../docs/compatibility.md"));
        int start = compatibility.indexOf("### Out of scope");
        assertThat(start).as("docs/compatibility.md has its out-of-scope section").isPositive();
        int end = compatibility.indexOf("\n## ", start);
        return compatibility.substring(start, end < 0 ? compatibility.length() : end);
    }

    @Test
    void everyCallOfTheReferenceClientIsServedOrListedAsOutOfScope() throws IOException {
        List<Call> calls = calls();
        assertThat(calls).as("the client's calls").hasSizeGreaterThan(120);
        assertThat(calls.stream().map(c -> c.method() + " " + c.path()).collect(Collectors.toSet())).as("no call twice")
                .hasSize(calls.size());
        String outOfScope = outOfScopeSection();
        int servedCalls = 0;
        for (Call call : calls) {
            String listed = "`" + call.method() + " /api/v1" + call.path() + "`";
            if (served(call)) {
                servedCalls++;
                assertThat(outOfScope).as(call + " is served, so not listed as out of scope").doesNotContain(listed);
            } else {
                assertThat(outOfScope).as("docs/compatibility.md lists " + call + " as out of scope").contains(listed);
            }
        }
        assertThat(servedCalls).as("served calls").isEqualTo((int) api.api.routes().stream().filter(Route::reference).count());
    }

    @Test
    void everyRouteOfTheDialectIsACallOfTheReferences() throws IOException {
        Set<String> called = calls().stream().map(c -> c.method() + " " + c.referencePath()).collect(Collectors.toSet());
        for (Route route : api.api.routes()) {
            if (route.reference()) {
                assertThat(called).as(route + " is called by the reference's client or its gateway")
                        .contains(route.method() + " " + route.path());
            }
        }
    }

    @Test
    void anOutOfScopeCallAnswersTheOldClientAStringDetailNamingTheCompatibilityPage() throws IOException {
        int walked = 0;
        for (Call call : calls()) {
            if (served(call)) {
                continue;
            }
            String path = call.referencePath().replaceAll("\\{[a-z_]+}", "1");
            HttpResponse<String> response = call.method().equals("GET")
                    ? api.get(path, api.bearer("admin"))
                    : api.withBody(call.method(), path, "{}", api.bearer("admin"));
            assertThat(response.statusCode()).as(call.toString()).isIn(404, 405);
            JsonNode body = api.json(response);
            assertThat(body.get("detail").isTextual()).as(call + ": the toast shows a string").isTrue();
            if (response.statusCode() == 404) {
                assertThat(body.get("detail").asText()).as(call.toString()).contains("docs/compatibility.md");
            }
            walked++;
        }
        assertThat(walked).as("out-of-scope calls walked").isGreaterThan(80);
    }

    /**
     * Issue 15's follow-up named an admin blocklist and the removal failures among the dialect's gaps: the
     * reference has neither (no such router, no such call in any version of its client read), so they are
     * InviteHub's own routes only, and under {@code /reference} they are unknown paths like any other.
     */
    @Test
    void inviteHubsOwnAdminListsAreNotPartOfTheDialect() throws IOException {
        for (String own : List.of("/admins/blocklist", "/admin/invitations/removal-failures")) {
            assertThat(calls()).as("the reference's client never calls " + own).noneMatch(c -> c.path().equals(own));
            HttpResponse<String> response = api.get(Route.REFERENCE_PREFIX + own, api.bearer("admin"));
            assertThat(response.statusCode()).as(own).isEqualTo(404);
            assertThat(api.json(response).get("detail").asText()).contains("docs/compatibility.md");
            assertThat(api.get("/api/v1" + own, api.bearer("admin")).statusCode()).as("InviteHub's own " + own).isEqualTo(200);
        }
    }
}
