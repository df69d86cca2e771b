package io.invitehub.adapter.in.http;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code GET /health}: liveness only, 200 while the process serves requests (nothing else is asked, so a
 * database outage never gets the process restarted). {@code GET /ready}: 200 when this node can serve,
 * 503 otherwise, with each dependency's state (a failing probe counts as DOWN). {@code GET /metrics}: the
 * metrics page, for staff (ADR 39).
 */
final class HealthHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);

    private final HttpOperations operations;

    HealthHandler(HttpOperations operations) {
        this.operations = Objects.requireNonNull(operations, "operations");
    }

    record Health(String status) {
    }

    record Ready(String status, Map<String, String> checks) {
    }

    void health(Context ctx) {
        ctx.json(new Health("UP"));
    }

    void ready(Context ctx) {
        HttpOperations.Report report;
        try {
            report = operations.readiness().check();
        } catch (RuntimeException probeFailed) {
            LOG.warn("readiness probe failed", probeFailed);
            report = new HttpOperations.Report(false, Map.of("probe", "DOWN"));
        }
        ctx.status(report.ready() ? 200 : 503).json(new Ready(report.ready() ? "UP" : "DOWN", new TreeMap<>(report.checks())));
    }

    void metrics(Context ctx) {
        String page = operations.metrics().orElseThrow().get();
        ctx.contentType(HttpOperations.METRICS_CONTENT_TYPE).result(page);
    }
}
