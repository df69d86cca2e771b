package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.security.BcryptPasswordHasher;
import io.invitehub.adapter.out.security.SecureRandomTemporaryPasswords;
import io.invitehub.application.accounts.port.in.StaffAccountsUseCase;
import io.invitehub.application.accounts.service.StaffAccountsService;
import io.invitehub.application.alerts.port.in.PlatformAlertsQuery;
import io.invitehub.application.alerts.service.PlatformAlertsService;
import io.invitehub.application.audit.port.in.AuditTrailQueries;
import io.invitehub.application.audit.service.AuditTrailService;
import io.invitehub.application.distributors.port.in.PlatformQueries;
import io.invitehub.application.distributors.service.PlatformQueryService;
import io.invitehub.application.membership.port.in.InvitationSearchQuery;
import io.invitehub.application.membership.service.InvitationSearchService;
import io.invitehub.application.recipients.port.in.OptOutQueries;
import io.invitehub.application.recipients.service.OptOutQueryService;
import io.invitehub.application.teams.port.in.TeamPoolUseCase;
import io.invitehub.application.teams.service.TeamPoolService;
import io.invitehub.library.config.AccountsConfig;

/**
 * The use cases the staff console added (issue 14): staff accounts and temporary passwords, the audit log's read
 * side, the platform trend and codes, the overview's alerts, team groups and deletion, invitation search, opt-outs.
 */
public record StaffAssembly(StaffAccountsUseCase accounts, AuditTrailQueries audit, PlatformQueries platform,
                            PlatformAlertsQuery alerts, TeamPoolUseCase teamPool, InvitationSearchQuery invitations,
                            OptOutQueries optOuts) {

    public static StaffAssembly wire(Adapters a, AccountsConfig accounts) {
        JooqPersistence db = a.persistence();
        return new StaffAssembly(
                new StaffAccountsService(db.transactions(), db.staffAccounts(), new BcryptPasswordHasher(accounts.bcryptCost()),
                        new SecureRandomTemporaryPasswords(), db.audit(), a.clock()),
                new AuditTrailService(db.auditRecords()),
                new PlatformQueryService(db.platformRecords(), db.users(), a.clock()),
                new PlatformAlertsService(db.alertCounts()),
                new TeamPoolService(db.transactions(), db.teamPool(), db.audit(), a.clock()),
                new InvitationSearchService(db.invitationSearch()),
                new OptOutQueryService(db.optOutRecords()));
    }
}
