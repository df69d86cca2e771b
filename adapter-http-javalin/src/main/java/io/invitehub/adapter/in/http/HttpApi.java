package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.in.http.wire.JsonMapping;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The HTTP server: Jetty and Javalin set up from {@link HttpSettings}, the {@link Access} guard before
 * every matched route, the one {@link ProblemMapper} for every exception, and the rows of the
 * {@link RouteTable} installed in order. Handlers live in the feature packages
 * ({@code io.invitehub.adapter.in.http.<feature>}) and never call back here.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    static final String THREAD_POOL_NAME = "invitehub-http";

    private final HttpSettings settings;
    private final SignInUseCase signIn;
    private final RouteTable table;
    private final ObjectMapper json = JsonMapping.objectMapper();
    private final ProblemMapper problems = new ProblemMapper(json);

    private Javalin app;

    public HttpApi(HttpPorts ports, HttpSettings settings, BooleanSupplier databaseHealthy, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.signIn = ports.signIn();
        this.table = RouteTable.of(ports, TrustedProxies.parse(settings.trustedProxies()),
                Objects.requireNonNull(databaseHealthy, "databaseHealthy"), Objects.requireNonNull(clock, "clock"));
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

    /** Every route of the API, in declaration (= matching) order: see {@link RouteTable}. */
    public List<Route> routes() {
        return table.routes();
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

        config.routes.exception(Exception.class, problems::handle);
        config.routes.exception(HttpResponseException.class, problems::handle);
        config.routes.beforeMatched(Access.guard(signIn));

        for (Route route : table.routes()) {
            if (route.guard().isEmpty()) {
                config.routes.addHttpHandler(route.handlerType(), route.path(), route.handler());
            } else {
                config.routes.addHttpHandler(route.handlerType(), route.path(), route.handler(), route.guard().get());
            }
        }
    }
}
