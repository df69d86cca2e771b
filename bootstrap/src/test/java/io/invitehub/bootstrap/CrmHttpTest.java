package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.adapter.in.http.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.invitehub.bootstrap.ReadSideWorld.json;
import static io.invitehub.bootstrap.ReadSideWorld.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CRM lite end to end over HTTP on real PostgreSQL (ADR 36): tags and versioned notes on a distributor's own
 * customers, the customer page, the tag filter of the members and sales lists (and their exports), and — on
 * every CRM route — another distributor seeing and changing nothing of it.
 */
class CrmHttpTest {
    private static final String ME = "/api/v1/distributors/me";
    private static ReadSideWorld w;

    @BeforeAll
    static void start() throws Exception {
        w = new ReadSideWorld();
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    private static String customer(String email) {
        return ME + "/customers/" + email;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isObject() ? n.get("email").asText() : n.asText()));
        return out;
    }

    @Test
    void aDistributorTagsNotesAndReadsItsCustomer() throws Exception {
        String c = "a-customer0@example.com";
        assertThat(texts(json(ok(w.send("POST", customer(c) + "/tags", w.a, "{\"tag\":\" VIP \"}"), 200)).get("tags"))).containsExactly("vip");
        assertThat(texts(json(ok(w.send("POST", customer(c) + "/tags", w.a, "{\"tag\":\"Renewal 2027\"}"), 200)).get("tags")))
                .containsExactly("renewal-2027", "vip");
        // the same tag again changes nothing
        assertThat(texts(json(ok(w.send("POST", customer(c) + "/tags", w.a, "{\"tag\":\"vip\"}"), 200)).get("tags"))).hasSize(2);

        JsonNode first = json(ok(w.send("PUT", customer(c) + "/note", w.a, "{\"body\":\"called on Monday\",\"version\":0}"), 200));
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("updated_by").asText()).isEqualTo("dist-a");
        assertThat(json(ok(w.send("PUT", customer(c) + "/note", w.a, "{\"body\":\"客户 called back, wants 3 seats\",\"version\":1}"), 200))
                .get("version").asInt()).isEqualTo(2);
        // an editor who saw version 1 does not overwrite version 2
        assertThat(json(ok(w.send("PUT", customer(c) + "/note", w.a, "{\"body\":\"stale\",\"version\":1}"), 409)).get("code").asText())
                .isEqualTo("CONFLICT");

        JsonNode page = json(ok(w.get(customer(c), w.a), 200));
        assertThat(page.get("email").asText()).isEqualTo(c);
        assertThat(texts(page.get("tags"))).containsExactly("renewal-2027", "vip");
        assertThat(page.get("note").get("body").asText()).isEqualTo("客户 called back, wants 3 seats");
        assertThat(page.get("invitations")).singleElement().satisfies(i -> {
            assertThat(i.get("status").asText()).isEqualTo("RESERVED");
            assertThat(i.get("team_name").asText()).isEqualTo("Team One");
        });
        JsonNode history = json(ok(w.get(customer(c) + "/note/history", w.a), 200)).get("items");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(history.get(1).get("body").asText()).isEqualTo("called on Monday");
        assertThat(history.get(1).get("edited_by").asText()).isEqualTo("dist-a");

        assertThat(texts(json(ok(w.send("DELETE", customer(c) + "/tags/VIP", w.a, null), 200)).get("tags"))).containsExactly("renewal-2027");
        assertThat(json(ok(w.get(ME + "/tags", w.a), 200))).anySatisfy(t -> {
            assertThat(t.get("tag").asText()).isEqualTo("renewal-2027");
            assertThat(t.get("customers").asLong()).isEqualTo(1);
        });
        assertThat(w.sql.count("select count(*) from audit_log where action like 'CUSTOMER_%' and target_id = '" + c + "'")).isEqualTo(5);

        // bounds: a tag that is none, too many tags, a note too long, a customer that is nobody's
        assertThat(json(ok(w.send("POST", customer(c) + "/tags", w.a, "{\"tag\":\"a,b\"}"), 400)).get("field").asText()).isEqualTo("tag");
        assertThat(json(ok(w.send("PUT", customer(c) + "/note", w.a, "{\"body\":\"" + "x".repeat(2001) + "\"}"), 400)).get("field").asText())
                .isEqualTo("body");
        assertThat(w.get(customer("nobody@example.com"), w.a).statusCode()).isEqualTo(404);
        String full = "a-customer4@example.com";
        for (int i = 0; i < 20; i++) {
            ok(w.send("POST", customer(full) + "/tags", w.a, "{\"tag\":\"t" + i + "\"}"), 200);
        }
        assertThat(w.send("POST", customer(full) + "/tags", w.a, "{\"tag\":\"one-more\"}").statusCode()).isEqualTo(409);
        // staff have no CRM
        assertThat(w.get(customer(c), w.admin).statusCode()).isEqualTo(403);
    }

    @Test
    void membersAndSalesFilterByTagsAllOfThem() throws Exception {
        ok(w.send("POST", customer("a-customer1@example.com") + "/tags", w.a, "{\"tag\":\"gold\"}"), 200);
        ok(w.send("POST", customer("a-customer2@example.com") + "/tags", w.a, "{\"tag\":\"gold\"}"), 200);
        ok(w.send("POST", customer("a-customer2@example.com") + "/tags", w.a, "{\"tag\":\"big\"}"), 200);
        w.sql.execute("update invitations set state = 'JOINED', invited_at = now(), accepted_at = now() where distributor_id = " + w.aId
                + " and email in ('a-customer1@example.com', 'a-customer2@example.com', 'a-customer3@example.com')");

        assertThat(texts(json(ok(w.get(ME + "/sales?tag=gold&cursor=", w.a), 200)).get("items")))
                .containsExactlyInAnyOrder("a-customer1@example.com", "a-customer2@example.com");
        assertThat(texts(json(ok(w.get(ME + "/sales?tag=GOLD,big&cursor=", w.a), 200)).get("items"))).containsExactly("a-customer2@example.com");
        assertThat(texts(json(ok(w.get(ME + "/members?tag=gold&cursor=", w.a), 200)).get("items")))
                .containsExactlyInAnyOrder("a-customer1@example.com", "a-customer2@example.com");
        assertThat(texts(json(ok(w.get(ME + "/members?tag=big,gold&q=a-customer2&cursor=", w.a), 200)).get("items"))).hasSize(1);
        assertThat(json(ok(w.get(ME + "/members?tag=nobody-has-it&cursor=", w.a), 200)).get("items")).isEmpty();

        // keyset paging over the filtered list: every row once
        JsonNode first = json(ok(w.get(ME + "/sales?tag=gold&limit=1&cursor=", w.a), 200));
        String next = first.get("next_cursor").asText();
        JsonNode second = json(ok(w.get(ME + "/sales?tag=gold&limit=1&cursor=" + next, w.a), 200));
        assertThat(List.of(texts(first.get("items")).get(0), texts(second.get("items")).get(0)))
                .containsExactlyInAnyOrder("a-customer1@example.com", "a-customer2@example.com");
        assertThat(second.get("next_cursor").isNull()).isTrue();

        // the exports take the same filter
        String csv = w.get(ME + "/exports/sales?tag=gold,big", w.a).body();
        assertThat(csv.lines().count()).isEqualTo(2);
        assertThat(csv).contains("a-customer2@example.com").doesNotContain("a-customer1@example.com");

        assertThat(json(ok(w.get(ME + "/sales?tag=no!", w.a), 400)).get("field").asText()).isEqualTo("tag");
        assertThat(json(ok(w.get(ME + "/members?tag=a,b,c,d,e,f", w.a), 400)).get("field").asText()).isEqualTo("tag");
    }

    @Test
    void anotherDistributorSeesAndChangesNothingOfItOnAnyCrmRoute() throws Exception {
        String c = "a-customer3@example.com";
        ok(w.send("POST", customer(c) + "/tags", w.a, "{\"tag\":\"secret-a\"}"), 200);
        ok(w.send("PUT", customer(c) + "/note", w.a, "{\"body\":\"A's own words\"}"), 200);
        Set<String> exercised = new TreeSet<>();

        // B asks about A's customer on every route: 404 each time, like an e-mail that is nobody's
        assertThat(call(exercised, "GET", "/customers/{email}", customer(c), null).statusCode()).isEqualTo(404);
        assertThat(call(exercised, "POST", "/customers/{email}/tags", customer(c) + "/tags", "{\"tag\":\"b-was-here\"}").statusCode())
                .isEqualTo(404);
        assertThat(call(exercised, "DELETE", "/customers/{email}/tags/{tag}", customer(c) + "/tags/secret-a", null).statusCode())
                .isEqualTo(404);
        assertThat(call(exercised, "PUT", "/customers/{email}/note", customer(c) + "/note", "{\"body\":\"B's words\"}").statusCode())
                .isEqualTo(404);
        assertThat(call(exercised, "GET", "/customers/{email}/note/history", customer(c) + "/note/history", null).statusCode())
                .isEqualTo(404);
        JsonNode bTags = json(call(exercised, "GET", "/tags", ME + "/tags", null));
        assertThat(bTags.toString()).doesNotContain("secret-a");
        assertThat(json(ok(w.get(ME + "/sales?tag=secret-a&cursor=", w.b), 200)).get("items")).isEmpty();
        assertThat(json(ok(w.get(ME + "/members?tag=secret-a&cursor=", w.b), 200)).get("items")).isEmpty();
        assertThat(w.get(ME + "/exports/sales?tag=secret-a", w.b).body().lines().count()).isEqualTo(1);
        assertThat(w.get(ME + "/exports/members?tag=secret-a", w.b).body().lines().count()).isEqualTo(1);

        // nothing of A's changed, nothing of B's was written
        assertThat(w.sql.texts("select tag from customer_tags where email = '" + c + "'")).containsExactly("secret-a");
        assertThat(w.sql.text("select body from customer_notes where email = '" + c + "'")).isEqualTo("A's own words");
        assertThat(w.sql.count("select count(*) from customer_tags where distributor_id = " + w.bId)).isZero();
        assertThat(w.sql.count("select count(*) from customer_notes where distributor_id = " + w.bId)).isZero();

        // the same e-mail as B's customer too: B's page shows B's invitation only, none of A's tags or note
        long bCode = w.bCodes.get(2);
        w.sql.execute("insert into invitations (code_id, distributor_id, team_id, email, state, created_at, ended_at, end_reason) values ("
                + bCode + ", " + w.bId + ", null, '" + c + "', 'CANCELLED', now() - interval '1 day', now(), 'test')");
        JsonNode bPage = json(ok(w.get(customer(c), w.b), 200));
        assertThat(bPage.get("tags")).isEmpty();
        assertThat(bPage.get("note").isNull()).isTrue();
        assertThat(bPage.get("invitations")).singleElement().satisfies(i -> assertThat(i.get("status").asText()).isEqualTo("CANCELLED"));
        assertThat(json(ok(w.get(customer(c) + "/note/history", w.b), 200)).get("items")).isEmpty();
        ok(w.send("POST", customer(c) + "/tags", w.b, "{\"tag\":\"b-tag\"}"), 200);
        assertThat(texts(json(ok(w.get(customer(c), w.a), 200)).get("tags"))).containsExactly("secret-a");

        // every CRM route of the table was exercised as B
        Set<String> crmRoutes = w.hub.httpRoutes().stream().map(r -> r.method() + " " + r.path())
                .filter(k -> k.contains("/me/customers") || k.endsWith("/me/tags")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(exercised).isEqualTo(crmRoutes);
    }

    private static HttpResponse<String> call(Set<String> exercised, String method, String route, String path, String body) throws Exception {
        exercised.add(method + " " + ME + route);
        return w.send(method, path, w.b, body);
    }

    static Set<String> routesOf(List<Route> routes) {
        return routes.stream().map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
    }
}
