package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.in.http.brands.BrandsApi;
import io.invitehub.adapter.in.http.wire.ContentSecurityPolicy;
import io.invitehub.adapter.in.http.wire.ContentTypes;
import io.invitehub.adapter.in.http.wire.JsonMapping;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.invitehub.application.shared.port.in.RequestCaller;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
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
 * every matched route, the one {@link ProblemMapper} for every exception (and {@link ServerErrors} for
 * what Jetty refuses itself), and the rows of the {@link RouteTable} and then of the reference dialect's
 * {@link ReferenceRouteTable} installed in order, both the same way. Each row's
 * handler runs only after its {@link io.invitehub.adapter.in.http.wire.RequestShape} admitted the request
 * (content type, every input; ADR 33); a GET row also answers HEAD, through the same guard. Every answer
 * carries {@code X-Content-Type-Options: nosniff}, every answer of a route {@code Cache-Control: no-store},
 * every HTML answer a Content-Security-Policy. Handlers live in the feature packages
 * ({@code io.invitehub.adapter.in.http.<feature>}) and never call back here.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    static final String THREAD_POOL_NAME = "invitehub-http";
    /** The largest request body read: far above any route's fields (credentials are at most 16 KiB), far below memory trouble. */
    static final long MAX_REQUEST_BODY = 256 * 1024;
    static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    static final String NOSNIFF = "nosniff";
    /** API answers carry tokens and private data: no browser or proxy keeps any of them (ADR 33). */
    static final String NO_STORE = "no-store";
    /** The largest multipart request (and part) the server reads, in KiB: only the reference dialect's login reads one. */
    static final int MULTIPART_LIMIT_KB = ContentTypes.MULTIPART_LIMIT_KB;

    private final HttpSettings settings;
    private final HttpOperations operations;
    private final SignInUseCase signIn;
    private final RouteTable table;
    private final ReferenceRouteTable reference;
    private final BrandsApi brands;
    private final ObjectMapper json = JsonMapping.objectMapper();
    private final ProblemMapper problems = new ProblemMapper(json);
    private final IdempotentWrites idempotentWrites;

    private Javalin app;

    public HttpApi(HttpPorts ports, HttpSettings settings, BooleanSupplier databaseHealthy, Clock clock) {
        this(ports, settings, HttpOperations.databaseOnly(databaseHealthy), clock);
    }

    /** With the operators' side: request observer, metrics page, readiness (ADR 39). */
    public HttpApi(HttpPorts ports, HttpSettings settings, HttpOperations operations, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.signIn = ports.signIn();
        this.idempotentWrites = new IdempotentWrites(ports.idempotency(), problems);
        TrustedProxies proxies = TrustedProxies.parse(settings.trustedProxies());
        this.table = RouteTable.of(ports, proxies, operations, Objects.requireNonNull(clock, "clock"));
        this.reference = ReferenceRouteTable.of(ports, proxies, clock);
        this.brands = ports.brands();
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
        config.http.maxRequestSize = MAX_REQUEST_BODY;
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
        ServerErrors serverErrors = new ServerErrors(json);
        config.jetty.modifyServer(server -> server.setErrorHandler(serverErrors));
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(serverErrors));

        // only the reference dialect's login reads a multipart form: two short fields, kept in memory, never spooled to disk
        config.jetty.multipartConfig.maxFileSize(MULTIPART_LIMIT_KB, SizeUnit.KB);
        config.jetty.multipartConfig.maxInMemoryFileSize(MULTIPART_LIMIT_KB, SizeUnit.KB);
        config.jetty.multipartConfig.maxTotalRequestSize(MULTIPART_LIMIT_KB, SizeUnit.KB);

        config.routes.exception(Exception.class, problems::handle);
        config.routes.exception(HttpResponseException.class, problems::handle);
        ApiDocsHandler.serveAssets(config);
        RequestLog requests = new RequestLog(operations.observer());
        config.routes.before(RequestLog::begin);
        config.requestLogger.http(requests::end);
        config.routes.before(ctx -> ctx.header(NOSNIFF_HEADER, NOSNIFF));
        config.routes.beforeMatched(ctx -> ctx.header("Cache-Control", NO_STORE));
        config.routes.beforeMatched(Access.guard(signIn));
        config.routes.after(HttpApi::pagePolicy);
        ConsolePages.register(config, host -> brands.publicBrands().brandOfHost(host).map(slug -> slug.value()));

        for (Route route : routes()) {
            install(config, route.handlerType(), route);
            if (route.handlerType() == HandlerType.GET) {
                install(config, HandlerType.HEAD, route);
            }
        }
    }

    /** The route's handler behind its shape: nothing reaches the handler that the shape did not admit. */
    private void install(JavalinConfig config, HandlerType method, Route route) {
        Handler admitted = ctx -> {
            route.shape().admit(ctx, route.accepts());
            if (route.acceptsIdempotencyKey()) {
                idempotentWrites.handle(ctx, route, route.handler());
            } else {
                route.handler().handle(ctx);
            }
        };
        if (route.guard().isPresent()) {
            Handler unscoped = admitted;
            // the account the guard has just read is this request's caller for the use cases it calls (ADR 84)
            admitted = ctx -> {
                try (RequestCaller ignored = RequestCaller.open(HttpRequests.caller(ctx))) {
                    unscoped.handle(ctx);
                }
            };
        }
        if (route.guard().isEmpty()) {
            config.routes.addHttpHandler(method, route.path(), admitted);
        } else {
            config.routes.addHttpHandler(method, route.path(), admitted, route.guard().get());
        }
    }

    /** Every HTML answer that brings no policy of its own gets the default one (no framing, scripts only from here). */
    private static void pagePolicy(Context ctx) {
        String type = ctx.res().getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html")
                && ctx.res().getHeader(ContentSecurityPolicy.HEADER) == null) {
            ctx.header(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.DEFAULT);
        }
    }
}
