package io.invitehub.adapter.out.persistence;

import io.invitehub.application.accounts.port.out.VerificationCodes;
import io.invitehub.application.contract.StoragePorts;
import io.invitehub.application.distributors.port.out.DistributorRecords;
import io.invitehub.application.distributors.port.out.DistributorStatistics;
import io.invitehub.application.recipients.port.out.Recipients;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.shop.port.out.Plans;

/**
 * The jOOQ adapter as {@link StoragePorts} for the shared contract tests: one database per test JVM
 * for all contract classes, emptied before every test.
 */
final class JooqStorage implements StoragePorts {
    private static JooqPersistence shared;

    private final JooqPersistence persistence;

    private JooqStorage(JooqPersistence persistence) {
        this.persistence = persistence;
    }

    static synchronized JooqStorage empty() {
        if (shared == null) {
            shared = TestPostgres.freshPersistence();
        }
        shared.dsl().execute("truncate audit_log, email_verifications, blocked_recipients, invitation_opt_outs, payment_alerts, invitations, redeem_codes, orders, plans, teams, team_groups, users restart identity cascade");
        return new JooqStorage(shared);
    }

    /** Plain SQL for what no port offers yet (tests only). */
    void execute(String sql, Object... binds) {
        persistence.dsl().execute(sql, binds);
    }

    @Override public TransactionRunner transactions() { return persistence.transactions(); }
    @Override public RedeemCodes codes() { return persistence.codes(); }
    @Override public Invitations invitations() { return persistence.invitations(); }
    @Override public Teams teams() { return persistence.teams(); }
    @Override public Users users() { return persistence.users(); }
    @Override public AuditLog auditLog() { return persistence.audit(); }
    @Override public VerificationCodes verificationCodes() { return persistence.verificationCodes(); }
    @Override public DistributorStatistics statistics() { return persistence.statistics(); }
    @Override public DistributorRecords records() { return persistence.records(); }
    @Override public Recipients recipients() { return persistence.recipients(); }
    @Override public Plans plans() { return persistence.plans(); }
    @Override public Orders orders() { return persistence.orders(); }
    @Override public PaymentAlerts paymentAlerts() { return persistence.paymentAlerts(); }
}
