package io.invitehub.adapter.in.http;

import io.invitehub.application.accounts.port.in.StaffAccountsUseCase;
import io.invitehub.application.alerts.port.in.PlatformAlertsQuery;
import io.invitehub.application.audit.port.in.AuditTrailQueries;
import io.invitehub.application.distributors.port.in.PlatformQueries;
import io.invitehub.application.membership.port.in.InvitationSearchQuery;
import io.invitehub.application.recipients.port.in.OptOutQueries;
import io.invitehub.application.teams.port.in.TeamPoolUseCase;

import java.util.Objects;

/** The use cases the staff console added to the API (issue 14): accounts, audit log, platform reads, team pool, searches. */
public record StaffPorts(StaffAccountsUseCase accounts, AuditTrailQueries audit, PlatformQueries platform, PlatformAlertsQuery alerts,
                         TeamPoolUseCase teamPool, InvitationSearchQuery invitations, OptOutQueries optOuts) {
    public StaffPorts {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(teamPool, "teamPool");
        Objects.requireNonNull(invitations, "invitations");
        Objects.requireNonNull(optOuts, "optOuts");
    }
}
