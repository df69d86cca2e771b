package io.invitehub.adapter.in.http;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/** {@code GET /health}: 200 UP while the database answers, 503 DOWN otherwise (a failing probe counts as down). */
final class HealthHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);

    private final BooleanSupplier databaseHealthy;

    HealthHandler(BooleanSupplier databaseHealthy) {
        this.databaseHealthy = Objects.requireNonNull(databaseHealthy, "databaseHealthy");
    }

    record Health(String status, String database) {
    }

    void health(Context ctx) {
        boolean up;
        try {
            up = databaseHealthy.getAsBoolean();
        } catch (RuntimeException probeFailed) {
            LOG.warn("database health probe failed", probeFailed);
            up = false;
        }
        ctx.status(up ? 200 : 503).json(new Health(up ? "UP" : "DOWN", up ? "UP" : "DOWN"));
    }
}
