package io.invitehub.adapter.in.http;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the server offers operators besides the API (ADR 39): an observer of every answered request (for
 * the HTTP timers), the metrics page served at {@code GET /metrics} to staff (absent when metrics are
 * off or served on their own port), and the readiness check behind {@code GET /ready}.
 */
public record HttpOperations(Observer observer, Optional<Supplier<String>> metrics, Readiness readiness) {
    /** The content type of the metrics page (Prometheus' text format). */
    public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public HttpOperations {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(readiness, "readiness");
    }

    /** Told once per answered request: the method, the route as declared ({@code /api/v1/redeem-codes/{id}}, or {@code unmatched}), the status. */
    @FunctionalInterface
    public interface Observer {
        void served(String method, String route, int status, Duration took);

        Observer NONE = (method, route, status, took) -> { };
    }

    /** Whether this node can serve: each dependency by name ({@code UP}, {@code DOWN}, …), and whether that makes it ready. */
    @FunctionalInterface
    public interface Readiness {
        Report check();
    }

    public record Report(boolean ready, Map<String, String> checks) {
        public Report {
            checks = Map.copyOf(checks);
        }
    }

    /** No metrics, no observer; ready while the database answers (what tests of the API alone need). */
    public static HttpOperations databaseOnly(BooleanSupplier databaseHealthy) {
        Objects.requireNonNull(databaseHealthy, "databaseHealthy");
        return new HttpOperations(Observer.NONE, Optional.empty(), () -> {
            boolean up = databaseHealthy.getAsBoolean();
            return new Report(up, Map.of("database", up ? "UP" : "DOWN"));
        });
    }
}
