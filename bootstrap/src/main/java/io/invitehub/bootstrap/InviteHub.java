package io.invitehub.bootstrap;

import io.invitehub.adapter.in.http.HttpApi;
import io.invitehub.adapter.in.http.Route;
import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.provider.chatgpt.ChatGptSettings;
import io.invitehub.adapter.out.provider.chatgpt.ChatGptTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.application.accounts.port.in.AccountsUseCase;
import io.invitehub.application.dispatch.port.in.DispatchInvitationsUseCase;
import io.invitehub.application.distributors.port.in.DistributorQueries;
import io.invitehub.application.accounts.port.in.DistributorSignUpUseCase;
import io.invitehub.application.shop.port.in.FulfilOrdersUseCase;
import io.invitehub.application.codes.port.in.IssueCodesUseCase;
import io.invitehub.application.codes.port.in.ManageCodesUseCase;
import io.invitehub.application.accounts.port.in.ManageDistributorsUseCase;
import io.invitehub.application.shop.port.in.ManagePlansUseCase;
import io.invitehub.application.teams.port.in.ManageTeamsUseCase;
import io.invitehub.application.membership.port.in.MemberLifecycleJobsUseCase;
import io.invitehub.application.shop.port.in.OrderAdminUseCase;
import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.invitehub.application.queue.port.in.PromoteWaitingUseCase;
import io.invitehub.application.recipients.port.in.ProtectRecipientsUseCase;
import io.invitehub.application.redemption.port.in.PublicRedemptionQueries;
import io.invitehub.application.membership.port.in.RebindUseCase;
import io.invitehub.application.redemption.port.in.RedeemCodeUseCase;
import io.invitehub.application.membership.port.in.ReinviteMemberUseCase;
import io.invitehub.application.membership.port.in.RemoveMemberUseCase;
import io.invitehub.application.shop.port.in.ShopUseCase;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.invitehub.application.sync.port.in.SyncTeamsUseCase;
import io.invitehub.application.shared.port.out.JobLeases;
import io.invitehub.application.mail.port.out.Mailer;
import io.invitehub.application.mail.port.in.DeliverMailUseCase;
import io.invitehub.application.accounts.port.in.PasswordResetUseCase;
import io.invitehub.application.webhooks.port.in.DeliverWebhooksUseCase;
import io.invitehub.application.webhooks.port.in.ManageWebhooksUseCase;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.site.port.in.PlatformSiteUseCase;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.bootstrap.assembly.HttpAssembly;
import io.invitehub.bootstrap.timing.StartSteps;
import io.invitehub.bootstrap.assembly.SharedPorts;
import io.invitehub.library.config.ProviderConfig;
import io.invitehub.library.config.SecretsKey;
import io.invitehub.library.config.Settings;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;
import io.invitehub.bootstrap.metrics.MetricsListener;
import io.invitehub.bootstrap.metrics.ServiceMetrics;
import io.invitehub.bootstrap.metrics.ServiceReadiness;
import io.invitehub.library.InviteHubLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * InviteHub wired by hand: persistence, the team provider, the shared ports, then one assembly per
 * feature ({@code bootstrap.assembly}: redemption, accounts, codes, statistics, team pool, membership,
 * shop), their background workers and (optionally) the HTTP server over them. Embedding services use
 * {@link #builder(Settings)} and the use-case accessors; the CLI's {@code serve} uses the same path with
 * HTTP on.
 */
public final class InviteHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InviteHub.class);

    private final Deque<AutoCloseable> resources;
    private final JooqPersistence persistence;
    private final TeamProvider provider;
    private final Optional<EmbeddedDatabase> embedded;
    private final SharedPorts sharedPorts;
    private final InviteHubLibrary library;
    private final Optional<ServiceMetrics> metrics;
    private final Optional<MetricsListener> metricsListener;
    private final HttpApi http;

    private InviteHub(Builder b, Deque<AutoCloseable> resources, Optional<EmbeddedDatabase> embedded,
                      JooqPersistence persistence, TeamProvider provider, StartSteps steps) {
        this.resources = resources;
        this.embedded = embedded;
        this.persistence = persistence;
        this.provider = provider;
        Settings s = b.settings;
        this.metrics = s.observability().metrics() ? Optional.of(ServiceMetrics.start(b.clock)) : Optional.empty();
        metrics.ifPresent(resources::push);
        this.sharedPorts = SharedPorts.start(s.redis(), b.clock, resources);
        steps.step("metrics and shared ports");
        AtomicInteger boundPort = new AtomicInteger(s.http().port());
        JobLeases leases = b.jobLeases != null ? b.jobLeases : sharedPorts.jobLeases();
        InviteHubLibrary.Builder hub = InviteHubLibrary.builder()
                .persistence(persistence)
                .settings(s)
                .teamProvider(metrics.map(m -> m.meter(provider)).orElse(provider))
                .clock(b.clock)
                .rateLimiter(b.rateLimiter != null ? b.rateLimiter : sharedPorts.rateLimiter())
                .jobLeases(metrics.map(m -> m.meter(leases)).orElse(leases))
                .wakeUps(sharedPorts.wakeUps())
                .seatsCache(sharedPorts.seatsCache())
                .httpPort(boundPort::get);
        if (b.mailer != null) {
            hub.mailer(b.mailer);
        }
        this.library = hub.build();
        resources.push(library);
        steps.step("library (migrations, sealed secrets, use cases)");
        metrics.ifPresent(m -> m.watch(persistence));
        this.metricsListener = metrics.flatMap(m -> s.observability().metricsPort()
                .map(port -> MetricsListener.start(s.observability().metricsHost(), port, m::scrape)));
        metricsListener.ifPresent(resources::push);
        if (b.workers) {
            library.startWorkers();
            steps.step("background workers");
        }
        if (b.http) {
            ServiceReadiness readiness = new ServiceReadiness(persistence,
                    s.redis().url().isPresent() ? Optional.of(sharedPorts::healthy) : Optional.empty());
            this.http = HttpAssembly.wire(s.http(), s.statistics(), s.observability(), library, metrics, readiness, b.clock);
            steps.step("HTTP routes and console assets");
            boundPort.set(http.start());
            resources.push(http);
            steps.step("HTTP listening");
        } else {
            this.http = null;
        }
    }

    public static Builder builder(Settings settings) {
        return new Builder(settings);
    }

    /** How to start: which database, which provider, with or without HTTP and workers. */
    public static final class Builder {
        private final Settings settings;
        private PersistenceSettings persistence;
        private TeamProvider provider;
        private RateLimiter rateLimiter;
        private Mailer mailer;
        private JobLeases jobLeases;
        private Clock clock = Clock.systemUTC();
        private boolean http = true;
        private boolean workers = true;

        private Builder(Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** Use this database instead of the one in the settings (or the embedded one). */
        public Builder persistence(PersistenceSettings persistence) {
            this.persistence = persistence;
            return this;
        }

        /** Use this team provider instead of the simulated one. */
        public Builder teamProvider(TeamProvider provider) {
            this.provider = provider;
            return this;
        }

        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        /** Use these job leases (shared across nodes) instead of the in-process ones. */
        public Builder jobLeases(JobLeases jobLeases) {
            this.jobLeases = jobLeases;
            return this;
        }

        /** Use this mailer instead of the configured one ({@code INVITEHUB_MAIL_TRANSPORT}: the log by default, or SMTP). */
        public Builder mailer(Mailer mailer) {
            this.mailer = mailer;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder http(boolean on) {
            this.http = on;
            return this;
        }

        public Builder workers(boolean on) {
            this.workers = on;
            return this;
        }

        /** Starts everything; on failure, what was started is stopped again. */
        public InviteHub start() {
            Deque<AutoCloseable> resources = new ArrayDeque<>();
            StartSteps steps = StartSteps.now();
            try {
                Optional<EmbeddedDatabase> embedded = Optional.empty();
                PersistenceSettings db = persistence;
                if (db == null && settings.embeddedDatabase()) {
                    EmbeddedDatabase started = EmbeddedDatabase.start(settings.database().dataDir());
                    resources.push(started);
                    embedded = Optional.of(started);
                    db = started.settings(settings.database().poolSize());
                    steps.step("embedded PostgreSQL");
                } else if (db == null) {
                    db = PersistenceSettings.of(settings.database().url().orElseThrow(), settings.database().user(),
                            settings.database().password()).withMaxPoolSize(settings.database().poolSize());
                }
                JooqPersistence jooq = JooqPersistence.connect(db, SecretsKey.resolve(settings));
                resources.push(jooq);
                steps.step("connection pool");
                TeamProvider teamProvider = provider != null ? provider : configuredProvider(settings.provider(), clock);
                return new InviteHub(this, resources, embedded, jooq, teamProvider, steps);
            } catch (RuntimeException e) {
                closeAll(resources);
                throw e;
            }
        }
    }

    /** The provider named by {@code INVITEHUB_TEAM_PROVIDER}: the ChatGPT Team admin API or the simulation. */
    static TeamProvider configuredProvider(ProviderConfig s, Clock clock) {
        if (ProviderConfig.CHATGPT.equals(s.name())) {
            LOG.info("team provider: ChatGPT Team admin API at {}", s.chatgptBaseUrl());
            return new ChatGptTeamProvider(ChatGptSettings.defaults().withBaseUrl(s.chatgptBaseUrl())
                    .withTimeouts(s.chatgptConnectTimeout(), s.chatgptRequestTimeout()), clock);
        }
        return simulatedProvider(s, clock);
    }

    static SimulatedTeamProvider simulatedProvider(ProviderConfig s, Clock clock) {
        SimulationSettings sim = SimulationSettings.defaults()
                .withLatency(Duration.ZERO, s.simulatedMaxLatency())
                .withTransientErrorRate(s.simulatedErrorRate())
                .withAcceptanceDelay(s.simulatedAcceptDelay())
                // the simulated workspace never limits a team below its own max_seats
                .withDefaultSeats(io.invitehub.domain.team.Team.MAX_SEATS_LIMIT);
        return new SimulatedTeamProvider(sim, clock);
    }

    /** The use cases, as an embedding service gets them (docs/embedding.md). */
    public InviteHubLibrary library() { return library; }
    public RedeemCodeUseCase redeem() { return library.redeem(); }
    public PublicRedemptionQueries queries() { return library.queries(); }
    public ManageTeamsUseCase teams() { return library.teams(); }
    public IssueCodesUseCase issueCodes() { return library.issueCodes(); }
    public AccountsUseCase accounts() { return library.accounts(); }
    public SignInUseCase signIn() { return library.signIn(); }
    public DistributorSignUpUseCase signUp() { return library.signUp(); }
    public ManageDistributorsUseCase distributors() { return library.distributors(); }
    public DispatchInvitationsUseCase dispatcher() { return library.dispatcher(); }
    /** The acceptance sync of teams (run on a schedule by the workers). */
    public SyncTeamsUseCase acceptanceSync() { return library.acceptanceSync(); }
    /** The waiting-queue promoter (run on wake-ups and by polling by the workers). */
    public PromoteWaitingUseCase queuePromoter() { return library.queuePromoter(); }
    /** The distributor read side: summary, sales, members, trend, plan ranking, codes, admin list. */
    public DistributorQueries distributorQueries() { return library.distributorQueries(); }
    /** Enable, disable, delete codes (a distributor only its own). */
    public ManageCodesUseCase manageCodes() { return library.manageCodes(); }
    /** Plans (admin) and the plans on sale (distributors). */
    public ManagePlansUseCase plans() { return library.plans(); }
    /** A distributor's purchases. */
    public ShopUseCase shop() { return library.shop(); }
    /** Staff views of orders, alerts and fulfilment retry. */
    public OrderAdminUseCase orderAdmin() { return library.orderAdmin(); }
    /** Asking the gateway about an order (the buyer's return, the order-query job; ADR 45). */
    public io.invitehub.application.shop.port.in.PaymentQueryUseCase paymentQueries() { return library.paymentQueries(); }
    public io.invitehub.application.idempotency.port.in.PurgeIdempotencyKeysUseCase idempotencyKeys() { return library.idempotencyKeys(); }
    /** The payment gateway's notification. */
    public PaymentNotificationUseCase paymentNotifications() { return library.paymentNotifications(); }
    /** One step of the fulfilment worker (workers run it on their own; for embedding and benchmarks). */
    public FulfilOrdersUseCase fulfilment() { return library.fulfilment(); }
    /** The distributors' brands: profile, public brand, custom hosts (ADR 47). */
    public io.invitehub.application.brands.port.in.BrandProfileUseCase brandProfiles() { return library.brandProfiles(); }
    public io.invitehub.application.brands.port.in.CustomHostsUseCase customHosts() { return library.customHosts(); }
    /** The platform's site and terms (ADR 51). */
    public PlatformSiteUseCase site() { return library.site(); }
    /** The configured team provider (the use cases call it through the metrics' decorator when metrics are on). */
    public TeamProvider teamProvider() { return provider; }
    /** One runner per job across nodes (Redis when configured, else this process). */
    public JobLeases jobLeases() { return library.jobLeases(); }
    /**
     * The anti-harassment checks (SPEC section 9). {@code ensureMayReinvite} is for
     * {@code POST /distributors/me/members/add}: call it inside the transaction that creates the invitation.
     */
    public RecipientPolicy recipientPolicy() { return library.recipientPolicy(); }
    /** Admin blocklist and customers' opt-outs. */
    public ProtectRecipientsUseCase protectRecipients() { return library.protectRecipients(); }
    /** How often this node ran the maintenance job (0 when workers are off). */
    public long maintenanceRuns() { return library.maintenanceRuns(); }
    /** True when Redis is configured and its last call succeeded, or when Redis is not configured. */
    public boolean redisHealthy() { return sharedPorts.healthy(); }
    /** Member removal by distributors and staff, and the staff list of failed background removals. */
    public RemoveMemberUseCase memberRemoval() { return library.memberRemoval(); }
    public ReinviteMemberUseCase reinvite() { return library.reinvite(); }
    public RebindUseCase rebind() { return library.rebind(); }
    /** The background lifecycle steps (timeout, expiry, rebind settlement, resumption), to run by hand when workers are off. */
    public MemberLifecycleJobsUseCase lifecycle() { return library.lifecycle(); }
    public Optional<EmbeddedDatabase> embeddedDatabase() { return embedded; }
    /** Exports of a distributor's lists as CSV, and their signed links (ADR 35). */
    public io.invitehub.application.exports.port.in.ExportUseCase exports() { return library.exports(); }
    /** A distributor's tags and notes on its customers (ADR 36). */
    public io.invitehub.application.crm.port.in.CustomerRelationsUseCase crm() { return library.crm(); }
    /** Statements and ledger (ADR 37). */
    public io.invitehub.application.settlement.port.in.SettlementQueries settlementQueries() { return library.settlementQueries(); }
    /** Staff's side of settlement and the monthly statements job (run by hand when workers are off). */
    public io.invitehub.application.settlement.port.in.ManageSettlementUseCase settlement() { return library.settlement(); }
    /** Self-service password reset by e-mail. */
    public PasswordResetUseCase passwordReset() { return library.passwordReset(); }
    /** One step of the mail workers: send one due mail of the outbox (for embedding services running their own scheduler). */
    public DeliverMailUseCase mailDelivery() { return library.mailDelivery(); }
    /** Webhook endpoints of distributors and staff, their delivery logs, redelivery. */
    public ManageWebhooksUseCase webhooks() { return library.webhooks(); }
    /** One step of the webhook workers: send one due delivery (for embedding services running their own scheduler). */
    public DeliverWebhooksUseCase webhookDelivery() { return library.webhookDelivery(); }
    /** The metrics registry, when metrics are on (ADR 39). */
    public Optional<ServiceMetrics> metrics() { return metrics; }
    /** The port of the metrics listener, when {@code INVITEHUB_METRICS_PORT} is set. */
    public Optional<Integer> metricsPort() { return metricsListener.map(MetricsListener::port); }

    /** The HTTP routes (the route table), when HTTP is on. */
    public List<Route> httpRoutes() {
        return http == null ? List.of() : http.routes();
    }

    /** The bound HTTP port; empty when HTTP is off. */
    public Optional<Integer> httpPort() {
        return http == null ? Optional.empty() : Optional.of(http.port());
    }

    public boolean databaseHealthy() {
        return persistence.isHealthy();
    }

    /** The hub's persistence, for the tests of this package that count the statements a request sends (ADR 84). */
    JooqPersistence persistence() {
        return persistence;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", r.getClass().getSimpleName(), e);
            }
        }
    }
}
