package io.invitehub.adapter.out.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.invitehub.application.port.out.AuditLog;
import io.invitehub.application.port.out.DistributorRecords;
import io.invitehub.application.port.out.DistributorStatistics;
import io.invitehub.application.port.out.Invitations;
import io.invitehub.application.port.out.Orders;
import io.invitehub.application.port.out.PaymentAlerts;
import io.invitehub.application.port.out.Plans;
import io.invitehub.application.port.out.RedeemCodes;
import io.invitehub.application.port.out.Teams;
import io.invitehub.application.port.out.TransactionRunner;
import io.invitehub.application.port.out.Users;
import io.invitehub.application.port.out.VerificationCodes;
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
    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final JooqTransactionRunner transactions;
    private final JooqRedeemCodes codes;
    private final JooqInvitations invitations;
    private final JooqTeams teams;
    private final JooqUsers users;
    private final JooqAuditLog audit;
    private final JooqVerificationCodes verificationCodes;
    private final JooqDistributorStatistics statistics;
    private final JooqDistributorRecords records;
    private final JooqPlans plans;
    private final JooqOrders orders;
    private final JooqPaymentAlerts paymentAlerts;

    private JooqPersistence(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(SQLDialect.POSTGRES);
        configuration.set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource)));
        configuration.settings().withExecuteLogging(false).withRenderSchema(false);
        this.dsl = DSL.using(configuration);
        this.transactions = new JooqTransactionRunner(dsl);
        this.codes = new JooqRedeemCodes(dsl);
        this.invitations = new JooqInvitations(dsl);
        this.teams = new JooqTeams(dsl);
        this.users = new JooqUsers(dsl);
        this.audit = new JooqAuditLog(dsl);
        this.verificationCodes = new JooqVerificationCodes(dsl);
        this.statistics = new JooqDistributorStatistics(dsl);
        this.records = new JooqDistributorRecords(dsl);
        this.plans = new JooqPlans(dsl);
        this.orders = new JooqOrders(dsl);
        this.paymentAlerts = new JooqPaymentAlerts(dsl);
    }

    /** Opens the pool; does not migrate (see {@link #migrate()}). */
    public static JooqPersistence connect(PersistenceSettings settings) {
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
        return new JooqPersistence(new HikariDataSource(config));
    }

    /** Applies pending Flyway migrations from {@code classpath:db/migration}; returns how many ran. */
    public int migrate() {
        return migrate(dataSource);
    }

    public static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        return result.migrationsExecuted;
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
    public Invitations invitations() { return invitations; }
    public Teams teams() { return teams; }
    public Users users() { return users; }
    public AuditLog audit() { return audit; }
    public VerificationCodes verificationCodes() { return verificationCodes; }
    public DistributorStatistics statistics() { return statistics; }
    public DistributorRecords records() { return records; }
    public Plans plans() { return plans; }
    public Orders orders() { return orders; }
    public PaymentAlerts paymentAlerts() { return paymentAlerts; }

    /** For tests and benchmarks of this module only. */
    DSLContext dsl() {
        return dsl;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
