package io.invitehub.adapter.out.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.invitehub.application.accounts.port.out.PasswordResets;
import io.invitehub.application.accounts.port.out.VerificationCodes;
import io.invitehub.application.crm.port.out.CustomerBook;
import io.invitehub.application.mail.port.out.MailQueue;
import io.invitehub.application.shared.port.out.MailOutbox;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.application.webhooks.port.out.WebhookDeliveries;
import io.invitehub.application.webhooks.port.out.WebhookEndpoints;
import io.invitehub.application.dispatch.port.out.DispatchOutbox;
import io.invitehub.application.settlement.port.out.Ledger;
import io.invitehub.application.exports.port.out.ExportRows;
import io.invitehub.application.distributors.port.out.DistributorRecords;
import io.invitehub.application.distributors.port.out.DistributorStatistics;
import io.invitehub.application.membership.port.out.Rebinds;
import io.invitehub.application.membership.port.out.RemovalClaims;
import io.invitehub.application.queue.port.out.WaitingQueue;
import io.invitehub.application.recipients.port.out.Recipients;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.CodeUses;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.idempotency.port.out.IdempotencyKeys;
import io.invitehub.application.shop.port.out.OrderCodes;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.brands.port.out.Brands;
import io.invitehub.application.site.port.out.PlatformSettings;
import io.invitehub.application.shop.port.out.Plans;
import io.invitehub.application.sync.port.out.SyncSchedule;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

import javax.sql.DataSource;

/**
 * The PostgreSQL side of InviteHub: a HikariCP pool, Flyway migrations, and one {@link DSLContext}
 * with jOOQ's thread-bound transactions, so every repository called inside
 * {@link TransactionRunner#inTransaction} joins the same transaction.
 */
public final class JooqPersistence implements AutoCloseable {
    private final DataSource dataSource;
    /** The pool this persistence opened and closes; empty over a caller's DataSource (it stays the caller's to close). */
    private final java.util.Optional<HikariDataSource> ownPool;
    private final DSLContext dsl;
    private final JooqTransactionRunner transactions;
    private final JooqRedeemCodes codes;
    private final JooqInvitations invitations;
    private final JooqTeams teams;
    private final JooqSeats seats;
    private final JooqSyncSchedule syncSchedule;
    private final JooqCodeUses codeUses;
    private final JooqWaitingQueue waitingQueue;
    private final JooqDispatchOutbox dispatchOutbox;
    private final JooqRemovalClaims removalClaims;
    private final JooqRebinds rebinds;
    private final JooqUsers users;
    private final JooqAuditLog audit;
    private final JooqVerificationCodes verificationCodes;
    private final JooqDistributorStatistics statistics;
    private final JooqDistributorRecords records;
    private final JooqRecipients recipients;
    private final JooqPlans plans;
    private final JooqOrders orders;
    private final JooqPaymentAlerts paymentAlerts;
    private final JooqExportRows exportRows;
    private final JooqCustomerBook customerBook;
    private final JooqLedger ledger;
    private final JooqStatements statements;
    private final JooqBrands brands;
    private final JooqPlatformSettings platformSettings;
    private final JooqMailOutbox mailOutbox;
    private final JooqPasswordResets passwordResets;
    private final JooqWebhookEvents webhookEvents;
    private final JooqWebhookEndpoints webhookEndpoints;
    private final JooqWebhookDeliveries webhookDeliveries;
    private final JooqOrderCodes orderCodes;
    private final JooqIdempotencyKeys idempotencyKeys;

    private final JooqOperationalFigures operationalFigures;

    private final SecretBox secrets;

    private JooqPersistence(DataSource dataSource, java.util.Optional<HikariDataSource> ownPool, SecretKeys keys) {
        this.dataSource = dataSource;
        this.ownPool = ownPool;
        this.secrets = new SecretBox(keys);
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(SQLDialect.POSTGRES);
        configuration.set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource)));
        configuration.settings().withExecuteLogging(false).withRenderSchema(false);
        this.dsl = DSL.using(configuration);
        this.transactions = new JooqTransactionRunner(dsl);
        this.codes = new JooqRedeemCodes(dsl);
        this.invitations = new JooqInvitations(dsl);
        this.teams = new JooqTeams(dsl, secrets);
        this.seats = new JooqSeats(dsl);
        this.syncSchedule = new JooqSyncSchedule(dsl);
        this.codeUses = new JooqCodeUses(dsl);
        this.waitingQueue = new JooqWaitingQueue(dsl);
        this.dispatchOutbox = new JooqDispatchOutbox(dsl);
        this.removalClaims = new JooqRemovalClaims(dsl);
        this.rebinds = new JooqRebinds(dsl);
        this.users = new JooqUsers(dsl);
        this.audit = new JooqAuditLog(dsl);
        this.verificationCodes = new JooqVerificationCodes(dsl);
        this.statistics = new JooqDistributorStatistics(dsl);
        this.records = new JooqDistributorRecords(dsl);
        this.recipients = new JooqRecipients(dsl);
        this.plans = new JooqPlans(dsl);
        this.orders = new JooqOrders(dsl);
        this.paymentAlerts = new JooqPaymentAlerts(dsl);
        this.exportRows = new JooqExportRows(dsl);
        this.customerBook = new JooqCustomerBook(dsl);
        this.ledger = new JooqLedger(dsl);
        this.statements = new JooqStatements(dsl);
        this.brands = new JooqBrands(dsl);
        this.platformSettings = new JooqPlatformSettings(dsl);
        this.mailOutbox = new JooqMailOutbox(dsl, secrets);
        this.passwordResets = new JooqPasswordResets(dsl);
        this.webhookEvents = new JooqWebhookEvents(dsl);
        this.webhookEndpoints = new JooqWebhookEndpoints(dsl, secrets);
        this.webhookDeliveries = new JooqWebhookDeliveries(dsl, secrets);
        this.orderCodes = new JooqOrderCodes(dsl);
        this.idempotencyKeys = new JooqIdempotencyKeys(dsl);
        this.operationalFigures = new JooqOperationalFigures(dsl);
    }

    /**
     * Opens the pool; does not migrate (see {@link #migrate()}). {@code secrets} seal and open team
     * credentials at this boundary (ADR 16).
     */
    public static JooqPersistence connect(PersistenceSettings settings, SecretKeys secrets) {
        java.util.Objects.requireNonNull(secrets, "secrets");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setPoolName("invitehub");
        config.setAutoCommit(true);
        // the conditional updates, SKIP LOCKED claims and the seat-reservation fallback are written
        // for READ COMMITTED; pin it so a server default of REPEATABLE READ cannot change them
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "invitehub");
        HikariDataSource pool = new HikariDataSource(config);
        return new JooqPersistence(pool, java.util.Optional.of(pool), secrets);
    }

    /**
     * Over a DataSource the caller owns (an embedding service's pool): every use case takes its connections
     * from it and runs its own transactions on them; {@link #close()} leaves it open. The statements are
     * written for READ COMMITTED (PostgreSQL's default): a DataSource that hands out connections at another
     * isolation level is refused here, before anything runs.
     */
    public static JooqPersistence over(DataSource dataSource, SecretKeys secrets) {
        java.util.Objects.requireNonNull(dataSource, "dataSource");
        java.util.Objects.requireNonNull(secrets, "secrets");
        try (java.sql.Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equals(product)) {
                throw new IllegalArgumentException("InviteHub needs PostgreSQL; this DataSource connects to " + product);
            }
            if (connection.getTransactionIsolation() != java.sql.Connection.TRANSACTION_READ_COMMITTED) {
                throw new IllegalArgumentException("InviteHub's statements are written for READ COMMITTED; this DataSource's "
                        + "connections use isolation level " + connection.getTransactionIsolation()
                        + " (java.sql.Connection constants): configure READ COMMITTED on the pool");
            }
            if (!connection.getAutoCommit()) {
                throw new IllegalArgumentException("InviteHub runs its own transactions and needs connections in auto-commit mode "
                        + "when they are handed out; this DataSource's are not");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL through the given DataSource: " + e.getMessage(), e);
        }
        return new JooqPersistence(dataSource, java.util.Optional.empty(), secrets);
    }

    /** The pool's numbers right now (connections in use, idle, waiting), when this persistence opened the pool itself. */
    public java.util.Optional<PoolStatistics> poolStatistics() {
        return ownPool.map(pool -> {
            com.zaxxer.hikari.HikariPoolMXBean bean = pool.getHikariPoolMXBean();
            return bean == null ? new PoolStatistics(0, 0, 0, 0, pool.getMaximumPoolSize())
                    : new PoolStatistics(bean.getActiveConnections(), bean.getIdleConnections(), bean.getThreadsAwaitingConnection(),
                    bean.getTotalConnections(), pool.getMaximumPoolSize());
        });
    }

    /** Connections of the pool: in use, idle, callers waiting for one, open in total, and the most it opens. */
    public record PoolStatistics(int active, int idle, int pending, int total, int max) {
    }

    /**
     * Applies pending Flyway migrations from {@code classpath:db/migration} (and the Java migration
     * that seals plaintext team credentials with this persistence's keys); returns how many ran.
     */
    public int migrate() {
        return migrate(dataSource, java.util.Optional.of(secrets));
    }

    /**
     * How many migrations of this build the database has not applied (0 when the schema is up to date);
     * throws when the database cannot be asked. For readiness probes.
     */
    public int pendingMigrations() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new SealPlaintextTeamCredentials(java.util.Optional.of(secrets)))
                .load().info().pending().length;
    }

    /** Migrates without a secrets key: fails (changing nothing) if plaintext team credentials need sealing. */
    public static int migrate(DataSource dataSource) {
        return migrate(dataSource, java.util.Optional.empty());
    }

    private static int migrate(DataSource dataSource, java.util.Optional<SecretBox> secrets) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new SealPlaintextTeamCredentials(secrets))
                .failOnMissingLocations(true)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /**
     * The start-up check of sealed secrets (ADR 16), in one transaction: re-seals values under a
     * previous key with the current one, puts teams whose credentials fail authentication in
     * TOKEN_INVALID (returned, to be reported), and throws {@link SecretBoxException} without
     * changing anything when a value names a key that is not configured (a wrong or missing key).
     */
    public SealedSecretsReport checkSealedSecrets() {
        return transactions.inTransaction(() -> {
            JooqTeams.SecretsCheck check = teams.checkSealedCredentials();
            // webhook secrets and unsent mail are sealed too (ADR 41, 42): under the current key after a rotation
            int more = SealedColumns.resealAll(dsl, secrets, "webhook_endpoints", "sealed_secret", JooqWebhookEndpoints.SECRET_PURPOSE)
                    + SealedColumns.resealAll(dsl, secrets, "mail_outbox", "sealed_values", JooqMailOutbox.PURPOSE);
            return new SealedSecretsReport(check.sealed(), check.resealed() + more, check.unreadable());
        });
    }

    /** What {@link #checkSealedSecrets()} found. */
    public record SealedSecretsReport(int sealed, int resealed, java.util.List<io.invitehub.domain.team.TeamId> unreadable) {
    }

    /** The sealing of secrets at this boundary (also for other sealed columns, e.g. payment keys). */
    SecretBox secrets() {
        return secrets;
    }

    /** True when a trivial query answers. */
    public boolean isHealthy() {
        try {
            return dsl.selectOne().fetchOne(0, Integer.class) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public TransactionRunner transactions() { return transactions; }
    public RedeemCodes codes() { return codes; }
    public CodeUses codeUses() { return codeUses; }
    public Invitations invitations() { return invitations; }
    public WaitingQueue waitingQueue() { return waitingQueue; }
    public DispatchOutbox dispatchOutbox() { return dispatchOutbox; }
    public RemovalClaims removalClaims() { return removalClaims; }
    public Rebinds rebinds() { return rebinds; }
    public Teams teams() { return teams; }
    public Seats seats() { return seats; }
    public SyncSchedule syncSchedule() { return syncSchedule; }
    public Users users() { return users; }
    public AuditLog audit() { return audit; }
    public VerificationCodes verificationCodes() { return verificationCodes; }
    public DistributorStatistics statistics() { return statistics; }
    public DistributorRecords records() { return records; }
    /** Anti-harassment facts: recent invitations per e-mail, removals, blocklist, opt-outs. */
    public Recipients recipients() { return recipients; }
    public Plans plans() { return plans; }
    public Orders orders() { return orders; }
    public PaymentAlerts paymentAlerts() { return paymentAlerts; }
    /** The rows of exports, streamed from a server-side cursor (ADR 35). */
    public ExportRows exportRows() { return exportRows; }
    /** CRM lite: tags, notes, a customer's invitations (ADR 36). */
    public CustomerBook customerBook() { return customerBook; }
    /** The settlement ledger and the monthly statements (ADR 37). */
    public Ledger ledger() { return ledger; }
    public io.invitehub.application.settlement.port.out.Statements statements() { return statements; }

    /** Keeps the platform's settlement price and currency (read by the charge trigger) equal to the configuration. */
    public void useSettlementDefaults(long defaultUnitPriceMinor, String currency) {
        ledger.useDefaults(defaultUnitPriceMinor, currency);
    }
    public Brands brands() { return brands; }
    public PlatformSettings platformSettings() { return platformSettings; }
    public OrderCodes orderCodes() { return orderCodes; }
    public IdempotencyKeys idempotencyKeys() { return idempotencyKeys; }
    /** The mail outbox (written by the features, ADR 41). */
    public MailOutbox mailOutbox() { return mailOutbox; }
    /** The mail workers' claims on the outbox. */
    public MailQueue mailQueue() { return mailOutbox; }
    public PasswordResets passwordResets() { return passwordResets; }
    /** The webhook outbox (written by the features, ADR 42). */
    public WebhookEvents webhookEvents() { return webhookEvents; }
    public WebhookEndpoints webhookEndpoints() { return webhookEndpoints; }
    public WebhookDeliveries webhookDeliveries() { return webhookDeliveries; }
    /** Queue lengths and ages, invitations by state: for the service's metrics (ADR 39). */
    public JooqOperationalFigures operationalFigures() { return operationalFigures; }

    // ---- the staff console's stores (issue 14): stateless over the shared connection ----------------
    public io.invitehub.application.accounts.port.out.StaffAccounts staffAccounts() { return new JooqStaffAccounts(dsl); }
    public io.invitehub.application.audit.port.out.AuditRecords auditRecords() { return new JooqAuditRecords(dsl); }
    public io.invitehub.application.distributors.port.out.PlatformRecords platformRecords() { return new JooqPlatformRecords(dsl); }
    public io.invitehub.application.teams.port.out.TeamPool teamPool() { return new JooqTeamPool(dsl); }
    public io.invitehub.application.membership.port.out.InvitationSearch invitationSearch() { return new JooqInvitationSearch(dsl); }
    public io.invitehub.application.recipients.port.out.OptOutRecords optOutRecords() { return new JooqOptOutRecords(dsl); }
    public io.invitehub.application.alerts.port.out.AlertCounts alertCounts() { return new JooqAlertCounts(dsl); }

    /** Transactions PostgreSQL aborted for conflicts (deadlocks, serialization failures) since start (ADR 28). */
    JooqTransactionRunner.Retries transactionRetries() {
        return transactions.retries();
    }

    /**
     * The shared connection with thread-bound transactions, for this module's own packages (its tests, the
     * reference importer of ADR 32); jOOQ never leaves the adapter (ArchUnit).
     */
    public DSLContext dsl() {
        return dsl;
    }

    @Override
    public void close() {
        ownPool.ifPresent(HikariDataSource::close);
    }
}
