package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static io.invitehub.bootstrap.ReferenceWorld.REF;
import static io.invitehub.bootstrap.ReferenceWorld.json;
import static io.invitehub.bootstrap.ReferenceWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference dialect keeps InviteHub's rules: distributor B sees and changes nothing of A's through it
 * (another distributor's code or member answers exactly like an unknown one), the staff routes are closed
 * to distributors, the two APIs answer one path each in its own shape, and routes of reference features
 * InviteHub does not have answer 404 with a string {@code detail}.
 */
class ReferenceDialectIsolationTest {
    private static ReferenceWorld w;

    @BeforeAll
    static void start() throws Exception {
        w = new ReferenceWorld();
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    @Test
    void distributorBSeesNothingOfAThroughTheDialect() throws Exception {
        JsonNode bCodes = json(ok(w.get(REF + "/redeem-codes", w.bToken), 200)).get("codes");
        List<String> aCodeTexts = w.aCodes.stream().map(c -> c.display()).toList();
        assertThat(bCodes.findValuesAsText("code")).noneMatch(aCodeTexts::contains).hasSize(w.bCodes.size());
        HttpResponse<String> named = w.get(REF + "/redeem-codes?distributor_id=" + w.a.id().value(), w.bToken);
        HttpResponse<String> unknownDistributor = w.get(REF + "/redeem-codes?distributor_id=999999", w.bToken);
        assertThat(named.statusCode()).isEqualTo(404).isEqualTo(unknownDistributor.statusCode());
        assertThat(json(named).get("detail").isTextual()).isTrue();

        assertThat(json(ok(w.get(REF + "/distributors/me/sales?limit=1000", w.bToken), 200)).findValuesAsText("email"))
                .containsExactly("b0@example.com");
        assertThat(json(ok(w.get(REF + "/distributors/me/members", w.bToken), 200)).findValuesAsText("email"))
                .containsExactly("b0@example.com");
        assertThat(json(ok(w.get(REF + "/distributors/me/summary", w.bToken), 200)).get("total_sales").asLong()).isEqualTo(1);
    }

    @Test
    void distributorBChangesNothingOfAsCodesOrMembers() throws Exception {
        long aUnused = w.codeId(w.aCodes.get(5));
        long aUsed = w.codeId(w.aCodes.get(0));
        long unknown = 999_999;
        for (String path : List.of("/redeem-codes/" + aUnused + "/toggle", "/redeem-codes/" + unknown + "/toggle")) {
            HttpResponse<String> response = w.send("PUT", REF + path, w.bToken, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response).get("detail").isTextual()).isTrue();
        }
        assertThat(w.send("DELETE", REF + "/redeem-codes/" + aUnused, w.bToken, null).statusCode()).isEqualTo(404);
        assertThat(w.get(REF + "/redeem-codes/" + aUsed + "/records", w.bToken).statusCode()).isEqualTo(404);
        JsonNode batch = json(ok(w.send("DELETE", REF + "/redeem-codes/batch", w.bToken, "{\"ids\":[" + aUnused + "," + aUsed + "]}"), 200));
        assertThat(batch.get("deleted").asInt()).isZero();
        assertThat(batch.get("skipped").asInt()).isEqualTo(2);
        // the same words for A's codes as for unknown ones: no existence oracle
        assertThat(List.of(batch.get("errors").get(0).asText(), batch.get("errors").get(1).asText())).containsExactlyInAnyOrder(
                "ID " + aUnused + ": cannot be deleted", "ID " + aUsed + ": cannot be deleted");
        assertThat(w.sql.count("select count(*) from redeem_codes where active and id in (" + aUnused + "," + aUsed + ")")).isEqualTo(2);

        long team = w.alpha.id().value();
        HttpResponse<String> foreign = w.send("POST", REF + "/distributors/me/members/remove", w.bToken,
                "{\"email\":\"a1@example.com\",\"team_id\":" + team + "}");
        HttpResponse<String> nobody = w.send("POST", REF + "/distributors/me/members/remove", w.bToken,
                "{\"email\":\"nobody@example.com\",\"team_id\":" + team + "}");
        assertThat(foreign.statusCode()).isEqualTo(404).isEqualTo(nobody.statusCode());
        assertThat(json(foreign).get("detail").asText()).isEqualTo(json(nobody).get("detail").asText());
        assertThat(w.sql.text("select state from invitations where email = 'a1@example.com'")).isEqualTo("JOINED");
        assertThat(w.send("POST", REF + "/distributors/me/members/add", w.bToken,
                "{\"email\":\"a1@example.com\",\"team_id\":" + team + "}").statusCode()).isEqualTo(404);
    }

    @Test
    void theStaffRoutesAreClosedToDistributorsAndAnonymousCallers() throws Exception {
        long a = w.a.id().value();
        for (String path : List.of("/distributors", "/distributors/" + a + "/sales", "/admins/pending-distributors",
                "/admins/distributors/analytics", "/admins/distributors/" + a + "/detail")) {
            HttpResponse<String> asB = w.get(REF + path, w.bToken);
            assertThat(asB.statusCode()).as(path).isEqualTo(403);
            assertThat(json(asB).get("detail").isTextual()).isTrue();
            assertThat(w.get(REF + path, null).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(w.send("POST", REF + "/distributors/" + a + "/grant-codes", w.bToken, "{\"count\":5}").statusCode()).isEqualTo(403);
        assertThat(w.send("DELETE", REF + "/admins/distributors/" + a, w.bToken, null).statusCode()).isEqualTo(403);
        assertThat(w.send("POST", REF + "/admins/distributors/" + a + "/reject", w.bToken, "{}").statusCode()).isEqualTo(403);
        assertThat(w.sql.text("select approval from users where id = " + a)).isEqualTo("APPROVED");
        // staff have no "me"
        assertThat(w.get(REF + "/distributors/me/summary", w.admin).statusCode()).isEqualTo(403);
    }

    @Test
    void onePathAnswersEachClientInItsOwnShape() throws Exception {
        JsonNode ours = json(ok(w.get("/api/v1/distributors/me/summary", w.aToken), 200));
        JsonNode theirs = json(ok(w.get(REF + "/distributors/me/summary", w.aToken), 200));
        assertThat(ours.has("total_codes")).isTrue();
        assertThat(ours.get("total_revenue_estimate").isTextual()).as("ours: a decimal string").isTrue();
        assertThat(theirs.has("total_codes_created")).isTrue();
        assertThat(theirs.get("total_revenue_estimate").isNumber()).as("theirs: a JSON number").isTrue();
        assertThat(theirs.get("total_codes_created").asLong()).isEqualTo(ours.get("total_codes").asLong());
        assertThat(json(ok(w.get("/api/v1/auth/me", w.aToken), 200)).get("role").asText()).isEqualTo("DISTRIBUTOR");
        assertThat(json(ok(w.get(REF + "/auth/me", w.aToken), 200)).get("role").asText()).isEqualTo("distributor");
        // our own lists always answer the keyset object, even with ?limit= alone
        JsonNode sales = json(ok(w.get("/api/v1/distributors/me/sales?limit=2", w.aToken), 200));
        assertThat(sales.isObject()).isTrue();
        assertThat(sales.has("next_cursor")).isTrue();
    }

    /**
     * Every route of the dialect's table, as every caller, with malformed ids, query values and bodies (broken
     * JSON, wrong types, a garbled multipart form, a body of another content type): never a 5xx, and every
     * problem carries a string {@code detail}. (The hardening fuzz test walks the same {@code Route} rows.)
     */
    @Test
    void everyReferenceRouteAnswersHostileInputWithA4xxAndAStringDetail() throws Exception {
        List<io.invitehub.adapter.in.http.Route> routes = w.hub.httpRoutes().stream()
                .filter(io.invitehub.adapter.in.http.Route::reference).toList();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(40);
        // (a NUL in the path itself is refused by Jetty before any route matches: the hardening's fuzz test owns that)
        List<String> ids = List.of("0", "-1", "abc", "99999999999999999999", "1%20OR%201=1");
        String query = "?limit=-1&page=x&page_size=0&status=%00&is_active=maybe&sort_by=%27&code=%E2%80%8B&email=@@&distributor_id=x";
        List<String[]> bodies = List.of(new String[]{"application/json", "{"}, new String[]{"application/json", "[]"},
                new String[]{"application/json", "null"},
                new String[]{"application/json", "{\"ids\":\"x\",\"count\":\"many\",\"email\":42,\"team_id\":-1,"
                        + "\"plan_id\":1e99,\"quantity\":-5,\"code\":[],\"reason\":{},\"username\":true,\"password\":1}"},
                new String[]{"multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nx"},
                new String[]{"application/x-www-form-urlencoded", "username=%ZZ&password"},
                new String[]{"text/plain", "\u0000\u00ff"});
        List<String> failures = new java.util.ArrayList<>();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        int calls = 0;
        for (io.invitehub.adapter.in.http.Route route : routes) {
            for (String token : java.util.Arrays.asList(null, w.admin, w.aToken)) {
                for (String id : ids) {
                    String path = route.path().replace("{id}", id) + query;
                    for (String[] body : route.method().equals("GET") ? List.<String[]>of(new String[]{null, null}) : bodies) {
                        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(w.base + path))
                                .timeout(java.time.Duration.ofSeconds(20)).method(route.method(), body[1] == null
                                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                        : java.net.http.HttpRequest.BodyPublishers.ofString(body[1]));
                        if (body[0] != null) {
                            request.header("Content-Type", body[0]);
                        }
                        if (token != null) {
                            request.header("Authorization", token);
                        }
                        HttpResponse<String> response;
                        try {
                            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        } catch (java.io.IOException closed) {
                            failures.add(route + " " + path + " " + body[0] + ": no answer (" + closed.getMessage() + ")");
                            client = java.net.http.HttpClient.newHttpClient();
                            continue;
                        }
                        calls++;
                        String contentType = response.headers().firstValue("Content-Type").orElse("");
                        if (response.statusCode() >= 500) {
                            failures.add(route + " " + path + " " + body[0] + ": " + response.statusCode() + " " + response.body());
                        } else if (contentType.startsWith("application/problem+json") && !json(response).get("detail").isTextual()) {
                            failures.add(route + " " + path + ": detail is not a string: " + response.body());
                        }
                    }
                    if (!route.path().contains("{id}")) {
                        break; // one pass is enough for a route without an id
                    }
                }
            }
        }
        assertThat(failures).as("hostile input answered badly").isEmpty();
        assertThat(calls).isGreaterThan(routes.size() * 3);
        // nothing was created, approved or deleted by any of it
        assertThat(w.sql.count("select count(*) from users where role = 'DISTRIBUTOR' and approval = 'APPROVED'")).isEqualTo(2);
        assertThat(w.sql.count("select count(*) from orders")).isZero();
    }

    @Test
    void referenceFeaturesInviteHubDoesNotHaveAnswer404WithAStringDetail() throws Exception {
        List<String[]> calls = List.of(
                new String[]{"GET", "/teams"}, new String[]{"GET", "/dashboard/stats"}, new String[]{"GET", "/dashboard/logs?limit=10"},
                new String[]{"GET", "/groups"}, new String[]{"GET", "/invite-records"}, new String[]{"GET", "/coupons"},
                new String[]{"POST", "/public/shop/coupon/check"}, new String[]{"GET", "/public/shop/plans"},
                new String[]{"GET", "/bulk-email/jobs"}, new String[]{"GET", "/linuxdo/config"}, new String[]{"POST", "/telegram/webhook"},
                new String[]{"PUT", "/config/site_title"}, new String[]{"POST", "/config/batch"}, new String[]{"POST", "/setup/initialize"},
                new String[]{"GET", "/admins"}, new String[]{"GET", "/plans"}, new String[]{"GET", "/orders"},
                new String[]{"GET", "/notifications/settings"}, new String[]{"POST", "/auth/register"});
        for (String[] call : calls) {
            HttpResponse<String> response = w.send(call[0], REF + call[1], w.admin, call[0].equals("GET") ? null : "{}");
            assertThat(response.statusCode()).as(call[0] + " " + call[1]).isEqualTo(404);
            assertThat(json(response).get("detail").asText()).as(call[1]).contains("docs/compatibility.md");
        }
        // a path the dialect serves with another method: 405, with a string detail too
        HttpResponse<String> batchCreate = w.send("POST", REF + "/redeem-codes/batch", w.admin, "{\"count\":1}");
        assertThat(batchCreate.statusCode()).isEqualTo(405);
        assertThat(json(batchCreate).get("detail").isTextual()).isTrue();
    }
}
