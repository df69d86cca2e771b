package io.invitehub.adapter.in.http;

import io.invitehub.application.accounts.port.in.StaffAccountsUseCase;
import io.invitehub.application.accounts.port.in.TemporaryPassword;
import io.invitehub.application.accounts.view.StaffAccount;
import io.invitehub.application.alerts.port.in.PlatformAlertsQuery;
import io.invitehub.application.alerts.view.PlatformAlerts;
import io.invitehub.application.audit.port.in.AuditTrailQueries;
import io.invitehub.application.audit.view.AuditFilter;
import io.invitehub.application.audit.view.AuditRecord;
import io.invitehub.application.distributors.port.in.PlatformQueries;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.PlatformTrend;
import io.invitehub.application.membership.port.in.InvitationSearchQuery;
import io.invitehub.application.membership.view.StaffInvitation;
import io.invitehub.application.recipients.port.in.OptOutQueries;
import io.invitehub.application.recipients.view.OptOutEntry;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.teams.port.in.TeamPoolUseCase;
import io.invitehub.application.teams.view.TeamGroupView;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The staff console's in-ports (issue 14) in memory: empty answers, an account echoed back; the real ones are tested in bootstrap. */
final class StaffFakes implements StaffAccountsUseCase, AuditTrailQueries, PlatformQueries, PlatformAlertsQuery, TeamPoolUseCase,
        InvitationSearchQuery, OptOutQueries {

    StaffPorts ports() {
        return new StaffPorts(this, this, this, this, this, this, this);
    }

    private static <T> Page<T> empty() {
        return new Page<>(List.of(), Optional.empty());
    }

    private static StaffAccount account(UserId id, String username) {
        return new StaffAccount(id, username, Optional.empty(), Role.OPERATOR, Optional.empty(), true, InPortFakes.NOW);
    }

    @Override public Page<StaffAccount> staff(Actor actor, PageRequest page) { return empty(); }
    @Override public TemporaryPassword createOperator(Actor actor, String username, Optional<String> email) {
        return new TemporaryPassword(account(new UserId(99), username), "temp-pass-word");
    }
    @Override public StaffAccount disable(Actor actor, UserId id) { return account(id, "operator"); }
    @Override public StaffAccount enable(Actor actor, UserId id) { return account(id, "operator"); }
    @Override public TemporaryPassword resetPassword(Actor actor, UserId id) { return new TemporaryPassword(account(id, "operator"), "temp"); }
    @Override public Page<AuditRecord> entries(Actor actor, AuditFilter filter, PageRequest page) { return empty(); }
    @Override public PlatformTrend trend(UserId caller, int days) { return new PlatformTrend(ZoneId.of("Asia/Shanghai"), List.of()); }
    @Override public Page<CodeView> platformCodes(UserId caller, CodeFilter filter, PageRequest page) { return empty(); }
    @Override public PlatformAlerts alerts(Actor actor) { return new PlatformAlerts(0, Optional.empty(), 0, 0, 0, 0, 0, 0); }
    @Override public List<TeamGroupView> groups(Actor actor) { return List.of(); }
    @Override public void deleteTeam(Actor actor, TeamId team) { }
    @Override public Page<StaffInvitation> search(Actor actor, String query, PageRequest page) { return empty(); }
    @Override public Page<OptOutEntry> optOuts(Actor admin, Optional<Email> email, PageRequest page) { return empty(); }
}
