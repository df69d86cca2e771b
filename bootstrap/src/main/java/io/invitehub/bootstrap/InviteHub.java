package io.invitehub.bootstrap;

import io.invitehub.adapter.in.http.HttpApi;
import io.invitehub.adapter.in.http.Route;
import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.SecretBoxException;
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
import io.invitehub.bootstrap.assembly.MailAssembly;
import io.invitehub.bootstrap.assembly.WebhooksAssembly;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.bootstrap.assembly.AccountsAssembly;
import io.invitehub.bootstrap.assembly.Adapters;
import io.invitehub.bootstrap.assembly.CodesAssembly;
import io.invitehub.bootstrap.assembly.IdempotencyAssembly;
import io.invitehub.bootstrap.assembly.HttpAssembly;
import io.invitehub.bootstrap.assembly.StaffAssembly;
import io.invitehub.bootstrap.assembly.MembershipAssembly;
import io.invitehub.bootstrap.assembly.RedemptionAssembly;
import io.invitehub.bootstrap.assembly.SharedPorts;
import io.invitehub.bootstrap.assembly.ShopAssembly;
import io.invitehub.bootstrap.assembly.StatisticsAssembly;
import io.invitehub.bootstrap.assembly.TeamPoolAssembly;
import io.invitehub.bootstrap.config.ConfigurationException;
import io.invitehub.application.shop.port.out.RefundLedger;
import io.invitehub.bootstrap.config.JwtSecret;
import io.invitehub.bootstrap.inprocess.AfterCommitWakeUps;
import io.invitehub.bootstrap.inprocess.LoggedRefunds;
import io.invitehub.bootstrap.config.ProviderConfig;
import io.invitehub.bootstrap.config.SecretsKey;
import io.invitehub.bootstrap.config.Settings;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;
import io.invitehub.bootstrap.worker.MaintenanceJobs;
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
    private final JobLeases jobLeases;
    private final SharedPorts sharedPorts;
    private final RedemptionAssembly redemption;
    private final AccountsAssembly accounts;
    private final CodesAssembly codes;
    private final StatisticsAssembly statistics;
    private final TeamPoolAssembly pool;
    private final MembershipAssembly membership;
    private final ShopAssembly shop;
    private final MailAssembly mail;
    private final WebhooksAssembly webhooks;
    private final IdempotencyAssembly idempotency;
    private final MaintenanceJobs maintenance;
    private final HttpApi http;

    private InviteHub(Builder b, Deque<AutoCloseable> resources, Optional<EmbeddedDatabase> embedded,
                      JooqPersistence persistence, TeamProvider provider) {
        this.resources = resources;
        this.embedded = embedded;
        this.persistence = persistence;
        this.provider = provider;
        Settings s = b.settings;
        this.sharedPorts = SharedPorts.start(s.redis(), b.clock, resources);
        this.jobLeases = b.jobLeases != null ? b.jobLeases : sharedPorts.jobLeases();
        // a wake-up waits for the commit of a transaction open on its thread (an idempotent write's, ADR 44)
        Adapters a = new Adapters(persistence, provider, b.rateLimiter != null ? b.rateLimiter : sharedPorts.rateLimiter(),
                new AfterCommitWakeUps(sharedPorts.wakeUps(), persistence.transactions()), jobLeases, sharedPorts.seatsCache(), b.clock);

        this.redemption = RedemptionAssembly.wire(a, s.redemption(), s.recipients(), s.redis().seatsCacheTtl());
        AtomicInteger boundPort = new AtomicInteger(s.http().port());
        java.util.function.Supplier<String> publicBase = ShopAssembly.publicBase(s.shop(), s.http(), boundPort::get);
        this.mail = MailAssembly.wire(a, s.mail(), Optional.ofNullable(b.mailer));
        this.webhooks = WebhooksAssembly.wire(a, s.webhooks(), resources);
        this.accounts = AccountsAssembly.wire(a, s.accounts(), JwtSecret.resolve(s), s.mail(), publicBase);
        this.codes = CodesAssembly.wire(a, s.redemption());
        this.statistics = StatisticsAssembly.wire(a, s.statistics());
        this.pool = TeamPoolAssembly.wire(a, s.dispatch(), s.sync(), s.redemption(), s.mail().defaultLanguage());
        this.membership = MembershipAssembly.wire(a, s.lifecycle(), redemption);
        this.shop = ShopAssembly.wire(a, s.shop(), s.statistics(), s.http(), boundPort::get, codes.generator(), s.database().dataDir(),
                b.refundLedger != null ? b.refundLedger : new LoggedRefunds());

        this.idempotency = IdempotencyAssembly.wire(a, s.http().idempotencyKeyTtl());

        if (b.workers) {
            idempotency.startWorkers(s.http().idempotencyPurgeInterval(), resources);
            shop.startWorkers(a, s.shop(), resources);
            pool.startWorkers(a, s.dispatch(), s.sync(), resources);
            this.maintenance = statistics.startWorkers(a, s.statistics(), resources);
            membership.startWorkers(a, s.lifecycle(), resources);
            mail.startWorkers(a, s.mail(), resources);
            webhooks.startWorkers(a, s.webhooks(), resources);
            webhooks.startRetention(mail, jobLeases, resources);
        } else {
            this.maintenance = null;
        }
        if (b.http) {
            this.http = HttpAssembly.wire(s.http(), s.statistics(), redemption, accounts, codes, statistics, pool, membership, shop,
                    webhooks, StaffAssembly.wire(a, s.accounts()), idempotency, persistence::isHealthy, b.clock);
            boundPort.set(http.start());
            resources.push(http);
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
        private RefundLedger refundLedger;
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

        /** Book refunds here (the settlement ledger) instead of only logging them. */
        public Builder refundLedger(RefundLedger refundLedger) {
            this.refundLedger = refundLedger;
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
            try {
                Optional<EmbeddedDatabase> embedded = Optional.empty();
                PersistenceSettings db = persistence;
                if (db == null && settings.embeddedDatabase()) {
                    EmbeddedDatabase started = EmbeddedDatabase.start(settings.database().dataDir());
                    resources.push(started);
                    embedded = Optional.of(started);
                    db = started.settings(settings.database().poolSize());
                } else if (db == null) {
                    db = PersistenceSettings.of(settings.database().url().orElseThrow(), settings.database().user(),
                            settings.database().password()).withMaxPoolSize(settings.database().poolSize());
                }
                JooqPersistence jooq = JooqPersistence.connect(db, SecretsKey.resolve(settings));
                resources.push(jooq);
                int migrations = jooq.migrate();
                if (migrations > 0) {
                    LOG.info("applied {} database migration(s)", migrations);
                }
                checkSealedSecrets(jooq);
                if (jooq.statistics().useBusinessTimeZone(settings.statistics().businessTimeZone())) {
                    LOG.info("statistics now count days in {}; rollups rebuilt", settings.statistics().businessTimeZone());
                }
                TeamProvider teamProvider = provider != null ? provider : configuredProvider(settings.provider(), clock);
                return new InviteHub(this, resources, embedded, jooq, teamProvider);
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

    /**
     * Sealed team credentials are checked before anything serves (ADR 16): values under a previous key
     * are sealed again under the current one; teams whose credentials fail authentication go to
     * TOKEN_INVALID; credentials sealed with a key that is not configured stop the start.
     */
    private static void checkSealedSecrets(JooqPersistence jooq) {
        JooqPersistence.SealedSecretsReport report;
        try {
            report = jooq.checkSealedSecrets();
        } catch (SecretBoxException e) {
            throw new ConfigurationException("cannot open the sealed team credentials: " + e.getMessage()
                    + "; set INVITEHUB_SECRETS_KEY to the key they were sealed with, or add that key to INVITEHUB_SECRETS_PREVIOUS_KEYS");
        }
        if (report.resealed() > 0) {
            LOG.info("sealed {} team credential(s) again under the current secrets key", report.resealed());
        }
        if (!report.unreadable().isEmpty()) {
            LOG.error("the sealed credentials of team(s) {} fail authentication (altered in the database?); "
                    + "they are now TOKEN_INVALID until their credentials are entered again",
                    report.unreadable().stream().map(t -> Long.toString(t.value())).toList());
        }
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

    public RedeemCodeUseCase redeem() { return redemption.redeem(); }
    public PublicRedemptionQueries queries() { return redemption.queries(); }
    public ManageTeamsUseCase teams() { return pool.teams(); }
    public IssueCodesUseCase issueCodes() { return codes.issue(); }
    public AccountsUseCase accounts() { return accounts.accounts(); }
    public SignInUseCase signIn() { return accounts.signIn(); }
    public DistributorSignUpUseCase signUp() { return accounts.signUp(); }
    public ManageDistributorsUseCase distributors() { return accounts.distributors(); }
    public DispatchInvitationsUseCase dispatcher() { return pool.dispatcher(); }
    /** The acceptance sync of teams (run on a schedule by the workers). */
    public SyncTeamsUseCase acceptanceSync() { return pool.sync(); }
    /** The waiting-queue promoter (run on wake-ups and by polling by the workers). */
    public PromoteWaitingUseCase queuePromoter() { return pool.promoter(); }
    /** The distributor read side: summary, sales, members, trend, plan ranking, codes, admin list. */
    public DistributorQueries distributorQueries() { return statistics.readSide(); }
    /** Enable, disable, delete codes (a distributor only its own). */
    public ManageCodesUseCase manageCodes() { return codes.manage(); }
    /** Plans (admin) and the plans on sale (distributors). */
    public ManagePlansUseCase plans() { return shop.plans(); }
    /** A distributor's purchases. */
    public ShopUseCase shop() { return shop.shop(); }
    /** Staff views of orders, alerts and fulfilment retry. */
    public OrderAdminUseCase orderAdmin() { return shop.shop(); }
    public io.invitehub.application.shop.port.in.PaymentQueryUseCase paymentQueries() { return shop.query(); }
    public io.invitehub.application.idempotency.port.in.PurgeIdempotencyKeysUseCase idempotencyKeys() { return idempotency.purge(); }
    /** The payment gateway's notification. */
    public PaymentNotificationUseCase paymentNotifications() { return shop.notifications(); }
    /** One step of the fulfilment worker (workers run it on their own; for embedding and benchmarks). */
    public FulfilOrdersUseCase fulfilment() { return shop.fulfilment(); }
    public TeamProvider teamProvider() { return provider; }
    /** One runner per job across nodes (Redis when configured, else this process). */
    public JobLeases jobLeases() { return jobLeases; }
    /**
     * The anti-harassment checks (SPEC section 9). {@code ensureMayReinvite} is for
     * {@code POST /distributors/me/members/add}: call it inside the transaction that creates the invitation.
     */
    public RecipientPolicy recipientPolicy() { return redemption.recipientPolicy(); }
    /** Admin blocklist and customers' opt-outs. */
    public ProtectRecipientsUseCase protectRecipients() { return redemption.protectRecipients(); }
    /** How often this node ran the maintenance job (0 when workers are off). */
    public long maintenanceRuns() { return maintenance == null ? 0 : maintenance.runs(); }
    /** True when Redis is configured and its last call succeeded, or when Redis is not configured. */
    public boolean redisHealthy() { return sharedPorts.healthy(); }
    /** Member removal by distributors and staff, and the staff list of failed background removals. */
    public RemoveMemberUseCase memberRemoval() { return membership.removal(); }
    public ReinviteMemberUseCase reinvite() { return membership.reinvite(); }
    public RebindUseCase rebind() { return membership.rebind(); }
    /** The background lifecycle steps (timeout, expiry, rebind settlement, resumption), to run by hand when workers are off. */
    public MemberLifecycleJobsUseCase lifecycle() { return membership.lifecycle(); }
    public Optional<EmbeddedDatabase> embeddedDatabase() { return embedded; }
    /** Self-service password reset by e-mail. */
    public PasswordResetUseCase passwordReset() { return accounts.passwordReset(); }
    /** One step of the mail workers: send one due mail of the outbox (for embedding services running their own scheduler). */
    public DeliverMailUseCase mailDelivery() { return mail.delivery(); }
    /** Webhook endpoints of distributors and staff, their delivery logs, redelivery. */
    public ManageWebhooksUseCase webhooks() { return webhooks.manage(); }
    /** One step of the webhook workers: send one due delivery (for embedding services running their own scheduler). */
    public DeliverWebhooksUseCase webhookDelivery() { return webhooks.delivery(); }

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
