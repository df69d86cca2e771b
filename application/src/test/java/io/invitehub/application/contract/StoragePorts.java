package io.invitehub.application.contract;

import io.invitehub.application.accounts.port.out.VerificationCodes;
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
 * The storage ports that the repository contract tests exercise. The in-memory fakes and the jOOQ
 * adapter each provide one (fresh and empty for every test), so the fakes stay honest.
 */
public interface StoragePorts {
    TransactionRunner transactions();

    RedeemCodes codes();

    CodeUses codeUses();

    Invitations invitations();

    WaitingQueue waitingQueue();

    DispatchOutbox dispatchOutbox();

    RemovalClaims removalClaims();

    Rebinds rebinds();

    Teams teams();

    Seats seats();

    SyncSchedule syncSchedule();

    Users users();

    AuditLog auditLog();

    VerificationCodes verificationCodes();

    DistributorStatistics statistics();

    DistributorRecords records();

    Recipients recipients();

    Plans plans();

    Orders orders();

    PaymentAlerts paymentAlerts();

    Brands brands();

    PlatformSettings platformSettings();
}
