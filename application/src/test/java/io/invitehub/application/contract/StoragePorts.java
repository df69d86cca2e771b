package io.invitehub.application.contract;

import io.invitehub.application.accounts.port.out.VerificationCodes;
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
 * The storage ports that the repository contract tests exercise. The in-memory fakes and the jOOQ
 * adapter each provide one (fresh and empty for every test), so the fakes stay honest.
 */
public interface StoragePorts {
    TransactionRunner transactions();

    RedeemCodes codes();

    Invitations invitations();

    Teams teams();

    Users users();

    AuditLog auditLog();

    VerificationCodes verificationCodes();
    DistributorStatistics statistics();

    DistributorRecords records();

    Recipients recipients();
    Plans plans();

    Orders orders();

    PaymentAlerts paymentAlerts();
}
