package io.invitehub.bootstrap;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 19 end to end: two nodes on one PostgreSQL and a Redis of the test's own, which is stopped in the
 * middle. The service keeps serving (redemptions, seats, status), invitations are still dispatched
 * (workers poll), limits still refuse (each node counts on its own), and nothing is lost: every
 * accepted redemption is an invitation that reaches INVITED, before, during and after the outage.
 */
class RedisOutageTest {
    private static TestRedis.PrivateRedis redis;
    private static PersistenceSettings db;
    private static final List<Node> NODES = new ArrayList<>();
    private static String admin;

    @BeforeAll
    static void start() {
        redis = TestRedis.startPrivate();
        db = TestHubs.freshDatabase();
        Map<String, String> env = Map.of(
                "INVITEHUB_REDIS_URL", redis.url(),
                "INVITEHUB_REDIS_TIMEOUT", "200ms",
                "INVITEHUB_TRUSTED_PROXIES", "127.0.0.1",
                "INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", "5",
                "INVITEHUB_SIM_ACCEPT_DELAY", "1h");
        for (int i = 0; i < 2; i++) {
            NODES.add(new Node(InviteHub.builder(TestHubs.settings(env)).persistence(db).start()));
        }
        NODES.get(0).hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        admin = NODES.get(0).bearer("admin", "admin-password");
        NODES.get(0).team(admin, "Outage", 100);
    }

    @AfterAll
    static void stop() {
        NODES.forEach(n -> n.hub.close());
        redis.close();
    }

    @Test
    void theServiceKeepsServingAndLosesNothingWhileRedisIsDown() throws Exception {
        List<String> codes = NODES.get(0).codes(admin, 30, 1);
        List<String> accepted = new ArrayList<>();
        int next = 0;

        // before: Redis shares the per-address count across both nodes
        for (int i = 0; i < 5; i++) {
            accepted.add(redeemOk(NODES.get(i % 2), codes.get(next++), "198.51.100.1"));
        }
        assertThat(NODES.get(1).redeem(codes.get(next), "x@example.com", "198.51.100.1").statusCode()).isEqualTo(429);
        assertThat(NODES.get(0).hub.redisHealthy()).isTrue();

        redis.stop();

        // during: every request is answered; limits hold per node (5 on each node for a fresh address)
        for (int i = 0; i < 5; i++) {
            accepted.add(redeemOk(NODES.get(0), codes.get(next++), "198.51.100.2"));
        }
        HttpResponse<String> limited = NODES.get(0).redeem(codes.get(next), "y@example.com", "198.51.100.2");
        assertThat(limited.statusCode()).as("the node's own limiter refuses").isEqualTo(429);
        accepted.add(redeemOk(NODES.get(1), codes.get(next++), "198.51.100.2"));
        assertThat(NODES.get(1).get("/api/v1/public/seats").statusCode()).isEqualTo(200);
        assertThat(Node.json(NODES.get(1).get("/api/v1/public/seats")).get("used_seats").asLong()).isEqualTo(11);
        assertThat(NODES.get(0).get("/health").statusCode()).isEqualTo(200);
        assertThat(NODES.get(0).hub.redisHealthy()).isFalse();
        HttpResponse<String> ready = NODES.get(0).get("/ready");
        assertThat(ready.statusCode()).as("a Redis outage degrades the node but leaves it ready (ADR 39)").isEqualTo(200);
        assertThat(Node.json(ready).get("checks").get("redis").asText()).isEqualTo("DOWN");
        awaitAllInvited(accepted);

        redis.start();
        Thread.sleep(2_500); // the pause after the last failure

        // after: Redis is back (empty) and shared again
        for (int i = 0; i < 5; i++) {
            accepted.add(redeemOk(NODES.get(i % 2), codes.get(next++), "198.51.100.3"));
        }
        assertThat(NODES.get(0).redeem(codes.get(next), "z@example.com", "198.51.100.3").statusCode()).isEqualTo(429);
        assertThat(NODES.get(0).hub.redisHealthy()).isTrue();
        awaitAllInvited(accepted);

        Sql sql = new Sql(db);
        assertThat(sql.count("select count(*) from invitations")).isEqualTo(accepted.size());
        assertThat(sql.count("select coalesce(sum(used_count), 0) from redeem_codes")).isEqualTo(accepted.size());
    }

    private static String redeemOk(Node node, String code, String address) {
        String email = "c" + code.toLowerCase().replace("-", "") + "@example.com";
        HttpResponse<String> response = node.redeem(code, email, address);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Node.json(response).get("invitation_id").asText();
    }

    private static void awaitAllInvited(List<String> invitations) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        for (String id : invitations) {
            String state = "";
            while (Instant.now().isBefore(deadline)) {
                state = Node.json(NODES.get(1).get("/api/v1/public/invitations/" + id)).get("state").asText();
                if (state.equals("INVITED")) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(state).as("invitation " + id).isEqualTo("INVITED");
        }
    }
}
