package io.invitehub.bootstrap.metrics;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code INVITEHUB_METRICS_PORT}: the metrics page on a port of its own (the JDK's HTTP server, one thread),
 * {@code GET /metrics} without sign-in, for a Prometheus that reaches that port only (bind it to a private
 * address: {@code INVITEHUB_METRICS_HOST}). Anything else is 404 (405 for another method).
 */
public final class MetricsListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsListener.class);
    private final HttpServer server;

    private MetricsListener(HttpServer server) {
        this.server = server;
    }

    public static MetricsListener start(String host, int port, Supplier<String> page) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
            server.createContext("/", exchange -> {
                try (exchange) {
                    int status;
                    byte[] body;
                    if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                        status = 404;
                        body = "not found\n".getBytes(StandardCharsets.UTF_8);
                    } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                        status = 405;
                        body = "GET only\n".getBytes(StandardCharsets.UTF_8);
                    } else {
                        status = 200;
                        body = page.get().getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    }
                    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                    exchange.getResponseHeaders().set("Cache-Control", "no-store");
                    boolean head = exchange.getRequestMethod().equals("HEAD");
                    exchange.sendResponseHeaders(status, head ? -1 : body.length);
                    if (!head) {
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                }
            });
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "invitehub-metrics");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            LOG.info("metrics on http://{}:{}/metrics", host, server.getAddress().getPort());
            return new MetricsListener(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for metrics on " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
