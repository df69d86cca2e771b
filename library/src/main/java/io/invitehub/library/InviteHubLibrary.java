package io.invitehub.library;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.SecretBoxException;
import io.invitehub.adapter.out.persistence.SecretKeys;
import io.invitehub.application.accounts.port.in.AccountsUseCase;
import io.invitehub.application.accounts.port.in.DistributorSignUpUseCase;
import io.invitehub.application.accounts.port.in.ManageDistributorsUseCase;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.invitehub.application.accounts.port.in.StaffAccountsUseCase;
import io.invitehub.application.alerts.port.in.PlatformAlertsQuery;
import io.invitehub.application.audit.port.in.AuditTrailQueries;
import io.invitehub.application.brands.port.in.BrandProfileUseCase;
import io.invitehub.application.brands.port.in.CustomHostsUseCase;
import io.invitehub.application.brands.port.in.PublicBrandQueries;
import io.invitehub.application.distributors.port.in.PlatformQueries;
import io.invitehub.application.membership.port.in.InvitationSearchQuery;
import io.invitehub.application.recipients.port.in.OptOutQueries;
import io.invitehub.application.teams.port.in.TeamPoolUseCase;
import io.invitehub.application.mail.port.out.Mailer;
import io.invitehub.application.accounts.port.in.PasswordResetUseCase;
import io.invitehub.application.idempotency.port.in.IdempotentWritesUseCase;
import io.invitehub.application.idempotency.port.in.PurgeIdempotencyKeysUseCase;
import io.invitehub.application.mail.port.in.DeliverMailUseCase;
import io.invitehub.application.shop.port.in.CancelOrderUseCase;
import io.invitehub.application.shop.port.in.PaymentQueryUseCase;
import io.invitehub.application.shop.port.in.RefundOrderUseCase;
import io.invitehub.application.shop.port.out.RefundLedger;
import io.invitehub.application.webhooks.port.in.DeliverWebhooksUseCase;
import io.invitehub.application.webhooks.port.in.ManageWebhooksUseCase;
import io.invitehub.application.codes.port.in.IssueCodesUseCase;
import io.invitehub.application.codes.port.in.ManageCodesUseCase;
import io.invitehub.application.dispatch.port.in.DispatchInvitationsUseCase;
import io.invitehub.application.distributors.port.in.DistributorQueries;
import io.invitehub.application.membership.port.in.MemberLifecycleJobsUseCase;
import io.invitehub.application.membership.port.in.RebindUseCase;
import io.invitehub.application.membership.port.in.ReinviteMemberUseCase;
import io.invitehub.application.membership.port.in.RemoveMemberUseCase;
import io.invitehub.application.queue.port.in.PromoteWaitingUseCase;
import io.invitehub.application.recipients.port.in.ProtectRecipientsUseCase;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.application.redemption.port.in.PublicRedemptionQueries;
import io.invitehub.application.redemption.port.in.RedeemCodeUseCase;
import io.invitehub.application.redemption.port.out.SeatsCache;
import io.invitehub.application.shared.port.out.JobLeases;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shop.port.in.FulfilOrdersUseCase;
import io.invitehub.application.shop.port.in.ManagePlansUseCase;
import io.invitehub.application.shop.port.in.OrderAdminUseCase;
import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.invitehub.application.shop.port.in.SandboxCheckoutUseCase;
import io.invitehub.application.shop.port.in.ShopUseCase;
import io.invitehub.application.site.port.in.PlatformSiteUseCase;
import io.invitehub.application.sync.port.in.SyncTeamsUseCase;
import io.invitehub.application.crm.port.in.CustomerRelationsUseCase;
import io.invitehub.application.exports.port.in.ExportUseCase;
import io.invitehub.application.settlement.port.in.ManageSettlementUseCase;
import io.invitehub.application.settlement.port.in.SettlementQueries;
import io.invitehub.application.teams.port.in.ManageTeamsUseCase;
import io.invitehub.library.assembly.AccountsAssembly;
import io.invitehub.library.assembly.Adapters;
import io.invitehub.library.assembly.BrandsAssembly;
import io.invitehub.library.assembly.CodesAssembly;
import io.invitehub.library.assembly.CrmAssembly;
import io.invitehub.library.assembly.ExportsAssembly;
import io.invitehub.library.assembly.IdempotencyAssembly;
import io.invitehub.library.assembly.MailAssembly;
import io.invitehub.library.assembly.WebhooksAssembly;
import io.invitehub.library.assembly.MembershipAssembly;
import io.invitehub.library.assembly.RedemptionAssembly;
import io.invitehub.library.assembly.SettlementAssembly;
import io.invitehub.library.assembly.ShopAssembly;
import io.invitehub.library.assembly.StaffAssembly;
import io.invitehub.library.assembly.StatisticsAssembly;
import io.invitehub.library.assembly.TeamPoolAssembly;
import io.invitehub.library.config.ConfigurationException;
import io.invitehub.library.config.JwtSecret;
import io.invitehub.library.config.SecretsKey;
import io.invitehub.library.config.Settings;
import io.invitehub.library.inprocess.AfterCommitWakeUps;
import io.invitehub.library.inprocess.InProcessJobLeases;
import io.invitehub.library.inprocess.InProcessRateLimiter;
import io.invitehub.library.inprocess.InProcessSeatsCache;
import io.invitehub.library.inprocess.InProcessWakeUps;
import io.invitehub.library.worker.MaintenanceJobs;
import io.invitehub.library.worker.SettlementJobs;
import io.invitehub.library.worker.OutboxRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * InviteHub as a library (docs/embedding.md, ADR 38): the use cases of every feature over the caller's
 * {@link DataSource}, {@link TeamProvider}, {@link Mailer} and {@link Clock}. Building one applies the
 * database migrations and checks the sealed team credentials; it starts no thread, no server and no
 * database. The background work (invite dispatch, the waiting queue, acceptance sync, member lifecycle,
 * fulfilment, the order query, statistics upkeep, the monthly settlement statements, the mail and webhook outboxes, expired idempotency keys) runs either on the caller's own scheduler through
 * {@link #runBackgroundWorkOnce()} or on threads started by {@link #startWorkers()}; {@link #close()}
 * stops what was started and leaves the caller's DataSource open.
 *
 * <pre>{@code
 * try (InviteHubLibrary hub = InviteHubLibrary.builder()
 *         .dataSource(myPool).teamProvider(myProvider).secretsKey(base64Of32Bytes).build()) {
 *     RedeemResult r = hub.redeem().redeem(new RedeemCommand(code, email, address));
 *     hub.runBackgroundWorkOnce();            // or hub.startWorkers() once
 * }
 * }</pre>
 */
public final class InviteHubLibrary implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InviteHubLibrary.class);
    /** Bounds one pass of {@link #runBackgroundWorkOnce()} over the invitation outbox. */
    static final int DISPATCH_BATCHES_PER_PASS = 20;

    private final Settings settings;
    private final Adapters adapters;
    private final Deque<AutoCloseable> resources;
    private final RedemptionAssembly redemption;
    private final AccountsAssembly accounts;
    private final CodesAssembly codes;
    private final StatisticsAssembly statistics;
    private final TeamPoolAssembly pool;
    private final MembershipAssembly membership;
    private final ShopAssembly shop;
    private final StaffAssembly staff;
    private final ExportsAssembly exports;
    private final CrmAssembly crm;
    private final SettlementAssembly settlement;
    private final SettlementJobs settlementJobs;
    private final BrandsAssembly brands;
    private final MailAssembly mail;
    private final WebhooksAssembly webhooks;
    private final IdempotencyAssembly idempotency;
    private final OutboxRetention outboxRetention;
    private MaintenanceJobs maintenance;
    private boolean workersStarted;

    private InviteHubLibrary(Builder b, Settings settings, Adapters adapters, Deque<AutoCloseable> resources, byte[] jwtSecret) {
        this.settings = settings;
        this.adapters = adapters;
        this.resources = resources;
        this.redemption = RedemptionAssembly.wire(adapters, settings.redemption(), settings.recipients(), settings.redis().seatsCacheTtl());
        IntSupplier port = b.httpPort != null ? b.httpPort : () -> settings.http().port();
        this.mail = MailAssembly.wire(adapters, settings.mail(), Optional.ofNullable(b.mailer));
        this.webhooks = WebhooksAssembly.wire(adapters, settings.webhooks(), resources);
        this.accounts = AccountsAssembly.wire(adapters, settings.accounts(), jwtSecret, settings.mail(),
                ShopAssembly.publicBase(settings.shop(), settings.http(), port));
        this.codes = CodesAssembly.wire(adapters, settings.redemption());
        // the platform's settings first: the read side and the shop read its terms at each use (ADR 51)
        PlatformSiteUseCase site = BrandsAssembly.site(adapters, settings.site(), settings.shop(), settings.statistics());
        this.statistics = StatisticsAssembly.wire(adapters, site);
        this.pool = TeamPoolAssembly.wire(adapters, settings.dispatch(), settings.sync(), settings.redemption(),
                settings.mail().defaultLanguage());
        this.membership = MembershipAssembly.wire(adapters, settings.lifecycle(), redemption);
        // settlement before the shop: a staff refund books its ledger entry in the refund's transaction (ADR 37 amendment)
        this.settlement = SettlementAssembly.wire(adapters, settings.statistics());
        this.shop = ShopAssembly.wire(adapters, settings.shop(), settings.statistics(), settings.http(), port, codes.generator(), site,
                settings.database().dataDir(), b.refundLedger != null ? b.refundLedger : settlement.refundLedger());
        this.brands = BrandsAssembly.wire(adapters, site, settings.shop());
        this.staff = StaffAssembly.wire(adapters, settings.accounts());
        this.exports = ExportsAssembly.wire(adapters, settings.exports(), jwtSecret);
        this.crm = CrmAssembly.wire(adapters);
        this.settlementJobs = settlement.jobs(adapters, settings.exports());
        this.idempotency = IdempotencyAssembly.wire(adapters, settings.http().idempotencyKeyTtl());
        this.outboxRetention = webhooks.retention(mail, adapters.jobLeases());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What an embedding service brings; everything but the DataSource, the team provider and the secrets key has a default. */
    public static final class Builder {
        private DataSource dataSource;
        private JooqPersistence persistence;
        private TeamProvider provider;
        private Mailer mailer;
        private RefundLedger refundLedger;
        private Clock clock = Clock.systemUTC();
        private Settings settings;
        private Map<String, String> values = Map.of();
        private String secretsKey;
        private String jwtSecret;
        private RateLimiter rateLimiter;
        private JobLeases jobLeases;
        private WakeUps wakeUps;
        private SeatsCache seatsCache;
        private IntSupplier httpPort;
        private boolean migrate = true;

        private Builder() {
        }

        /**
         * Your PostgreSQL pool (required). Connections must be READ COMMITTED (PostgreSQL's default) and in
         * auto-commit mode when handed out; InviteHub runs its own short transactions on them and never
         * closes the pool.
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** The workspace provider that sends and cancels invitations (required): yours, or one of InviteHub's provider adapters. */
        public Builder teamProvider(TeamProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Sends the mail of the outbox (sign-up codes, password-reset links, "your seat is ready"; ADR 41) instead of
         * the one {@code INVITEHUB_MAIL_TRANSPORT} names (the log by default, or SMTP). Called by the mail workers
         * (or {@link InviteHubLibrary#runBackgroundWorkOnce()}) after commit, never inside a transaction.
         */
        public Builder mailer(Mailer mailer) {
            this.mailer = Objects.requireNonNull(mailer, "mailer");
            return this;
        }

        /**
         * Books staff refunds of paid orders (ADR 45) in your own ledger instead of InviteHub's settlement ledger (by
         * default a {@code PURCHASE_REFUNDED} entry, ADR 37); called in the refund's transaction.
         */
        public Builder refundLedger(RefundLedger refundLedger) {
            this.refundLedger = Objects.requireNonNull(refundLedger, "refundLedger");
            return this;
        }

        /** Every "now" of the use cases; the system clock in UTC by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Base64 of 32 random bytes (required): seals team credentials at rest (ADR 16). Keep it apart from the
         * database's backups; {@code INVITEHUB_SECRETS_PREVIOUS_KEYS} in {@link #settings(Map)} during a rotation.
         */
        public Builder secretsKey(String base64) {
            this.secretsKey = Objects.requireNonNull(base64, "secretsKey");
            return this;
        }

        /**
         * Signs the access tokens of {@link #signIn()} (at least 32 bytes). Without it a random secret is made
         * for this instance: tokens then end with it and are not accepted by other instances.
         */
        public Builder jwtSecret(String secret) {
            this.jwtSecret = Objects.requireNonNull(secret, "jwtSecret");
            return this;
        }

        /**
         * Tunables by the service's names and formats (docs/configuration.md), e.g.
         * {@code Map.of("INVITEHUB_ALLOCATION_POLICY", "spread", "INVITEHUB_DISPATCH_THREADS", "2")}; defaults otherwise.
         */
        public Builder settings(Map<String, String> values) {
            this.values = Map.copyOf(Objects.requireNonNull(values, "values"));
            return this;
        }

        /** Already parsed settings (the InviteHub service passes its own). */
        public Builder settings(Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Shared state between several instances of your service: rate limits, job leases, wake-ups and the
         * seats cache (each defaults to this process only; the service's Redis adapter implements all four).
         */
        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        public Builder jobLeases(JobLeases jobLeases) {
            this.jobLeases = jobLeases;
            return this;
        }

        public Builder wakeUps(WakeUps wakeUps) {
            this.wakeUps = wakeUps;
            return this;
        }

        public Builder seatsCache(SeatsCache seatsCache) {
            this.seatsCache = seatsCache;
            return this;
        }

        /** False: do not apply migrations at build (run them yourself with {@link InviteHubLibrary#migrate}); true by default. */
        public Builder migrate(boolean on) {
            this.migrate = on;
            return this;
        }

        /** The InviteHub service's own pool (instead of {@link #dataSource}); stays the service's to close. */
        public Builder persistence(JooqPersistence persistence) {
            this.persistence = Objects.requireNonNull(persistence, "persistence");
            return this;
        }

        /** The service's bound HTTP port, for the payment gateway's notify and return URLs when no public base URL is set. */
        public Builder httpPort(IntSupplier port) {
            this.httpPort = port;
            return this;
        }

        /**
         * Connects, applies pending migrations (unless turned off), re-seals and checks the team credentials
         * (ADR 16) and wires every use case. Starts no thread. Refuses a missing DataSource, provider or secrets key.
         */
        public InviteHubLibrary build() {
            if ((dataSource == null) == (persistence == null)) {
                throw new IllegalStateException("give InviteHub your DataSource (builder().dataSource(...))");
            }
            if (provider == null) {
                throw new IllegalStateException("give InviteHub a team provider (builder().teamProvider(...))");
            }
            Settings s = settings != null ? settings : librarySettings();
            Deque<AutoCloseable> resources = new ArrayDeque<>();
            JooqPersistence db = persistence;
            if (db == null) {
                db = JooqPersistence.over(dataSource, SecretsKey.resolve(s));
                resources.push(db);
            }
            long step = System.nanoTime();
            if (migrate) {
                int migrations = db.migrate();
                if (migrations > 0) {
                    LOG.info("applied {} database migration(s)", migrations);
                }
                step = logStep("database migrations (Flyway)", step);
            }
            checkSealedSecrets(db);
            step = logStep("sealed secrets check", step);
            if (db.statistics().useBusinessTimeZone(s.statistics().businessTimeZone())) {
                LOG.info("statistics now count days in {}; rollups rebuilt", s.statistics().businessTimeZone());
            }
            db.useSettlementDefaults(s.statistics().defaultUnitPriceMinor(), s.statistics().currency().getCurrencyCode());
            logStep("statistics time zone and settlement defaults", step);
            // a wake-up waits for the commit of a transaction open on its thread (an idempotent write's, ADR 44)
            Adapters adapters = new Adapters(db, provider,
                    rateLimiter != null ? rateLimiter : new InProcessRateLimiter(clock),
                    new AfterCommitWakeUps(wakeUps != null ? wakeUps : new InProcessWakeUps(), db.transactions()),
                    jobLeases != null ? jobLeases : new InProcessJobLeases(clock),
                    seatsCache != null ? seatsCache : new InProcessSeatsCache(), clock);
            return new InviteHubLibrary(this, s, adapters, resources, jwt(s));
        }

        /** The caller's values with the secrets given to the builder, parsed and checked as the service's environment is. */
        private Settings librarySettings() {
            Map<String, String> env = new HashMap<>(values);
            if (secretsKey != null) {
                env.put("INVITEHUB_SECRETS_KEY", secretsKey);
            }
            if (jwtSecret != null) {
                env.put("INVITEHUB_JWT_SECRET", jwtSecret);
            }
            if (!env.containsKey("INVITEHUB_SECRETS_KEY")) {
                throw new ConfigurationException("give InviteHub a secrets key (builder().secretsKey(base64 of 32 random bytes), "
                        + "e.g. from `openssl rand -base64 32`): it seals team credentials at rest");
            }
            return Settings.forLibrary(env);
        }

        private byte[] jwt(Settings s) {
            if (s.accounts().jwtSecret().isPresent() || s.embeddedDatabase()) {
                return JwtSecret.resolve(s);
            }
            LOG.info("no JWT secret given: access tokens are signed with a random secret of this instance only");
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            return random;
        }
    }

    /** One line of the start's timing (ADR 80), as the service's own start steps log theirs; returns now. */
    private static long logStep(String name, long since) {
        long now = System.nanoTime();
        LOG.info("start step: {} {} ms", name, (now - since) / 1_000_000);
        return now;
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

    // ---- background work ----------------------------------------------------------------------------

    /** What one {@link #runBackgroundWorkOnce()} did. */
    public record BackgroundPass(int invitationsDispatched, int waitingSeated, int teamsSynced, int lifecycleSteps,
                                 int ordersFulfilled, int ordersExpired, int statementsWritten, int ordersFoundPaid, int mailsSent,
                                 int webhooksSent) {
    }

    /** Bounds one pass of {@link #runBackgroundWorkOnce()} over each of the mail and webhook outboxes. */
    static final int OUTBOX_SENDS_PER_PASS = 100;

    /**
     * One pass of every background step on the calling thread, for a service that schedules work itself
     * (never together with {@link #startWorkers()} on the same instance): dispatch the invitation outbox,
     * seat waiting invitations, sync due teams, the member-lifecycle steps (under their job leases), deliver
     * paid orders, expire unpaid ones, ask the gateway about returned orders without a notification, fold past
     * statistics, write the monthly settlement statements (once per {@code INVITEHUB_SETTLEMENT_INTERVAL}, under its
     * job lease), send due mail and webhook deliveries, and forget settled outbox rows and idempotency keys past their
     * time. Each step is bounded; call it again (every
     * few seconds) to drain more. A failing step does not stop the others; its error is thrown after them.
     */
    public synchronized BackgroundPass runBackgroundWorkOnce() {
        if (workersStarted) {
            throw new IllegalStateException("the workers of this instance are running; runBackgroundWorkOnce is for a caller's own scheduler");
        }
        RuntimeException failed = null;
        int dispatched = 0;
        int seated = 0;
        int synced = 0;
        int lifecycleSteps = 0;
        int fulfilled = 0;
        int expired = 0;
        int statements = 0;
        int foundPaid = 0;
        int mailsSent = 0;
        int webhooksSent = 0;
        try {
            dispatched += dispatchOutbox();
        } catch (RuntimeException e) {
            failed = e;
        }
        try {
            seated = pool.promoter().promoteWaiting();
            dispatched += dispatchOutbox();
        } catch (RuntimeException e) {
            failed = failed == null ? e : failed;
        }
        try {
            for (var team : pool.sync().dueTeams(100)) {
                pool.sync().syncIfDue(team);
                synced++;
            }
        } catch (RuntimeException e) {
            failed = failed == null ? e : failed;
        }
        try {
            lifecycleSteps = membership.runLifecycleOnce(adapters, settings.lifecycle());
        } catch (RuntimeException e) {
            failed = failed == null ? e : failed;
        }
        try {
            for (int batch = 0; batch < 100 && shop.fulfilment().fulfilNext(); batch++) {
                fulfilled++;
            }
            expired = shop.shop().expireDue();
        } catch (RuntimeException e) {
            failed = failed == null ? e : failed;
        }
        try {
            foundPaid = shop.query().queryDue();
            for (int batch = 0; foundPaid > 0 && batch < 100 && shop.fulfilment().fulfilNext(); batch++) {
                fulfilled++;
            }
        } catch (RuntimeException e) {
            failed = failed == null ? e : failed;
        }
        try {
            statistics.maintenance().compactExpiry();
            statistics.maintenance().compactDays();
        } catch (RuntimeException e) {
            failed = failed == null ? e : failed;
        }
        try {
            statements = settlementJobs.runOnce();
        } catch (RuntimeException e) {
            failed = failed == null ? e : failed;
        }
        try {
            for (int n = 0; n < OUTBOX_SENDS_PER_PASS && mail.delivery().deliverNext(); n++) {
                mailsSent++;
            }
        } catch (RuntimeException e) {
            failed = failed == null ? e : failed;
        }
        try {
            for (int n = 0; n < OUTBOX_SENDS_PER_PASS && webhooks.delivery().deliverNext(); n++) {
                webhooksSent++;
            }
        } catch (RuntimeException e) {
            failed = failed == null ? e : failed;
        }
        try {
            outboxRetention.runOnce();
            idempotency.purge().purgeExpired();
        } catch (RuntimeException e) {
            failed = failed == null ? e : failed;
        }
        if (failed != null) {
            throw failed;
        }
        return new BackgroundPass(dispatched, seated, synced, lifecycleSteps, fulfilled, expired, statements, foundPaid, mailsSent,
                webhooksSent);
    }

    /** Dispatch batches until the outbox has nothing due (at most {@value #DISPATCH_BATCHES_PER_PASS} batches); the invitations sent. */
    private int dispatchOutbox() {
        int dispatched = 0;
        for (int batch = 0; batch < DISPATCH_BATCHES_PER_PASS; batch++) {
            int n = pool.dispatcher().dispatchBatch();
            dispatched += n;
            if (n == 0) {
                break;
            }
        }
        return dispatched;
    }

    /**
     * Starts the background threads (dispatchers, queue promoter, acceptance sync, lifecycle, fulfilment,
     * order expiry and query, statistics upkeep, monthly settlement statements, mail and webhook workers, outbox
     * retention, idempotency-key purge; their counts and intervals from the settings). A second call does
     * nothing; {@link #close()} stops them.
     */
    public synchronized void startWorkers() {
        if (workersStarted) {
            return;
        }
        workersStarted = true;
        shop.startWorkers(adapters, settings.shop(), resources);
        pool.startWorkers(adapters, settings.dispatch(), settings.sync(), resources);
        this.maintenance = statistics.startWorkers(adapters, settings.statistics(), resources);
        membership.startWorkers(adapters, settings.lifecycle(), resources);
        resources.push(settlementJobs.start());
        mail.startWorkers(adapters, settings.mail(), resources);
        webhooks.startWorkers(adapters, settings.webhooks(), resources);
        resources.push(outboxRetention.start());
        idempotency.startWorkers(settings.http().idempotencyPurgeInterval(), resources);
    }

    /** Applies pending migrations (when the builder was told not to); returns how many ran. */
    public int migrate() {
        return adapters.persistence().migrate();
    }

    // ---- the use cases ------------------------------------------------------------------------------

    /** Redeem a code for an e-mail (SPEC 3): a seat is reserved, or the redemption waits in its queue. */
    public RedeemCodeUseCase redeem() { return redemption.redeem(); }
    /** What customers may read: an invitation's status, a code's status, the seat summary. */
    public PublicRedemptionQueries queries() { return redemption.queries(); }
    public ManageTeamsUseCase teams() { return pool.teams(); }
    public IssueCodesUseCase issueCodes() { return codes.issue(); }
    /** Enable, disable, delete codes (a distributor only its own). */
    public ManageCodesUseCase manageCodes() { return codes.manage(); }
    public AccountsUseCase accounts() { return accounts.accounts(); }
    public SignInUseCase signIn() { return accounts.signIn(); }
    public DistributorSignUpUseCase signUp() { return accounts.signUp(); }
    public ManageDistributorsUseCase distributors() { return accounts.distributors(); }
    /** The distributor read side: summary, sales, members, trend, plan ranking, codes, admin list. */
    public DistributorQueries distributorQueries() { return statistics.readSide(); }
    /** Member removal by distributors and staff, and the staff list of failed background removals. */
    public RemoveMemberUseCase memberRemoval() { return membership.removal(); }
    public ReinviteMemberUseCase reinvite() { return membership.reinvite(); }
    public RebindUseCase rebind() { return membership.rebind(); }
    /** Admin blocklist and customers' opt-outs. */
    public ProtectRecipientsUseCase protectRecipients() { return redemption.protectRecipients(); }
    /**
     * The anti-harassment checks (SPEC section 9). {@code ensureMayReinvite} is for
     * {@code POST /distributors/me/members/add}: call it inside the transaction that creates the invitation.
     */
    public RecipientPolicy recipientPolicy() { return redemption.recipientPolicy(); }
    /** Plans (admin) and the plans on sale (distributors). */
    public ManagePlansUseCase plans() { return shop.plans(); }
    /** A distributor's purchases. */
    public ShopUseCase shop() { return shop.shop(); }
    /** Staff views of orders, alerts and fulfilment retry. */
    public OrderAdminUseCase orderAdmin() { return shop.shop(); }
    /** The payment gateway's notification. */
    public PaymentNotificationUseCase paymentNotifications() { return shop.notifications(); }
    /** Asking the gateway about an order (the buyer's return, the order-query job; ADR 45). */
    public PaymentQueryUseCase paymentQueries() { return shop.query(); }
    /** A buyer's cancellation of an unpaid order (ADR 45). */
    public CancelOrderUseCase cancelOrder() { return shop.closing(); }
    /** A staff refund of a paid order (ADR 45). */
    public RefundOrderUseCase refundOrder() { return shop.closing(); }
    /** Self-service password reset by e-mail (ADR 41). */
    public PasswordResetUseCase passwordReset() { return accounts.passwordReset(); }
    /** One step of the mail workers: send one due mail of the outbox. */
    public DeliverMailUseCase mailDelivery() { return mail.delivery(); }
    /** Webhook endpoints of distributors and staff, their delivery logs, redelivery (ADR 42). */
    public ManageWebhooksUseCase webhooks() { return webhooks.manage(); }
    /** One step of the webhook workers: send one due delivery. */
    public DeliverWebhooksUseCase webhookDelivery() { return webhooks.delivery(); }
    /** Writes under an {@code Idempotency-Key} (ADR 44): the answer recorded in the write's own transaction. */
    public IdempotentWritesUseCase idempotentWrites() { return idempotency.writes(); }
    /** Forgets idempotency keys past their time. */
    public PurgeIdempotencyKeysUseCase idempotencyKeys() { return idempotency.purge(); }
    /** The sandbox gateway's pay page (only with {@code INVITEHUB_PAYMENT_GATEWAY=sandbox}). */
    public SandboxCheckoutUseCase sandboxCheckout() { return shop.sandbox(); }
    /** One step of the fulfilment worker. */
    public FulfilOrdersUseCase fulfilment() { return shop.fulfilment(); }
    /** One batch of the invite dispatcher (RESERVED → INVITED). */
    public DispatchInvitationsUseCase dispatcher() { return pool.dispatcher(); }
    /** The acceptance sync of teams. */
    public SyncTeamsUseCase acceptanceSync() { return pool.sync(); }
    /** The waiting-queue promoter. */
    public PromoteWaitingUseCase queuePromoter() { return pool.promoter(); }
    /** The background lifecycle steps (timeout, expiry, rebind settlement, resumption). */
    public MemberLifecycleJobsUseCase lifecycle() { return membership.lifecycle(); }
    /** Staff accounts (operators, temporary passwords), for an admin. */
    public StaffAccountsUseCase staffAccounts() { return staff.accounts(); }
    /** The audit log's read side. */
    public AuditTrailQueries auditTrail() { return staff.audit(); }
    /** The platform's trend and its own codes, for staff. */
    public PlatformQueries platformQueries() { return staff.platform(); }
    /** What the staff overview warns about. */
    public PlatformAlertsQuery platformAlerts() { return staff.alerts(); }
    /** Team groups and team deletion. */
    public TeamPoolUseCase teamPool() { return staff.teamPool(); }
    /** Invitations found by e-mail, code or team, for staff. */
    public InvitationSearchQuery invitationSearch() { return staff.invitations(); }
    /** The customers' opt-outs, for an admin. */
    public OptOutQueries optOuts() { return staff.optOuts(); }
    /** Exports of a distributor's lists as CSV, and their signed links (ADR 35). */
    public ExportUseCase exports() { return exports.exports(); }
    /** A distributor's tags and notes on its customers (ADR 36). */
    public CustomerRelationsUseCase crm() { return crm.crm(); }
    /** Statements and ledger (ADR 37). */
    public SettlementQueries settlementQueries() { return settlement.queries(); }
    /** Staff's side of settlement, and the monthly statements job by hand. */
    public ManageSettlementUseCase settlement() { return settlement.manage(); }
    /** A distributor's brand profile and links (ADR 47). */
    public BrandProfileUseCase brandProfiles() { return brands.brands(); }
    /** A distributor's public brand, by slug or verified custom host, for the customers' pages. */
    public PublicBrandQueries publicBrands() { return brands.brands(); }
    /** The custom hosts distributors asked for, and their verification by an admin. */
    public CustomHostsUseCase customHosts() { return brands.brands(); }
    /** The platform's site and terms (name, logo, support contact, announcement, default price, payment window; ADR 51). */
    public PlatformSiteUseCase site() { return brands.site(); }
    public TeamProvider teamProvider() { return adapters.provider(); }
    /** One runner per job across instances (what the builder was given, else this process). */
    public JobLeases jobLeases() { return adapters.jobLeases(); }
    /** The settings in force. */
    public Settings settings() { return settings; }
    /** How often this instance ran the statistics upkeep on its own thread (0 unless {@link #startWorkers()}). */
    public synchronized long maintenanceRuns() { return maintenance == null ? 0 : maintenance.runs(); }
    /** True when a trivial query answers. */
    public boolean databaseHealthy() { return adapters.persistence().isHealthy(); }

    /** Stops the workers this instance started; the caller's DataSource stays open. */
    @Override
    public synchronized void close() {
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
