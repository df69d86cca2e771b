package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.invitehub.bootstrap.Calls.await;
import static io.invitehub.bootstrap.Calls.json;
import static io.invitehub.bootstrap.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settlement wired to the rest (ADR 37, amendment on refunds, webhooks and the admin's price), with the whole service
 * on real PostgreSQL over real HTTP: confirming a statement publishes {@code statement.confirmed} in its transaction
 * and a subscribed endpoint receives it (one without subscribers writes nothing); the charge of an acceptance on a
 * granted code takes the default price an ADMIN saved on the Settings page.
 */
class SettlementWiringHttpTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PersistenceSettings db;
    private static Sql sql;
    private static InviteHub hub;
    private static Calls api;
    private static WebhookReceiver receiver;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
        db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of(
                "INVITEHUB_WEBHOOKS_ALLOW_LOCAL", "true",
                "INVITEHUB_WEBHOOK_POLL_INTERVAL", "100ms",
                "INVITEHUB_DEFAULT_UNIT_PRICE_MINOR", "500",
                "INVITEHUB_SIM_ACCEPT_DELAY", "1h"))).persistence(db).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        api = new Calls(hub);
        admin = api.login("admin", "admin-password");
        ok(api.send("POST", "/api/v1/admin/teams", admin, "{\"name\":\"Wire Team\",\"provider_account_id\":\"acct-wire\",\"max_seats\":50}"), 201);
    }

    @AfterAll
    static void stop() {
        hub.close();
        receiver.close();
    }

    private static long distributor(String name) throws Exception {
        return json(ok(api.send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"" + name + "-pw\"}"), 201)).get("id").asLong();
    }

    /** A statement of an ended month for {@code d}: an adjustment dated 40 days ago, written by the monthly job; its id. */
    private static long endedStatement(long d, long amountMinor) {
        sql.execute("insert into ledger_entries (distributor_id, kind, amount_minor, balance_minor, currency, period, occurred_at, reason) "
                + "select " + d + ", 'ADJUSTMENT', " + amountMinor + ", " + amountMinor + ", currency, settlement_period(" + d
                + ", now() - interval '40 days'), now() - interval '40 days', 'opening fee' from settlement_settings");
        hub.settlement().writeStatements();
        return sql.count("select min(id) from statements where distributor_id = " + d);
    }

    @Test
    void confirmingAStatementPublishesStatementConfirmedToTheDistributorsEndpoint() throws Exception {
        long d = distributor("wire-hook");
        String token = api.login("wire-hook", "wire-hook-pw");
        JsonNode endpoint = json(ok(api.send("POST", "/api/v1/distributors/me/webhooks", token,
                "{\"url\":\"" + receiver.base() + "/statements\",\"events\":\"statement.confirmed\"}"), 201));
        long statement = endedStatement(d, 1234);
        String period = sql.text("select to_char(period, 'YYYY-MM') from statements where id = " + statement);

        JsonNode confirmed = json(ok(api.send("POST", "/api/v1/admin/statements/" + statement + "/confirm", admin, null), 200));
        assertThat(confirmed.get("state").asText()).isEqualTo("CONFIRMED");
        // the event was committed with the confirmation (one outbox row, one delivery), then delivered
        assertThat(sql.count("select count(*) from webhook_events where event_type = 'statement.confirmed'")).isEqualTo(1);
        await("the statement.confirmed delivery", WAIT, () -> receiver.at("/statements").size() == 1);
        WebhookReceiver.Received received = receiver.at("/statements").get(0);
        assertThat(received.headers().get("InviteHub-Event")).isEqualTo("statement.confirmed");
        JsonNode event = json(received.body());
        assertThat(event.get("type").asText()).isEqualTo("statement.confirmed");
        JsonNode data = event.get("data");
        assertThat(data.get("statement_id").asLong()).isEqualTo(statement);
        assertThat(data.get("period").asText()).isEqualTo(period);
        assertThat(data.get("currency").asText()).isEqualTo("CNY");
        assertThat(data.get("closing_balance").asText()).isEqualTo("12.34").isEqualTo(confirmed.get("closing").asText());
        assertThat(data.get("adjustments").asText()).isEqualTo("12.34");
        assertThat(data.get("opening_balance").asText()).isEqualTo("0.00");
        assertThat(data.get("charges_count").asLong()).isZero();
        assertThat(Instant.parse(data.get("confirmed_at").asText())).isEqualTo(Instant.parse(confirmed.get("confirmed_at").asText()));
        assertThat(endpoint.get("events").toString()).isEqualTo("[\"statement.confirmed\"]");
    }

    @Test
    void confirmingAStatementNobodySubscribesToWritesNoEvent() throws Exception {
        long d = distributor("wire-quiet");
        long statement = endedStatement(d, 300);
        long events = sql.count("select count(*) from webhook_events");
        long deliveries = sql.count("select count(*) from webhook_deliveries");
        ok(api.send("POST", "/api/v1/admin/statements/" + statement + "/confirm", admin, null), 200);
        assertThat(sql.text("select state from statements where id = " + statement)).isEqualTo("CONFIRMED");
        assertThat(sql.count("select count(*) from webhook_events")).isEqualTo(events);
        assertThat(sql.count("select count(*) from webhook_deliveries")).isEqualTo(deliveries);
    }

    @Test
    void anAcceptanceOnAGrantedCodeIsChargedAtTheDefaultPriceTheAdminSaved() throws Exception {
        long d = distributor("wire-price");
        long team = sql.count("select id from teams where name = 'Wire Team'");
        ok(api.send("POST", "/api/v1/distributors/" + d + "/grant-codes", admin, "{\"count\":3,\"max_uses\":1,\"validity_days\":30}"), 201);
        sql.execute("insert into invitations (code_id, distributor_id, team_id, email, state, created_at, invited_at) select c.id, c.owner_id, "
                + team + ", 'price' || c.id || '@example.com', 'INVITED', now(), now() from redeem_codes c where c.owner_id = " + d);
        java.util.List<String> ids = sql.texts("select id from invitations where distributor_id = " + d + " order by id");
        String first = ids.get(0);
        String second = ids.get(1);

        // before: the configuration's price, stored at the first start
        sql.execute("update invitations set state = 'JOINED', accepted_at = now() where id = " + first);
        assertThat(sql.count("select amount_minor from ledger_entries where kind = 'CHARGE' and invitation_id = " + first)).isEqualTo(500);

        ObjectNode settings = (ObjectNode) json(ok(api.send("GET", "/api/v1/admin/settings", admin, null), 200));
        assertThat(settings.get("default_unit_price").asText()).isEqualTo("5.00");
        settings.put("default_unit_price", "8.80");
        settings.remove("currency");
        ok(api.send("PUT", "/api/v1/admin/settings", admin, settings.toString()), 200);
        sql.execute("update invitations set state = 'JOINED', accepted_at = now() where id = " + second);
        assertThat(sql.texts("select amount_minor || ' ' || unit_price_minor from ledger_entries where kind = 'CHARGE' and distributor_id = " + d
                + " order by id")).containsExactly("500 500", "880 880");
        // the distributor's own price still wins over the platform's
        ok(api.send("PUT", "/api/v1/distributors/" + d + "/unit-price", admin, "{\"unit_price\":\"6.10\"}"), 204);
        sql.execute("update invitations set state = 'JOINED', accepted_at = now() where id = " + ids.get(2));
        assertThat(sql.count("select amount_minor from ledger_entries where kind = 'CHARGE' and invitation_id = " + ids.get(2))).isEqualTo(610);
    }
}
