package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import io.invitehub.application.shared.port.out.WebhookEvent;
import io.invitehub.domain.webhook.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.invitehub.bootstrap.Calls.await;
import static io.invitehub.bootstrap.Calls.json;
import static io.invitehub.bootstrap.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSRF guard with the production setting (issue 16, ADR 42): plain http is refused at registration; an
 * https endpoint on a loopback address, literal or behind a name that resolves to it, is registered (its
 * shape is fine) but every delivery is refused after DNS resolution, before any connection: a listening
 * socket on that port is never reached, and the attempts say why.
 */
class WebhookSsrfTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PersistenceSettings db;
    private static Sql sql;
    private static InviteHub hub;
    private static Calls api;
    private static String admin;
    private static ServerSocket listener;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket ignored = listener.accept()) {
                    CONNECTIONS.incrementAndGet();
                } catch (Exception closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.of(
                "INVITEHUB_WEBHOOK_BACKOFF_BASE", "100ms",
                "INVITEHUB_WEBHOOK_BACKOFF_MAX", "200ms",
                "INVITEHUB_WEBHOOK_POLL_INTERVAL", "100ms",
                "INVITEHUB_WEBHOOK_RETRY_FOR", "2s"))).persistence(db).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        api = new Calls(hub);
        admin = api.login("admin", "admin-password");
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        listener.close();
    }

    @Test
    void plainHttpIsRefusedWithoutTheDevelopmentSetting() throws Exception {
        HttpResponse<String> http = api.send("POST", "/api/v1/admin/webhooks", admin,
                "{\"url\":\"http://hooks.example.com/in\",\"events\":\"order.paid\"}");
        assertThat(http.statusCode()).isEqualTo(400);
        assertThat(json(http).get("detail").asText()).contains("https");
        assertThat(sql.count("select count(*) from webhook_endpoints")).isZero();
    }

    @Test
    void loopbackReceiversAreNeverConnectedToWhetherNamedByAddressOrByName() throws Exception {
        int port = listener.getLocalPort();
        JsonNode literal = json(ok(api.send("POST", "/api/v1/admin/webhooks", admin,
                "{\"url\":\"https://127.0.0.1:" + port + "/in\",\"events\":\"order.paid\"}"), 201));
        JsonNode named = json(ok(api.send("POST", "/api/v1/admin/webhooks", admin,
                "{\"url\":\"https://localhost:" + port + "/in\",\"events\":\"order.paid\"}"), 201));
        try (JooqPersistence other = TestPostgres.connect(db)) {
            other.transactions().inTransaction(() -> {
                other.webhookEvents().publish(WebhookEvent.of(EventType.ORDER_PAID, Optional.empty(), Instant.now(), "order_no", "X1"));
                return null;
            });
        }

        for (JsonNode endpoint : new JsonNode[] {literal, named}) {
            long id = endpoint.get("id").asLong();
            await("delivery to " + endpoint.get("url").asText() + " given up", WAIT, () -> sql.count(
                    "select count(*) from webhook_deliveries where endpoint_id = " + id + " and status = 'FAILED'") == 1);
            assertThat(sql.text("select last_error from webhook_deliveries where endpoint_id = " + id))
                    .contains("(loopback): not allowed for webhooks");
            assertThat(sql.count("select count(*) from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id"
                    + " where d.endpoint_id = " + id + " and a.status_code is not null")).isZero();
        }
        assertThat(sql.text("select last_error from webhook_deliveries where endpoint_id = " + named.get("id").asLong()))
                .startsWith("localhost resolves to ");
        assertThat(CONNECTIONS.get()).isZero();
    }
}
