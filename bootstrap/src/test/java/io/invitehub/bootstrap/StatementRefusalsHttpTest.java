package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.application.fakes.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused statement confirmation says why (issue 14), over HTTP on real PostgreSQL: an earlier statement still
 * OPEN (EARLIER_STATEMENT_NOT_CONFIRMED, naming that month), a month not over (STATEMENT_MONTH_NOT_OVER), a
 * statement confirmed or paid already (STATEMENT_ALREADY_CONFIRMED) — each a 409 problem with the blocking
 * {@code period} — and nothing changes on a refusal: the statements, the account's closed month, the audit log and
 * the webhook outbox stay as they were.
 */
class StatementRefusalsHttpTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private InviteHub hub;
    private Sql sql;
    private String base;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static Instant shanghai(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    /** A service on a fresh database with its admin, its clock at 2026-09-10 09:00 in Shanghai (the test moves it). */
    private MutableClock startOnSeptemberTenth() {
        MutableClock clock = new MutableClock(shanghai("2026-09-10T09:00:00"));
        PersistenceSettings db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of())).persistence(db).clock(clock).workers(false).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
        return clock;
    }

    @Test
    void eachRefusalHasItsCodeAndBlockingPeriodAndChangesNothing() throws Exception {
        MutableClock clock = startOnSeptemberTenth();

        // September, October and November activity; December 2nd the job writes the three months OPEN
        long d = ok(send("POST", "/api/v1/admins/distributors/create", admin(), "{\"username\":\"dist-s\",\"email\":\"dist-s@example.com\","
                + "\"password\":\"dist-s-pw\"}"), 201).get("id").asLong();
        ok(send("POST", "/api/v1/distributors/" + d + "/ledger/adjustments", admin(), "{\"amount\":\"1.00\",\"reason\":\"setup fee\"}"), 201);
        clock.set(shanghai("2026-10-10T09:00:00"));
        ok(send("POST", "/api/v1/distributors/" + d + "/ledger/adjustments", admin(), "{\"amount\":\"4.00\",\"reason\":\"october fee\"}"), 201);
        clock.set(shanghai("2026-11-10T09:00:00"));
        ok(send("POST", "/api/v1/distributors/" + d + "/ledger/adjustments", admin(), "{\"amount\":\"2.00\",\"reason\":\"late fee\"}"), 201);
        clock.set(shanghai("2026-12-02T09:00:00"));
        assertThat(hub.settlement().writeStatements()).isEqualTo(3);
        long sep = sql.count("select id from statements where distributor_id = " + d + " and period = '2026-09-01'");
        long oct = sql.count("select id from statements where distributor_id = " + d + " and period = '2026-10-01'");
        long nov = sql.count("select id from statements where distributor_id = " + d + " and period = '2026-11-01'");
        List<String> before = snapshot();

        // November while September and October are OPEN: the refusal names the earliest, September, to confirm first
        JsonNode earlier = refused(nov, "EARLIER_STATEMENT_NOT_CONFIRMED");
        assertThat(earlier.get("period").asText()).isEqualTo("2026-09");
        assertThat(earlier.get("detail").asText()).contains("2026-09").contains("2026-11").contains("nothing changed");
        assertThat(refused(oct, "EARLIER_STATEMENT_NOT_CONFIRMED").get("period").asText()).isEqualTo("2026-09");
        assertThat(snapshot()).isEqualTo(before);

        // the clock back in November: November is not over (the job never writes such a month; the guard holds anyway)
        clock.set(shanghai("2026-11-30T23:00:00"));
        JsonNode notOver = refused(nov, "STATEMENT_MONTH_NOT_OVER");
        assertThat(notOver.get("period").asText()).isEqualTo("2026-11");
        assertThat(notOver.get("detail").asText()).contains("2026-11").contains("not over");
        assertThat(snapshot()).isEqualTo(before);

        // December again: September confirms, then a second confirmation of it is refused as final; November now names October
        clock.set(shanghai("2026-12-02T10:00:00"));
        assertThat(ok(send("POST", "/api/v1/admin/statements/" + sep + "/confirm", admin(), null), 200).get("state").asText()).isEqualTo("CONFIRMED");
        assertThat(refused(nov, "EARLIER_STATEMENT_NOT_CONFIRMED").get("period").asText()).isEqualTo("2026-10");
        List<String> confirmed = snapshot();
        JsonNode again = refused(sep, "STATEMENT_ALREADY_CONFIRMED");
        assertThat(again.get("period").asText()).isEqualTo("2026-09");
        assertThat(again.get("detail").asText()).contains("CONFIRMED");
        assertThat(snapshot()).isEqualTo(confirmed);

        // paid: still STATEMENT_ALREADY_CONFIRMED (a confirmation is final), naming PAID
        ok(send("POST", "/api/v1/admin/statements/" + sep + "/pay", admin(), "{\"reference\":\"BANK-1\"}"), 200);
        List<String> paid = snapshot();
        assertThat(refused(sep, "STATEMENT_ALREADY_CONFIRMED").get("detail").asText()).contains("PAID");
        assertThat(snapshot()).isEqualTo(paid);

        // October, then November, confirm
        ok(send("POST", "/api/v1/admin/statements/" + oct + "/confirm", admin(), null), 200);
        assertThat(ok(send("POST", "/api/v1/admin/statements/" + nov + "/confirm", admin(), null), 200).get("state").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void aPaymentIsRefusedForAnOpenOrAPaidStatementAndChangesNothing() throws Exception {
        MutableClock clock = startOnSeptemberTenth();
        long d = ok(send("POST", "/api/v1/admins/distributors/create", admin(), "{\"username\":\"dist-p\",\"email\":\"dist-p@example.com\","
                + "\"password\":\"dist-p-pw\"}"), 201).get("id").asLong();
        ok(send("POST", "/api/v1/distributors/" + d + "/ledger/adjustments", admin(), "{\"amount\":\"3.00\",\"reason\":\"setup fee\"}"), 201);
        clock.set(shanghai("2026-10-02T09:00:00"));
        assertThat(hub.settlement().writeStatements()).isEqualTo(1);
        long sep = sql.count("select id from statements where distributor_id = " + d + " and period = '2026-09-01'");
        List<String> open = snapshot();

        // OPEN: its amount is not frozen yet, so no payment is recorded against it
        JsonNode notConfirmed = refusedPayment(sep, "STATEMENT_NOT_CONFIRMED", "BANK-0");
        assertThat(notConfirmed.get("period").asText()).isEqualTo("2026-09");
        assertThat(notConfirmed.get("detail").asText()).contains("2026-09").contains("OPEN").contains("nothing changed");
        assertThat(snapshot()).isEqualTo(open);

        // confirmed, then paid once: a second payment names the first one's reference and books nothing
        ok(send("POST", "/api/v1/admin/statements/" + sep + "/confirm", admin(), null), 200);
        assertThat(ok(send("POST", "/api/v1/admin/statements/" + sep + "/pay", admin(), "{\"reference\":\"BANK-1\"}"), 200)
                .get("state").asText()).isEqualTo("PAID");
        List<String> paid = snapshot();
        JsonNode again = refusedPayment(sep, "STATEMENT_ALREADY_PAID", "BANK-2");
        assertThat(again.get("period").asText()).isEqualTo("2026-09");
        assertThat(again.get("detail").asText()).contains("BANK-1").doesNotContain("BANK-2");
        assertThat(snapshot()).isEqualTo(paid);
        assertThat(sql.count("select count(*) from ledger_entries where distributor_id = " + d + " and kind = 'PAYMENT'")).isEqualTo(1);
    }

    /** Everything a confirmation would change: the statements, the account's closed month, the audit log, the outbox. */
    private List<String> snapshot() {
        return List.of(String.join("|", sql.texts("select id || ' ' || state || ' ' || coalesce(confirmed_at::text, '-') || ' '"
                        + " || coalesce(paid_at::text, '-') from statements order by id")),
                String.join("|", sql.texts("select coalesce(closed_through::text, '-') from settlement_accounts order by distributor_id")),
                Long.toString(sql.count("select count(*) from audit_log")),
                Long.toString(sql.count("select count(*) from webhook_events")),
                Long.toString(sql.count("select count(*) from ledger_entries")));
    }

    private JsonNode refused(long statement, String code) throws Exception {
        return refused(send("POST", "/api/v1/admin/statements/" + statement + "/confirm", admin(), null), code);
    }

    private JsonNode refusedPayment(long statement, String code, String reference) throws Exception {
        return refused(send("POST", "/api/v1/admin/statements/" + statement + "/pay", admin(), "{\"reference\":\"" + reference + "\"}"), code);
    }

    /** A 409 problem with this code, as JSON. */
    private static JsonNode refused(HttpResponse<String> r, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("code").asText()).isEqualTo(code);
        return problem;
    }

    /** A fresh token: the clock moves by weeks (and back) in this test. */
    private String admin() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin-password")).build(), HttpResponse.BodyHandlers.ofString());
        return "Bearer " + ok(r, 200).get("access_token").asText();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        if (token != null) {
            r.header("Authorization", token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.request().uri() + " " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }
}
