package io.invitehub.adapter.out.persistence;

import io.invitehub.application.accounts.port.out.VerificationCodes;
import io.invitehub.application.contract.StoragePorts;
import io.invitehub.application.dispatch.port.out.DispatchOutbox;
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
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.brands.port.out.Brands;
import io.invitehub.application.site.port.out.PlatformSettings;
import io.invitehub.application.shop.port.out.Plans;
import io.invitehub.application.sync.port.out.SyncSchedule;

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
        shared.dsl().execute("truncate platform_settings, distributor_brands, audit_log, email_verifications, blocked_recipients, invitation_opt_outs, payment_alerts, invitations, redeem_codes, orders, plans, teams, team_groups, users restart identity cascade");
        return new JooqStorage(shared);
    }

    /** Plain SQL for what no port offers yet (tests only). */
    void execute(String sql, Object... binds) {
        persistence.dsl().execute(sql, binds);
    }

    @Override public TransactionRunner transactions() { return persistence.transactions(); }
    @Override public RedeemCodes codes() { return persistence.codes(); }
    @Override public CodeUses codeUses() { return persistence.codeUses(); }
    @Override public Invitations invitations() { return persistence.invitations(); }
    @Override public WaitingQueue waitingQueue() { return persistence.waitingQueue(); }
    @Override public DispatchOutbox dispatchOutbox() { return persistence.dispatchOutbox(); }
    @Override public RemovalClaims removalClaims() { return persistence.removalClaims(); }
    @Override public Rebinds rebinds() { return persistence.rebinds(); }
    @Override public Teams teams() { return persistence.teams(); }
    @Override public Seats seats() { return persistence.seats(); }
    @Override public SyncSchedule syncSchedule() { return persistence.syncSchedule(); }
    @Override public Users users() { return persistence.users(); }
    @Override public AuditLog auditLog() { return persistence.audit(); }
    @Override public VerificationCodes verificationCodes() { return persistence.verificationCodes(); }
    @Override public DistributorStatistics statistics() { return persistence.statistics(); }
    @Override public DistributorRecords records() { return persistence.records(); }
    @Override public Recipients recipients() { return persistence.recipients(); }
    @Override public Plans plans() { return persistence.plans(); }
    @Override public Orders orders() { return persistence.orders(); }
    @Override public PaymentAlerts paymentAlerts() { return persistence.paymentAlerts(); }
    @Override public Brands brands() { return persistence.brands(); }
    @Override public PlatformSettings platformSettings() { return persistence.platformSettings(); }
}
