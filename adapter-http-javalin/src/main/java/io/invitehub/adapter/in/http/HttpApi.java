package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.in.http.wire.JsonMapping;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The HTTP server: Jetty and Javalin set up from {@link HttpSettings}, the {@link Access} guard before
 * every matched route, the one {@link ProblemMapper} for every exception, and the rows of the
 * {@link RouteTable} and of the reference dialect's {@link ReferenceRouteTable} installed in order. Handlers live in the feature packages
 * ({@code io.invitehub.adapter.in.http.<feature>}) and never call back here.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    static final String THREAD_POOL_NAME = "invitehub-http";
    /** The largest multipart request (and part) the server reads, in KiB. */
    static final int MULTIPART_LIMIT_KB = 16;

    private final HttpSettings settings;
    private final SignInUseCase signIn;
    private final RouteTable table;
    private final ReferenceRouteTable reference;
    private final ObjectMapper json = JsonMapping.objectMapper();
    private final ProblemMapper problems = new ProblemMapper(json);

    private Javalin app;

    public HttpApi(HttpPorts ports, HttpSettings settings, BooleanSupplier databaseHealthy, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.signIn = ports.signIn();
        TrustedProxies proxies = TrustedProxies.parse(settings.trustedProxies());
        this.table = RouteTable.of(ports, proxies, Objects.requireNonNull(databaseHealthy, "databaseHealthy"),
                Objects.requireNonNull(clock, "clock"));
        this.reference = ReferenceRouteTable.of(ports, proxies, clock);
    }

    /** Starts the server; returns the bound port (the real one when the settings asked for port 0). */
    public synchronized int start() {
        if (app != null) {
            throw new IllegalStateException("the HTTP API is already started");
        }
        app = Javalin.create(this::configure).start();
        LOG.info("HTTP API listening on port {}", app.port());
        return app.port();
    }

    /** The bound port. */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the HTTP API is not started");
        }
        return app.port();
    }

    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Every route the server installs, in declaration (= matching) order: InviteHub's own API ({@link RouteTable})
     * and then the reference dialect under {@code /reference} ({@link ReferenceRouteTable}, {@link Route#reference()}).
     */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(table.routes());
        all.addAll(reference.routes());
        return List.copyOf(all);
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        config.jsonMapper(new JavalinJackson(json, false));
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), settings.minThreads(),
                (int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()));
        threads.setName(THREAD_POOL_NAME);
        config.jetty.threadPool = threads;
        config.jetty.addConnector((server, httpConfiguration) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            connector.setIdleTimeout(settings.idleTimeout().toMillis());
            return connector;
        });

        // only the reference dialect's login reads a multipart form: two short fields, kept in memory, never spooled to disk
        config.jetty.multipartConfig.maxFileSize(MULTIPART_LIMIT_KB, SizeUnit.KB);
        config.jetty.multipartConfig.maxInMemoryFileSize(MULTIPART_LIMIT_KB, SizeUnit.KB);
        config.jetty.multipartConfig.maxTotalRequestSize(MULTIPART_LIMIT_KB, SizeUnit.KB);

        config.routes.exception(Exception.class, problems::handle);
        config.routes.exception(HttpResponseException.class, problems::handle);
        config.routes.beforeMatched(Access.guard(signIn));

        for (Route route : routes()) {
            if (route.guard().isEmpty()) {
                config.routes.addHttpHandler(route.handlerType(), route.path(), route.handler());
            } else {
                config.routes.addHttpHandler(route.handlerType(), route.path(), route.handler(), route.guard().get());
            }
        }
    }
}
