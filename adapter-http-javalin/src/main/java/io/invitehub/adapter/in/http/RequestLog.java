package io.invitehub.adapter.in.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request gets a request id (the caller's {@code X-Request-Id} when it is a plain token, else a new
 * one), put in the log's MDC ({@value #MDC_KEY}) for every line logged while the request runs and sent back
 * in {@code X-Request-Id}. When the answer is out: the observer is told (the HTTP timers) and one line is
 * logged, at INFO (DEBUG for the probes and the metrics page) — the only INFO line of a request (ADR 39).
 */
final class RequestLog {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "request_id";
    static final String UNMATCHED = "unmatched";
    private static final Logger LOG = LoggerFactory.getLogger("io.invitehub.http.requests");
    private static final Pattern CALLERS_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Set<String> QUIET = Set.of("/health", "/ready", "/metrics");

    private final HttpOperations.Observer observer;

    RequestLog(HttpOperations.Observer observer) {
        this.observer = observer;
    }

    static void begin(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && CALLERS_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, id);
        ctx.header(HEADER, id);
    }

    void end(Context ctx, Float millis) {
        try {
            String route = route(ctx);
            int status = ctx.statusCode();
            Duration took = Duration.ofNanos((long) (millis == null ? 0 : millis * 1_000_000));
            try {
                observer.served(ctx.method().name(), route, status, took);
            } catch (RuntimeException e) {
                LOG.warn("the request observer failed", e);
            }
            if (QUIET.contains(route)) {
                LOG.debug("{} {} {} {} ms", ctx.method().name(), route, status, Math.round(took.toNanos() / 1e6));
            } else {
                LOG.info("{} {} {} {} ms", ctx.method().name(), route, status, Math.round(took.toNanos() / 1e6));
            }
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The route as declared (its path parameters as {@code {name}}), never the path itself: ids and codes stay out of labels. */
    static String route(Context ctx) {
        try {
            Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
            return matched == null ? UNMATCHED : matched.path;
        } catch (RuntimeException none) {
            return UNMATCHED;
        }
    }
}
