package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.invitehub.bootstrap.Calls.json;
import static io.invitehub.bootstrap.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's kind filter (ADR 37, amendment on the kind filter) over real HTTP on real PostgreSQL: two distributors
 * with entries of several kinds — charges written by the acceptance trigger, refunds and adjustments booked by staff,
 * a payment — filtered by one kind and by two, paged across a filter, on {@code /me/ledger}, the staff route and the
 * ledger export (with {@code kind}, and with {@code status} as before); an unknown kind is a 400 naming {@code kind};
 * the other distributor's entries never appear.
 */
class LedgerKindFilterHttpTest {
    private static PersistenceSettings db;
    private static Sql sql;
    private static InviteHub hub;
    private static Calls api;
    private static String admin;
    private static long a;
    private static long b;
    private static String aToken;
    private static String bToken;

    @BeforeAll
    static void start() throws Exception {
        db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_DEFAULT_UNIT_PRICE_MINOR", "500", "INVITEHUB_SIM_ACCEPT_DELAY", "1h")))
                .persistence(db).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        api = new Calls(hub);
        admin = api.login("admin", "admin-password");
        ok(api.send("POST", "/api/v1/admin/teams", admin, "{\"name\":\"Kind Team\",\"provider_account_id\":\"acct-kind\",\"max_seats\":50}"), 201);
        a = distributor("kind-a");
        b = distributor("kind-b");
        aToken = api.login("kind-a", "kind-a-pw");
        bToken = api.login("kind-b", "kind-b-pw");
        // interleaved, so a filter has to skip the other kinds and the other distributor
        charges(a, 3);
        refund(a, "1.00");
        adjust(b, "9.00");
        adjust(a, "2.00");
        refund(b, "7.00");
        charges(b, 2);
        refund(a, "3.00");
        adjust(a, "-0.50");
        sql.execute("insert into ledger_entries (distributor_id, kind, amount_minor, balance_minor, currency, period, occurred_at, reference) "
                + "select " + a + ", 'PAYMENT', 400, -400, currency, settlement_period(" + a + ", now()), now(), 'wire 1' from settlement_settings");
        adjust(a, "4.00");
        charges(a, 1);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static long distributor(String name) throws Exception {
        return json(ok(api.send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"" + name + "-pw\"}"), 201)).get("id").asLong();
    }

    /** {@code n} acceptances on codes granted to {@code d}: the trigger writes a CHARGE each. */
    private static void charges(long d, int n) throws Exception {
        long team = sql.count("select id from teams where name = 'Kind Team'");
        for (int i = 0; i < n; i++) {
            ok(api.send("POST", "/api/v1/distributors/" + d + "/grant-codes", admin, "{\"count\":1,\"max_uses\":1,\"validity_days\":30}"), 201);
            long code = sql.count("select max(id) from redeem_codes where owner_id = " + d);
            sql.execute("insert into invitations (code_id, distributor_id, team_id, email, state, created_at, invited_at) values (" + code
                    + ", " + d + ", " + team + ", 'k" + code + "@example.com', 'INVITED', now(), now())");
            sql.execute("update invitations set state = 'JOINED', accepted_at = now() where code_id = " + code);
        }
    }

    private static void refund(long d, String amount) throws Exception {
        ok(api.send("POST", "/api/v1/distributors/" + d + "/ledger/refunds", admin, "{\"amount\":\"" + amount + "\",\"reason\":\"r\"}"), 201);
    }

    private static void adjust(long d, String amount) throws Exception {
        ok(api.send("POST", "/api/v1/distributors/" + d + "/ledger/adjustments", admin, "{\"amount\":\"" + amount + "\",\"reason\":\"a\"}"), 201);
    }

    /** The ids of {@code d}'s entries of these kinds, newest first, straight from the table. */
    private static List<Long> expected(long d, String... kinds) {
        String in = java.util.Arrays.stream(kinds).map(k -> "'" + k + "'").collect(Collectors.joining(","));
        return sql.texts("select id from ledger_entries where distributor_id = " + d + " and kind in (" + in + ") order by id desc")
                .stream().map(Long::valueOf).collect(Collectors.toList());
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    private static JsonNode get(String path, String token) throws Exception {
        return json(ok(api.send("GET", path, token, null), 200));
    }

    @Test
    void oneKindShowsOnlyThatKindOfTheCallersOwnLedger() throws Exception {
        JsonNode refunds = get("/api/v1/distributors/me/ledger?kind=refund", aToken);
        assertThat(ids(refunds)).hasSize(2).isEqualTo(expected(a, "REFUND"));
        refunds.get("items").forEach(e -> assertThat(e.get("kind").asText()).isEqualTo("REFUND"));
        assertThat(refunds.get("next_cursor").isNull()).isTrue();
        // the same on the staff route, for either distributor; B's own call shows B's only
        assertThat(ids(get("/api/v1/distributors/" + a + "/ledger?kind=REFUND", admin))).isEqualTo(expected(a, "REFUND"));
        assertThat(ids(get("/api/v1/distributors/" + b + "/ledger?kind=REFUND", admin))).hasSize(1).isEqualTo(expected(b, "REFUND"));
        assertThat(ids(get("/api/v1/distributors/me/ledger?kind=refund", bToken))).isEqualTo(expected(b, "REFUND"));
        assertThat(ids(get("/api/v1/distributors/me/ledger?kind=payment", bToken))).isEmpty();
        assertThat(ids(get("/api/v1/distributors/me/ledger?kind=payment", aToken))).hasSize(1).isEqualTo(expected(a, "PAYMENT"));
        // no filter, or an empty one: every kind
        assertThat(ids(get("/api/v1/distributors/me/ledger?kind=", aToken))).hasSize(10)
                .isEqualTo(expected(a, "CHARGE", "REFUND", "ADJUSTMENT", "PAYMENT"));
    }

    @Test
    void twoKindsAreEitherOfThemNewestFirstAndPagedAcrossTheFilter() throws Exception {
        List<Long> want = expected(a, "CHARGE", "ADJUSTMENT");
        assertThat(want).hasSize(7);
        assertThat(ids(get("/api/v1/distributors/me/ledger?kind=charge,%20Adjustment", aToken))).isEqualTo(want);
        assertThat(ids(get("/api/v1/distributors/" + a + "/ledger?kind=CHARGE,ADJUSTMENT,CHARGE", admin))).isEqualTo(want);

        // pages of 3: 3 + 3 + 1, the cursor keeps the filter
        List<Long> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/v1/distributors/me/ledger?kind=charge,adjustment&limit=3" + (cursor == null ? "" : "&cursor=" + cursor), aToken);
            paged.addAll(ids(page));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(paged).isEqualTo(want);
        assertThat(pages).isEqualTo(3);

        // a cursor of one filter is refused on another (and on the unfiltered list), like a cursor of another list
        String first = get("/api/v1/distributors/me/ledger?kind=charge,adjustment&limit=3", aToken).get("next_cursor").asText();
        for (String other : List.of("?kind=charge&cursor=", "?cursor=", "?kind=charge,adjustment,refund&cursor=")) {
            HttpResponse<String> refused = api.send("GET", "/api/v1/distributors/me/ledger" + other + first, aToken, null);
            assertThat(refused.statusCode()).as(other).isEqualTo(400);
        }
        // the same filter in another order or case is the same list: its cursor goes on
        assertThat(ids(get("/api/v1/distributors/me/ledger?kind=ADJUSTMENT,charge&limit=3&cursor=" + first, aToken)))
                .isEqualTo(want.subList(3, 6));
        // with a month too: this month's entries of those kinds
        String month = sql.text("select to_char(max(period), 'YYYY-MM') from ledger_entries where distributor_id = " + a);
        assertThat(ids(get("/api/v1/distributors/me/ledger?kind=charge,adjustment&period=" + month, aToken))).isEqualTo(want);
        assertThat(ids(get("/api/v1/distributors/me/ledger?kind=charge,adjustment&period=2001-01", aToken))).isEmpty();
    }

    @Test
    void anUnknownKindIsA400NamingKindAndListingTheKinds() throws Exception {
        for (String bad : List.of("charges", "CHARGE,nope", "CHARGE,,REFUND", ",", "purchase%20refunded")) {
            HttpResponse<String> refused = api.send("GET", "/api/v1/distributors/me/ledger?kind=" + bad, aToken, null);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = json(refused);
            assertThat(problem.get("field").asText()).isEqualTo("kind");
            assertThat(problem.get("detail").asText()).contains("charge, payment, refund, adjustment, payout, purchase_refunded");
        }
        assertThat(json(api.send("GET", "/api/v1/distributors/me/ledger?kind=nope", aToken, null)).get("detail").asText())
                .contains("\"nope\" is not an entry kind");
        // several values go in one parameter, comma-separated, as ?tag= on the members and sales lists
        HttpResponse<String> twice = api.send("GET", "/api/v1/distributors/me/ledger?kind=charge&kind=refund", aToken, null);
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(json(twice).get("detail").asText()).contains("kind must be given once");
        // the staff route refuses the same way, and a distributor may not read another's
        assertThat(api.send("GET", "/api/v1/distributors/" + a + "/ledger?kind=x", admin, null).statusCode()).isEqualTo(400);
        assertThat(api.send("GET", "/api/v1/distributors/" + a + "/ledger?kind=refund", bToken, null).statusCode()).isEqualTo(403);
        // purchase_refunded is spelled with - or _ in any case, like every choice
        assertThat(ids(get("/api/v1/distributors/me/ledger?kind=Purchase-Refunded", aToken))).isEmpty();
    }

    @Test
    void theLedgerExportTakesTheSameKindsAndStatusStillWorks() throws Exception {
        assertThat(csvIds(api.send("GET", "/api/v1/distributors/me/exports/ledger?kind=refund,payment", aToken, null)))
                .isEqualTo(expected(a, "REFUND", "PAYMENT"));
        assertThat(csvIds(api.send("GET", "/api/v1/distributors/me/exports/ledger?status=refund", aToken, null)))
                .isEqualTo(expected(a, "REFUND"));
        assertThat(csvIds(api.send("GET", "/api/v1/distributors/" + b + "/exports/ledger?kind=charge", admin, null)))
                .hasSize(2).isEqualTo(expected(b, "CHARGE"));
        HttpResponse<String> both = api.send("GET", "/api/v1/distributors/me/exports/ledger?kind=refund&status=refund", aToken, null);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(json(both).get("field").asText()).isEqualTo("kind");
        HttpResponse<String> unknown = api.send("GET", "/api/v1/distributors/me/exports/ledger?kind=refunds", aToken, null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("field").asText()).isEqualTo("kind");
        // another list's export does not filter by kind
        HttpResponse<String> sales = api.send("GET", "/api/v1/distributors/me/exports/sales?kind=refund", aToken, null);
        assertThat(sales.statusCode()).isEqualTo(400);
        assertThat(json(sales).get("detail").asText()).contains("does not filter by kind");

        // a signed link carries the kinds (they are signed with the rest)
        String url = json(ok(api.send("POST", "/api/v1/distributors/me/exports/ledger/links?kind=charge,adjustment", aToken, null), 201))
                .get("url").asText();
        assertThat(csvIds(api.send("GET", url, null, null))).isEqualTo(expected(a, "CHARGE", "ADJUSTMENT"));
    }

    /** The ids of a ledger CSV (first column), after its header. */
    private static List<Long> csvIds(HttpResponse<String> response) {
        ok(response, 200);
        List<String> lines = response.body().replace("\uFEFF", "").lines().collect(Collectors.toList());
        assertThat(lines.get(0)).startsWith("id,kind,");
        return lines.subList(1, lines.size()).stream().map(l -> Long.valueOf(l.substring(0, l.indexOf(',')))).collect(Collectors.toList());
    }
}
