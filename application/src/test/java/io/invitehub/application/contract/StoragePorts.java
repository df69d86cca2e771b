package io.invitehub.application.contract;

import io.invitehub.application.port.out.AuditLog;
import io.invitehub.application.port.out.DistributorRecords;
import io.invitehub.application.port.out.DistributorStatistics;
import io.invitehub.application.port.out.Invitations;
import io.invitehub.application.port.out.Orders;
import io.invitehub.application.port.out.PaymentAlerts;
import io.invitehub.application.port.out.Plans;
import io.invitehub.application.port.out.RedeemCodes;
import io.invitehub.application.port.out.Recipients;
import io.invitehub.application.port.out.Teams;
import io.invitehub.application.port.out.TransactionRunner;
import io.invitehub.application.port.out.Users;
import io.invitehub.application.port.out.VerificationCodes;

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
