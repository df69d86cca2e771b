package io.invitehub.bootstrap;

import io.invitehub.adapter.in.http.HttpApi;
import io.invitehub.adapter.in.http.HttpSettings;
import io.invitehub.adapter.in.http.ShopApi;
import io.invitehub.adapter.out.payment.epay.EpayGateway;
import io.invitehub.adapter.out.payment.epay.EpayMerchant;
import io.invitehub.adapter.out.payment.epay.EpaySandbox;
import io.invitehub.adapter.out.payment.epay.NoPaymentGateway;
import io.invitehub.adapter.out.security.SecureRandomOrderNumbers;
import io.invitehub.application.port.in.FulfilOrdersUseCase;
import io.invitehub.application.port.in.ManagePlansUseCase;
import io.invitehub.application.port.in.OrderAdminUseCase;
import io.invitehub.application.port.in.PaymentNotificationUseCase;
import io.invitehub.application.port.in.ShopUseCase;
import io.invitehub.application.port.out.PaymentGateway;
import io.invitehub.application.port.out.SandboxPayments;
import io.invitehub.application.service.FulfilmentService;
import io.invitehub.application.service.PaymentNotificationService;
import io.invitehub.application.service.PlanService;
import io.invitehub.application.service.SandboxCheckoutService;
import io.invitehub.application.service.ShopService;
import io.invitehub.application.service.ShopSettings;
import io.invitehub.bootstrap.worker.ShopWorkers;
import io.invitehub.domain.order.PayType;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.SecretBoxException;
import io.invitehub.adapter.out.provider.chatgpt.ChatGptSettings;
import io.invitehub.adapter.out.provider.chatgpt.ChatGptTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.adapter.out.security.BcryptPasswordHasher;
import io.invitehub.adapter.out.security.JwtTokens;
import io.invitehub.adapter.out.security.SecureRandomVerificationCodes;
import io.invitehub.adapter.out.security.SecureRandomCodeGenerator;
import io.invitehub.application.port.in.AccountsUseCase;
import io.invitehub.application.port.in.DispatchInvitationsUseCase;
import io.invitehub.application.port.in.MemberLifecycleJobsUseCase;
import io.invitehub.application.port.in.RebindUseCase;
import io.invitehub.application.port.in.ReinviteMemberUseCase;
import io.invitehub.application.port.in.RemoveMemberUseCase;
import io.invitehub.application.port.out.JobLeases;
import io.invitehub.application.service.LifecycleSettings;
import io.invitehub.application.service.MemberLifecycleService;
import io.invitehub.application.service.MemberRemovalService;
import io.invitehub.application.service.RebindService;
import io.invitehub.application.service.ReinviteService;
import io.invitehub.bootstrap.inprocess.InProcessJobLeases;
import io.invitehub.bootstrap.worker.LifecycleJobs;
import io.invitehub.application.port.in.DistributorSignUpUseCase;
import io.invitehub.application.port.in.ManageDistributorsUseCase;
import io.invitehub.application.port.in.SignInUseCase;
import io.invitehub.application.port.in.DistributorQueries;
import io.invitehub.application.port.in.ManageCodesUseCase;
import io.invitehub.application.port.in.IssueCodesUseCase;
import io.invitehub.application.port.in.ManageTeamsUseCase;
import io.invitehub.application.port.in.PublicRedemptionQueries;
import io.invitehub.application.port.in.RedeemCodeUseCase;
import io.invitehub.application.port.in.PromoteWaitingUseCase;
import io.invitehub.application.port.in.SyncTeamsUseCase;
import io.invitehub.application.port.out.JobLeases;
import io.invitehub.application.port.out.Mailer;
import io.invitehub.application.port.out.PasswordHasher;
import io.invitehub.application.port.out.RateLimiter;
import io.invitehub.application.port.out.TeamProvider;
import io.invitehub.application.port.out.WakeUps;
import io.invitehub.application.service.AcceptanceSyncService;
import io.invitehub.application.service.AccountsService;
import io.invitehub.application.service.SeatQueueService;
import io.invitehub.application.service.SyncSettings;
import io.invitehub.application.service.CodeIssuingService;
import io.invitehub.application.service.CodeManagementService;
import io.invitehub.application.service.DistributorQueryService;
import io.invitehub.application.service.StatisticsSettings;
import io.invitehub.domain.shared.Money;
import io.invitehub.application.service.DispatchSettings;
import io.invitehub.application.service.DistributorAdminService;
import io.invitehub.application.service.DistributorSignUpService;
import io.invitehub.application.service.SignInService;
import io.invitehub.application.service.SignInSettings;
import io.invitehub.application.service.SignUpSettings;
import io.invitehub.application.service.InviteDispatchService;
import io.invitehub.application.service.PublicRedemptionQueryService;
import io.invitehub.application.service.RedeemService;
import io.invitehub.application.service.RedemptionSettings;
import io.invitehub.application.service.TeamAdminService;
import io.invitehub.bootstrap.config.ConfigurationException;
import io.invitehub.bootstrap.config.JwtSecret;
import io.invitehub.bootstrap.config.SecretsKey;
import io.invitehub.bootstrap.config.Settings;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;
import io.invitehub.application.port.in.ProtectRecipientsUseCase;
import io.invitehub.application.port.out.JobLeases;
import io.invitehub.application.service.RecipientPolicy;
import io.invitehub.application.service.RecipientProtectionService;
import io.invitehub.application.service.RecipientSettings;
import io.invitehub.bootstrap.worker.MaintenanceJobs;
import io.invitehub.bootstrap.inprocess.InProcessJobLeases;
import io.invitehub.bootstrap.inprocess.InProcessRateLimiter;
import io.invitehub.bootstrap.inprocess.InProcessWakeUps;
import io.invitehub.bootstrap.inprocess.LoggingMailer;
import io.invitehub.bootstrap.worker.AcceptanceSyncWorkers;
import io.invitehub.bootstrap.worker.DispatchWorkers;
import io.invitehub.bootstrap.worker.QueuePromoter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * InviteHub wired by hand: persistence, services, team provider, background workers and (optionally)
 * the HTTP server. Embedding services use {@link #builder(Settings)} and the use-case accessors; the
 * CLI's {@code serve} uses the same path with HTTP on.
 */
public final class InviteHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InviteHub.class);
    /** How often the sync worker asks which teams are due (each team's own due time is in PostgreSQL). */
    private static final Duration SYNC_TICK = Duration.ofSeconds(10);

    private final Deque<AutoCloseable> resources;
    private final JooqPersistence persistence;
    private final TeamProvider provider;
    private final RedeemCodeUseCase redeem;
    private final PublicRedemptionQueries queries;
    private final ManageTeamsUseCase teams;
    private final IssueCodesUseCase issueCodes;
    private final AccountsUseCase accounts;
    private final SignInUseCase signIn;
    private final DistributorSignUpUseCase signUp;
    private final ManageDistributorsUseCase distributors;
    private final DispatchInvitationsUseCase dispatcher;
    private final SyncTeamsUseCase sync;
    private final PromoteWaitingUseCase promoter;
    private final DistributorQueries distributorQueries;
    private final ManageCodesUseCase manageCodes;
    private final RemoveMemberUseCase memberRemoval;
    private final ReinviteMemberUseCase reinvite;
    private final RebindUseCase rebind;
    private final MemberLifecycleJobsUseCase lifecycle;
    private final ManagePlansUseCase plans;
    private final ShopService shop;
    private final PaymentNotificationUseCase paymentNotifications;
    private final FulfilOrdersUseCase fulfilment;
    private final Optional<EmbeddedDatabase> embedded;
    private final HttpApi http;
    private final JobLeases jobLeases;
    private final SharedPorts sharedPorts;
    private final RecipientPolicy recipientPolicy;
    private final ProtectRecipientsUseCase protectRecipients;
    private final MaintenanceJobs maintenance;

    private InviteHub(Builder b, Deque<AutoCloseable> resources, Optional<EmbeddedDatabase> embedded,
                      JooqPersistence persistence, TeamProvider provider) {
        this.resources = resources;
        this.embedded = embedded;
        this.persistence = persistence;
        this.provider = provider;
        Settings s = b.settings;
        Clock clock = b.clock;
        SharedPorts shared = SharedPorts.start(s, clock, resources);
        RateLimiter rateLimiter = b.rateLimiter != null ? b.rateLimiter : shared.rateLimiter();
        WakeUps wakeUps = shared.wakeUps();
        this.jobLeases = b.jobLeases != null ? b.jobLeases : shared.jobLeases();
        this.sharedPorts = shared;
        this.recipientPolicy = new RecipientPolicy(persistence.recipients(),
                new RecipientSettings(s.invitationsPerEmailPerDay(), s.reinviteCooldown()));
        RedemptionSettings redemption = new RedemptionSettings(s.allocationPolicy(),
                new RateLimiter.Limit("redeem-address", s.redeemPerAddressPerMinute(), Duration.ofMinutes(1)),
                new RateLimiter.Limit("redeem-email", s.redeemPerEmailPerMinute(), Duration.ofMinutes(1)),
                RedemptionSettings.codeLockout(s.codeFailuresBeforeLock(), s.codeLockDuration()));
        DispatchSettings dispatch = new DispatchSettings(s.dispatchBatchSize(), s.dispatchMaxAttempts(),
                s.dispatchBackoffBase(), s.dispatchBackoffBase().multipliedBy(60), s.dispatchLease());

        RedeemService redeemService = new RedeemService(persistence.transactions(), persistence.codes(), persistence.invitations(),
                persistence.teams(), rateLimiter, wakeUps, clock, redemption, recipientPolicy);
        this.redeem = redeemService;
        LifecycleSettings lifecycleSettings = new LifecycleSettings(s.inviteTimeout(), Duration.ofDays(s.rebindWindowDays()),
                s.lifecycleBatchSize(), s.removalMaxAttempts(), s.dispatchBackoffBase(), s.dispatchBackoffBase().multipliedBy(60),
                s.removalLease());
        this.queries = new PublicRedemptionQueryService(persistence.codes(), persistence.invitations(), persistence.teams(),
                clock, rateLimiter, redemption, shared.seatsCache(), s.seatsCacheTtl());
        this.protectRecipients = new RecipientProtectionService(persistence.transactions(), persistence.recipients(),
                persistence.codes(), persistence.audit(), rateLimiter, redemption, clock);
        this.teams = new TeamAdminService(persistence.transactions(), persistence.teams(), provider, persistence.audit(), wakeUps,
                clock);
        this.issueCodes = new CodeIssuingService(persistence.transactions(), persistence.codes(), persistence.users(),
                persistence.teams(), new SecureRandomCodeGenerator(s.codePrefix(), s.codeRandomLength()), persistence.audit(), clock);
        PasswordHasher hasher = new BcryptPasswordHasher(s.bcryptCost());
        JwtTokens tokens = new JwtTokens(JwtSecret.resolve(s), s.jwtTtl());
        Mailer mailer = b.mailer != null ? b.mailer : new LoggingMailer();
        this.accounts = new AccountsService(persistence.transactions(), persistence.users(), hasher, persistence.audit(), clock);
        this.signIn = new SignInService(persistence.users(), hasher, tokens, tokens, rateLimiter, clock,
                SignInSettings.of(s.loginPerMinute(), SignInSettings.DEFAULT_SLOW_DOWN));
        this.signUp = new DistributorSignUpService(persistence.transactions(), persistence.users(), persistence.verificationCodes(),
                new SecureRandomVerificationCodes(), hasher, mailer, rateLimiter, persistence.audit(), clock, SignUpSettings.defaults());
        this.distributors = new DistributorAdminService(persistence.transactions(), persistence.users(), hasher, persistence.audit(), clock);
        this.dispatcher = new InviteDispatchService(persistence.transactions(), persistence.invitations(), persistence.teams(),
                persistence.codes(), provider, wakeUps, clock, dispatch);
        this.sync = new AcceptanceSyncService(persistence.transactions(), persistence.teams(), persistence.invitations(),
                persistence.codes(), provider, jobLeases, wakeUps, clock,
                new SyncSettings(s.syncInterval(), s.syncLease(), 100, s.syncRetryBase()));
        this.promoter = new SeatQueueService(persistence.transactions(), persistence.invitations(), persistence.teams(), wakeUps,
                clock, s.allocationPolicy(), s.dispatchBatchSize());

        this.distributorQueries = new DistributorQueryService(persistence.statistics(), persistence.records(), persistence.codes(),
                persistence.users(), clock, new StatisticsSettings(Money.ofMinor(s.defaultUnitPriceMinor(), s.currency()),
                StatisticsSettings.DEFAULT_RECENTLY_ENDED));
        this.manageCodes = new CodeManagementService(persistence.transactions(), persistence.codes(), persistence.users(), clock);
        this.memberRemoval = new MemberRemovalService(persistence.transactions(), persistence.invitations(), persistence.teams(),
                persistence.codes(), persistence.users(), provider, persistence.audit(), wakeUps, clock, lifecycleSettings);
        this.reinvite = new ReinviteService(persistence.transactions(), persistence.invitations(), persistence.codes(),
                persistence.users(), redeemService, recipientPolicy, persistence.audit(), clock);
        this.rebind = new RebindService(persistence.transactions(), persistence.codes(), persistence.invitations(), persistence.teams(),
                rateLimiter, wakeUps, clock, redemption, lifecycleSettings);
        this.lifecycle = new MemberLifecycleService(persistence.transactions(), persistence.invitations(), persistence.teams(),
                persistence.codes(), provider, wakeUps, clock, lifecycleSettings);

        // ---- shop (issue 5): payment gateway, orders, notify, fulfilment ----
        AtomicInteger boundPort = new AtomicInteger(s.httpPort());
        String localHost = s.httpHost().equals("0.0.0.0") || s.httpHost().equals("::") ? "127.0.0.1" : s.httpHost();
        Supplier<String> publicBase = () -> s.shop().publicBaseUrl().orElseGet(() -> "http://" + localHost + ":" + boundPort.get());
        Supplier<String> notifyUrl = () -> publicBase.get() + "/api/v1/public/shop/notify";
        Supplier<String> returnUrl = () -> publicBase.get() + "/api/v1/public/shop/return";
        PaymentGateway gateway;
        Optional<SandboxPayments> sandbox = Optional.empty();
        switch (s.shop().gateway()) {
            case SANDBOX:
                EpaySandbox epaySandbox = EpaySandbox.create(() -> publicBase.get() + "/api/v1/public/shop/sandbox", notifyUrl, returnUrl);
                gateway = epaySandbox.gateway();
                sandbox = Optional.of(epaySandbox);
                break;
            case EPAY:
                gateway = new EpayGateway(new EpayMerchant(() -> s.shop().epayUrl().orElseThrow(), s.shop().epayPid().orElseThrow(),
                        s.shop().epayKey().orElseThrow(), notifyUrl, returnUrl));
                break;
            default:
                gateway = new NoPaymentGateway();
        }
        ShopSettings shopSettings = new ShopSettings(s.shop().paymentWindow(), s.shop().maxCodesPerOrder(),
                s.shop().fulfilmentBatch(), s.shop().fulfilmentLease(), s.shop().fulfilmentMaxAttempts(),
                s.shop().fulfilmentBackoffBase(), 1_000, s.businessTimeZone(),
                s.shop().payTypes().stream().map(PayType::of).collect(Collectors.toSet()), s.currency());
        this.plans = new PlanService(persistence.transactions(), persistence.plans(), persistence.users(), persistence.audit(), clock);
        this.shop = new ShopService(persistence.transactions(), persistence.plans(), persistence.orders(), persistence.paymentAlerts(),
                persistence.users(), gateway, new SecureRandomOrderNumbers(s.businessTimeZone()), persistence.audit(), wakeUps,
                clock, shopSettings);
        this.paymentNotifications = new PaymentNotificationService(persistence.transactions(), persistence.orders(),
                persistence.paymentAlerts(), gateway, persistence.audit(), wakeUps, clock);
        this.fulfilment = new FulfilmentService(persistence.transactions(), persistence.orders(), persistence.codes(),
                new SecureRandomCodeGenerator(s.codePrefix(), s.codeRandomLength()), clock, shopSettings);
        SandboxCheckoutService sandboxCheckout = new SandboxCheckoutService(sandbox, persistence.orders());

        if (b.workers) {
            ShopWorkers shopWorkers = new ShopWorkers(fulfilment, shop, wakeUps, s.shop().fulfilmentPollInterval(),
                    s.shop().fulfilmentThreads(), s.shop().expiryInterval());
            shopWorkers.start();
            resources.push(shopWorkers);
            DispatchWorkers workers = new DispatchWorkers(dispatcher, wakeUps, s.dispatchPollInterval(), s.dispatchThreads());
            workers.start();
            resources.push(workers);
            this.maintenance = new MaintenanceJobs(new io.invitehub.application.service.StatisticsMaintenanceService(
                    persistence.transactions(), persistence.statistics(), clock), jobLeases, s.maintenanceInterval());
            resources.push(maintenance);
            resources.push(new LifecycleJobs(lifecycle, jobLeases, s.lifecycleInterval(), s.removalLease(), s.lifecycleBatchSize()));
            resources.push(new QueuePromoter(promoter, wakeUps, s.queuePollInterval()));
            Duration tick = s.syncInterval().compareTo(SYNC_TICK) < 0 ? s.syncInterval() : SYNC_TICK;
            resources.push(new AcceptanceSyncWorkers(sync, tick, s.syncThreads()));
        } else {
            this.maintenance = null;
        }
        if (b.http) {
            HttpSettings httpSettings = new HttpSettings(s.httpHost(), s.httpPort(), s.httpMaxThreads(),
                    Math.min(8, s.httpMaxThreads()), Duration.ofSeconds(30), s.trustedProxies());
            this.http = new HttpApi(redeem, queries, teams, issueCodes, accounts, signIn, signUp, distributors,
                    distributorQueries, manageCodes, protectRecipients, memberRemoval, reinvite, rebind,
                    new ShopApi(plans, shop, shop, paymentNotifications, sandboxCheckout, s.currency()), httpSettings,
                    persistence::isHealthy, clock);
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

        /** Use this mailer instead of the logging one. */
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
                    EmbeddedDatabase started = EmbeddedDatabase.start(settings.dataDir());
                    resources.push(started);
                    embedded = Optional.of(started);
                    db = started.settings(settings.dbPoolSize());
                } else if (db == null) {
                    db = PersistenceSettings.of(settings.dbUrl().orElseThrow(), settings.dbUser(), settings.dbPassword())
                            .withMaxPoolSize(settings.dbPoolSize());
                }
                JooqPersistence jooq = JooqPersistence.connect(db, SecretsKey.resolve(settings));
                resources.push(jooq);
                int migrations = jooq.migrate();
                if (migrations > 0) {
                    LOG.info("applied {} database migration(s)", migrations);
                }
                checkSealedSecrets(jooq);
                if (jooq.statistics().useBusinessTimeZone(settings.businessTimeZone())) {
                    LOG.info("statistics now count days in {}; rollups rebuilt", settings.businessTimeZone());
                }
                TeamProvider teamProvider = provider != null ? provider : configuredProvider(settings, clock);
                return new InviteHub(this, resources, embedded, jooq, teamProvider);
            } catch (RuntimeException e) {
                closeAll(resources);
                throw e;
            }
        }
    }

    /** The provider named by {@code INVITEHUB_TEAM_PROVIDER}: the ChatGPT Team admin API or the simulation. */
    static TeamProvider configuredProvider(Settings s, Clock clock) {
        if ("chatgpt".equals(s.teamProvider())) {
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

    static SimulatedTeamProvider simulatedProvider(Settings s, Clock clock) {
        SimulationSettings sim = SimulationSettings.defaults()
                .withLatency(Duration.ZERO, s.simulatedMaxLatency())
                .withTransientErrorRate(s.simulatedErrorRate())
                .withAcceptanceDelay(s.simulatedAcceptDelay())
                // the simulated workspace never limits a team below its own max_seats
                .withDefaultSeats(io.invitehub.domain.team.Team.MAX_SEATS_LIMIT);
        return new SimulatedTeamProvider(sim, clock);
    }

    public RedeemCodeUseCase redeem() { return redeem; }
    public PublicRedemptionQueries queries() { return queries; }
    public ManageTeamsUseCase teams() { return teams; }
    public IssueCodesUseCase issueCodes() { return issueCodes; }
    public AccountsUseCase accounts() { return accounts; }
    public SignInUseCase signIn() { return signIn; }
    public DistributorSignUpUseCase signUp() { return signUp; }
    public ManageDistributorsUseCase distributors() { return distributors; }
    public DispatchInvitationsUseCase dispatcher() { return dispatcher; }
    /** The acceptance sync of teams (run on a schedule by the workers). */
    public SyncTeamsUseCase acceptanceSync() { return sync; }
    /** The waiting-queue promoter (run on wake-ups and by polling by the workers). */
    public PromoteWaitingUseCase queuePromoter() { return promoter; }
    /** The distributor read side: summary, sales, members, trend, plan ranking, codes, admin list. */
    public DistributorQueries distributorQueries() { return distributorQueries; }
    /** Enable, disable, delete codes (a distributor only its own). */
    public ManageCodesUseCase manageCodes() { return manageCodes; }
    /** Plans (admin) and the plans on sale (distributors). */
    public ManagePlansUseCase plans() { return plans; }
    /** A distributor's purchases. */
    public ShopUseCase shop() { return shop; }
    /** Staff views of orders, alerts and fulfilment retry. */
    public OrderAdminUseCase orderAdmin() { return shop; }
    /** The payment gateway's notification. */
    public PaymentNotificationUseCase paymentNotifications() { return paymentNotifications; }
    /** One step of the fulfilment worker (workers run it on their own; for embedding and benchmarks). */
    public FulfilOrdersUseCase fulfilment() { return fulfilment; }
    public TeamProvider teamProvider() { return provider; }
    /** One runner per job across nodes (Redis when configured, else this process). */
    public JobLeases jobLeases() { return jobLeases; }
    /**
     * The anti-harassment checks (SPEC section 9). {@code ensureMayReinvite} is for
     * {@code POST /distributors/me/members/add}: call it inside the transaction that creates the invitation.
     */
    public RecipientPolicy recipientPolicy() { return recipientPolicy; }
    /** Admin blocklist and customers' opt-outs. */
    public ProtectRecipientsUseCase protectRecipients() { return protectRecipients; }
    /** How often this node ran the maintenance job (0 when workers are off). */
    public long maintenanceRuns() { return maintenance == null ? 0 : maintenance.runs(); }
    /** True when Redis is configured and its last call succeeded, or when Redis is not configured. */
    public boolean redisHealthy() { return sharedPorts.healthy(); }
    /** Member removal by distributors and staff, and the staff list of failed background removals. */
    public RemoveMemberUseCase memberRemoval() { return memberRemoval; }
    public ReinviteMemberUseCase reinvite() { return reinvite; }
    public RebindUseCase rebind() { return rebind; }
    /** The background lifecycle steps (timeout, expiry, rebind settlement, resumption), to run by hand when workers are off. */
    public MemberLifecycleJobsUseCase lifecycle() { return lifecycle; }
    public Optional<EmbeddedDatabase> embeddedDatabase() { return embedded; }

    /** The bound HTTP port; empty when HTTP is off. */
    /** The HTTP routes, when HTTP is on. */
    public List<HttpApi.Route> httpRoutes() {
        return http == null ? List.of() : http.routes();
    }

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
