package io.invitehub.bootstrap.metrics;

import io.invitehub.adapter.in.http.HttpOperations;
import io.invitehub.adapter.out.persistence.JooqPersistence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /ready} (ADR 39): ready when PostgreSQL answers and every migration of this build is applied.
 * Redis is reported when configured ({@code UP}/{@code DOWN}) but does not make the node unready: without
 * it each node falls back to its own limits and pauses leased jobs (ADR 19) and still serves correctly, and
 * an outage of the one Redis must not take every node out of the load balancer at once.
 */
public final class ServiceReadiness implements HttpOperations.Readiness {
    private final JooqPersistence persistence;
    private final Optional<BooleanSupplier> redis;

    public ServiceReadiness(JooqPersistence persistence, Optional<BooleanSupplier> redis) {
        this.persistence = persistence;
        this.redis = redis;
    }

    @Override
    public HttpOperations.Report check() {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean database = persistence.isHealthy();
        checks.put("database", database ? "UP" : "DOWN");
        boolean migrated = false;
        if (database) {
            try {
                int pending = persistence.pendingMigrations();
                migrated = pending == 0;
                checks.put("migrations", migrated ? "UP" : pending + " PENDING");
            } catch (RuntimeException e) {
                checks.put("migrations", "UNKNOWN");
            }
        } else {
            checks.put("migrations", "UNKNOWN");
        }
        checks.put("redis", redis.map(r -> r.getAsBoolean() ? "UP" : "DOWN").orElse("NOT_CONFIGURED"));
        return new HttpOperations.Report(database && migrated, checks);
    }
}
