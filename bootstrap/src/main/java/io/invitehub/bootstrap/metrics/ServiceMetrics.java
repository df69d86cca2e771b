package io.invitehub.bootstrap.metrics;

import io.invitehub.adapter.in.http.HttpOperations;
import io.invitehub.adapter.out.persistence.JooqOperationalFigures;
import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.redemption.port.in.RedeemCodeUseCase;
import io.invitehub.application.shared.port.out.JobLeases;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The service's metrics (ADR 39), one Prometheus registry: HTTP timers per route and status, redemptions
 * by outcome, invitations by state and the work queues' lengths and ages (read at most every
 * {@link #FIGURES_MAX_AGE} from the trigger-kept counts and partial indexes, never a table scan), provider
 * calls by outcome with their latency, payment notifications by verdict, the connection pool, JVM and
 * process figures, and the job leases this node holds. Metric names are listed in docs/operations.md.
 */
public final class ServiceMetrics implements AutoCloseable {
    /** Queue and state figures are read from PostgreSQL at most this often, whatever the scrape rate. */
    static final Duration FIGURES_MAX_AGE = Duration.ofSeconds(5);
    /** Latency buckets of the timers (seconds): enough for p95/p99 with histogram_quantile, few enough series per route. */
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private ServiceMetrics(Clock clock) {
        this.clock = clock;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "invitehub");
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public static ServiceMetrics start(Clock clock) {
        return new ServiceMetrics(clock);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The metrics page in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** {@code invitehub_http_server_requests_seconds{method, route, status}}: every answered request. */
    public HttpOperations.Observer httpTimers() {
        return (method, route, status, took) -> timer("invitehub.http.server.requests", "HTTP requests by route (as declared) and status",
                "method", method, "route", route, "status", Integer.toString(status)).record(took);
    }

    Timer timer(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS).register(registry);
    }

    public TeamProvider meter(TeamProvider provider) {
        return new MeteredTeamProvider(provider, this);
    }

    public JobLeases meter(JobLeases leases) {
        return new MeteredJobLeases(leases, registry, clock);
    }

    public RedeemCodeUseCase meter(RedeemCodeUseCase redeem) {
        return new MeteredRedemptions(redeem, registry);
    }

    public PaymentNotificationUseCase meter(PaymentNotificationUseCase notifications) {
        return new MeteredPaymentNotifications(notifications, registry);
    }

    /** The connection pool, the work queues and the invitations by state, read from PostgreSQL (cached, see {@link #FIGURES_MAX_AGE}). */
    public void watch(JooqPersistence persistence) {
        persistence.poolStatistics().ifPresent(first -> {
            Cached<JooqPersistence.PoolStatistics> pool = new Cached<>(() -> persistence.poolStatistics().orElse(first), Duration.ofSeconds(1));
            poolGauge("active", pool, JooqPersistence.PoolStatistics::active);
            poolGauge("idle", pool, JooqPersistence.PoolStatistics::idle);
            poolGauge("pending", pool, JooqPersistence.PoolStatistics::pending);
            poolGauge("total", pool, JooqPersistence.PoolStatistics::total);
            Gauge.builder("invitehub.db.pool.connections.max", pool, p -> p.get().max()).description("The most connections the pool opens")
                    .strongReference(true).register(registry);
        });
        JooqOperationalFigures figures = persistence.operationalFigures();
        Cached<JooqOperationalFigures.Queues> queues = new Cached<>(() -> figures.queues(clock.instant()), FIGURES_MAX_AGE);
        queueGauges("dispatch", queues, JooqOperationalFigures.Queues::dispatch);
        queueGauges("waiting", queues, JooqOperationalFigures.Queues::waiting);
        queueGauges("removal", queues, JooqOperationalFigures.Queues::removals);
        queueGauges("fulfilment", queues, JooqOperationalFigures.Queues::fulfilment);
        queueGauges("mail", queues, JooqOperationalFigures.Queues::mail);
        queueGauges("webhooks", queues, JooqOperationalFigures.Queues::webhooks);
        Cached<Map<String, Long>> states = new Cached<>(figures::invitationsByState, FIGURES_MAX_AGE);
        for (String state : figures.invitationsByState().keySet()) {
            Gauge.builder("invitehub.invitations", states, s -> s.get().getOrDefault(state, 0L))
                    .description("Invitations by state (trigger-kept counts, V38)").tag("state", state).strongReference(true).register(registry);
        }
    }

    private void poolGauge(String state, Cached<JooqPersistence.PoolStatistics> pool, ToDoubleFunction<JooqPersistence.PoolStatistics> value) {
        Gauge.builder("invitehub.db.pool.connections", pool, p -> value.applyAsDouble(p.get()))
                .description("Connections of the HikariCP pool by state").tag("state", state).strongReference(true).register(registry);
    }

    private void queueGauges(String queue, Cached<JooqOperationalFigures.Queues> queues,
                             Function<JooqOperationalFigures.Queues, JooqOperationalFigures.Queue> which) {
        Gauge.builder("invitehub.queue.length", queues, q -> which.apply(q.get()).length())
                .description("Items in a work queue").tag("queue", queue).strongReference(true).register(registry);
        Gauge.builder("invitehub.queue.oldest.due.age", queues, q -> which.apply(q.get()).oldestDueAge().toMillis() / 1000.0)
                .description("How long the oldest due item of a work queue has waited past its due time (the waiting queue: since it queued)")
                .baseUnit("seconds").tag("queue", queue).strongReference(true).register(registry);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    /** A value read at most every {@code maxAge}; a failed read keeps the last value (and logs at DEBUG: the scrape must not fail). */
    static final class Cached<T> {
        private final Supplier<T> read;
        private final Duration maxAge;
        private T value;
        private Instant readAt = Instant.MIN;

        Cached(Supplier<T> read, Duration maxAge) {
            this.read = read;
            this.maxAge = maxAge;
        }

        synchronized T get() {
            Instant now = Instant.now();
            if (value == null || readAt.plus(maxAge).isBefore(now)) {
                try {
                    value = read.get();
                    readAt = now;
                } catch (RuntimeException e) {
                    LOG.debug("metrics figures could not be read", e);
                    if (value == null) {
                        throw e;
                    }
                }
            }
            return value;
        }
    }
}
