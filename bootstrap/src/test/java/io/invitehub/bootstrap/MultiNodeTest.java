package io.invitehub.bootstrap;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.redis.TestRedis;
import io.invitehub.application.shared.port.out.JobLeases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three InviteHub nodes (real HTTP ports, workers on) on one PostgreSQL and one Redis: the rate
 * limits, the code lockout and the job leases hold across them, as if they were one node.
 */
class MultiNodeTest {
    private static final List<Node> NODES = new ArrayList<>();
    private static PersistenceSettings db;
    private static String admin;

    @BeforeAll
    static void start() {
        db = TestHubs.freshDatabase();
        Map<String, String> env = new HashMap<>();
        env.put("INVITEHUB_REDIS_URL", TestRedis.sharedUrl());
        env.put("INVITEHUB_REDIS_KEY_PREFIX", "multinode-" + ProcessHandle.current().pid() + ":");
        env.put("INVITEHUB_TRUSTED_PROXIES", "127.0.0.1");
        env.put("INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", "5");
        env.put("INVITEHUB_LOGIN_PER_MINUTE", "5");
        env.put("INVITEHUB_MAINTENANCE_INTERVAL", "1h");
        for (int i = 0; i < 3; i++) {
            NODES.add(new Node(InviteHub.builder(TestHubs.settings(env)).persistence(db).start()));
        }
        NODES.get(0).hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        admin = NODES.get(0).bearer("admin", "admin-password");
        NODES.get(1).team(admin, "Shared", 100);
    }

    @AfterAll
    static void stop() {
        NODES.forEach(n -> n.hub.close());
    }

    private static Node node(int i) {
        return NODES.get(i % NODES.size());
    }

    @Test
    void theRedemptionLimitPerAddressIsCountedAcrossAllNodes() {
        List<String> codes = node(0).codes(admin, 6, 1);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> ok = node(i).redeem(codes.get(i), "multi" + i + "@example.com", "198.51.100.10");
            assertThat(ok.statusCode()).as("redemption %d on node %d", i, i % 3).isEqualTo(200);
        }
        HttpResponse<String> sixth = node(5).redeem(codes.get(5), "multi5@example.com", "198.51.100.10");
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(Node.json(sixth).get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
        assertThat(node(5).redeem(codes.get(5), "multi5@example.com", "198.51.100.11").statusCode())
                .as("another client address").isEqualTo(200);
        assertThat(new Sql(db).count("select count(*) from invitations where email like 'multi%@example.com'")).isEqualTo(6);
    }

    @Test
    void tenFailedAttemptsOnAnyNodesLockTheCodeOnEveryNode() {
        String code = node(0).codes(admin, 1, 1).get(0);
        assertThat(node(0).redeem(code, "owner@example.com", "198.51.100.20").statusCode()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            // a different address each time: only the code's lock can refuse the owner below
            HttpResponse<String> wrong = node(i).redeem(code, "guess" + i + "@example.com", "198.51.100." + (30 + i));
            assertThat(wrong.statusCode()).isEqualTo(409);
        }
        HttpResponse<String> owner = node(2).redeem(code, "owner@example.com", "198.51.100.99");
        assertThat(owner.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(owner.headers().firstValue("Retry-After").orElseThrow())).isBetween(890L, 900L);
    }

    /**
     * ADR 26: a username's failures are counted across all nodes (Redis), and once it has 5 in a minute every
     * node lets only one attempt for it through per 2 s: a refusal asks to wait at most 2 s, never a lock-out.
     */
    @Test
    void loginFailuresPerUsernameAreCountedAcrossAllNodesAndOnlySlowItDown() {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = node(i).post("/api/v1/auth/login", "{\"username\":\"victim\",\"password\":\"guess-" + i + "\"}",
                    "X-Forwarded-For", "198.51.100." + (60 + i));
            assertThat(wrong.statusCode()).isEqualTo(401);
        }
        java.util.List<HttpResponse<String>> next = new java.util.ArrayList<>();
        for (int i = 0; i < 6 && next.stream().noneMatch(r -> r.statusCode() == 429); i++) {
            next.add(node((5 + i) % 6).post("/api/v1/auth/login", "{\"username\":\"victim\",\"password\":\"guess\"}",
                    "X-Forwarded-For", "198.51.100." + (70 + i)));
        }
        assertThat(next).as("each from a fresh address, on any node").extracting(HttpResponse::statusCode).containsOnly(401, 429);
        HttpResponse<String> slowed = next.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow(
                () -> new AssertionError("the username was not slowed down across nodes"));
        assertThat(Long.parseLong(slowed.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
    }

    @Test
    void aJobLeaseHasOneHolderAcrossNodesAndTheMaintenanceJobRanOnExactlyOneNode() throws Exception {
        JobLeases.Lease lease = node(0).hub.jobLeases().tryAcquire("sync:team-1", Duration.ofSeconds(30)).orElseThrow();
        assertThat(node(1).hub.jobLeases().tryAcquire("sync:team-1", Duration.ofSeconds(30))).isEmpty();
        assertThat(node(2).hub.jobLeases().tryAcquire("sync:team-1", Duration.ofSeconds(30))).isEmpty();
        node(2).hub.jobLeases().release(new JobLeases.Lease("sync:team-1", "not-the-token"));
        assertThat(node(1).hub.jobLeases().tryAcquire("sync:team-1", Duration.ofSeconds(30))).as("a foreign release does nothing").isEmpty();
        node(0).hub.jobLeases().release(lease);
        assertThat(node(1).hub.jobLeases().tryAcquire("sync:team-1", Duration.ofSeconds(30))).isPresent();

        // every node ticked at start; the lease (held for the 1 h interval) let exactly one of them run
        Instant deadline = Instant.now().plusSeconds(10);
        while (totalMaintenanceRuns() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertThat(totalMaintenanceRuns()).isEqualTo(1);
    }

    private static long totalMaintenanceRuns() {
        return NODES.stream().mapToLong(n -> n.hub.maintenanceRuns()).sum();
    }
}
