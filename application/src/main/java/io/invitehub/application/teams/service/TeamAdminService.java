package io.invitehub.application.teams.service;

import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.application.teams.port.in.ManageTeamsUseCase;
import io.invitehub.application.teams.port.in.ReplaceTeamCredentialsCommand;
import io.invitehub.application.teams.port.in.UpdateTeamCommand;
import io.invitehub.application.teams.view.TeamExternalMembers;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import io.invitehub.domain.user.Actor;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Staff administration of teams (issue 4): create (credentials verified after the commit, ADR 21),
 * change, replace credentials, groups, external members. Provider calls happen outside any transaction;
 * every change that may free seats wakes the waiting-queue promoter after its commit.
 */
public final class TeamAdminService implements ManageTeamsUseCase {
    /** Longer credentials are refused before the provider is asked (a workspace token is a few KiB at most). */
    static final int MAX_CREDENTIALS_LENGTH = 16_384;
    private static final Logger LOG = Logger.getLogger(TeamAdminService.class.getName());

    private final TransactionRunner transactions;
    private final Teams teams;
    private final TeamProvider provider;
    private final AuditLog audit;
    private final Clock clock;

    private final WakeUps wakeUps;

    public TeamAdminService(TransactionRunner transactions, Teams teams, TeamProvider provider, AuditLog audit, WakeUps wakeUps,
                            Clock clock) {
        this.transactions = transactions;
        this.teams = teams;
        this.provider = provider;
        this.audit = audit;
        this.wakeUps = wakeUps;
        this.clock = clock;
    }

    @Override
    public Team createTeam(CreateTeamCommand command) {
        command.actor().requireStaff();
        String name = Team.validateNew(command.name(), command.providerAccountId(), command.maxSeats());
        if (command.credentials() != null && command.credentials().length() > MAX_CREDENTIALS_LENGTH) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "credentials are at most " + MAX_CREDENTIALS_LENGTH + " characters");
        }
        Team created = transactions.inTransaction(() -> {
            command.group().ifPresent(this::requireGroup);
            Team team = teams.create(new NewTeam(name, command.providerAccountId().strip(), command.credentials(),
                    command.maxSeats(), command.group()));
            // not usable before the provider accepted its credentials: no seat is allocated in it meanwhile
            teams.setStatus(team.id(), TeamStatus.TOKEN_INVALID);
            audit.record(AuditEntry.of(command.actor(), "TEAM_CREATE", "TEAM", team.id().value(),
                    "name=" + name + ", max_seats=" + command.maxSeats(), clock.instant()));
            return team;
        });
        Optional<TeamProviderException> refused = verify(new TeamAccount(created.id(), created.providerAccountId(),
                command.credentials()));
        if (refused.isEmpty()) {
            Team active = transactions.inTransaction(() -> teams.storeVerifiedCredentials(created.id(), command.credentials()))
                    .orElseThrow(() -> teamNotFound(created.id()));
            wakeUps.signal(WakeUps.Work.SEAT_PROMOTION); // new seats: waiting invitations may fit
            return active;
        }
        ProviderError error = refused.get().error();
        LOG.warning(() -> "team " + created.id().value() + " created " + (error == ProviderError.BANNED ? "BANNED" : "TOKEN_INVALID")
                + ": the provider did not accept its credentials (" + error + ")");
        return transactions.inTransaction(() -> {
            if (error == ProviderError.BANNED) {
                teams.setStatus(created.id(), TeamStatus.BANNED);
            }
            audit.record(AuditEntry.of(command.actor(), "TEAM_CREDENTIALS_REFUSED", "TEAM", created.id().value(),
                    "at creation, provider answered " + error, clock.instant()));
            return teams.findById(created.id()).orElseThrow(() -> teamNotFound(created.id()));
        });
    }

    @Override
    public Team replaceCredentials(ReplaceTeamCredentialsCommand command) {
        command.actor().requireStaff();
        requireCredentials(command.credentials());
        Team before = teams.findById(command.team()).orElseThrow(() -> teamNotFound(command.team()));
        Optional<TeamProviderException> refused = verify(new TeamAccount(before.id(), before.providerAccountId(), command.credentials()));
        if (refused.isPresent()) {
            ProviderError error = refused.get().error();
            if (error.isRetryable()) {
                throw new DomainException(ErrorCode.PROVIDER_FAILED, "The team provider could not check the credentials ("
                        + error + "); nothing was changed, please try again later.");
            }
            throw new DomainException(ErrorCode.CREDENTIALS_REJECTED, "The team provider refused these credentials for workspace "
                    + before.providerAccountId() + " (" + error + "); nothing was changed.");
        }
        Team after = transactions.inTransaction(() -> {
            Team stored = teams.storeVerifiedCredentials(before.id(), command.credentials())
                    .orElseThrow(() -> teamNotFound(before.id()));
            audit.record(AuditEntry.of(command.actor(), "TEAM_CREDENTIALS", "TEAM", stored.id().value(),
                    "credentials replaced (verified by the provider); status " + before.status() + " -> " + stored.status(),
                    clock.instant()));
            return stored;
        });
        if (after.status() == TeamStatus.ACTIVE && before.status() != TeamStatus.ACTIVE) {
            wakeUps.signal(WakeUps.Work.SEAT_PROMOTION); // back to ACTIVE: its seats are free for the queue
        }
        return after;
    }

    /** Asks the provider, outside any transaction; empty when it accepted the credentials. */
    private Optional<TeamProviderException> verify(TeamAccount account) {
        try {
            provider.verify(account);
            return Optional.empty();
        } catch (TeamProviderException e) {
            return Optional.of(e);
        } catch (RuntimeException e) {
            LOG.warning(() -> "verifying the credentials of team " + account.teamId().value() + " failed unexpectedly: "
                    + e.getClass().getName());
            return Optional.of(new TeamProviderException(ProviderError.TRANSIENT, "unexpected provider failure", null, e));
        }
    }

    private static void requireCredentials(String credentials) {
        if (credentials == null || credentials.isBlank() || credentials.length() > MAX_CREDENTIALS_LENGTH) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED,
                    "credentials are required (at most " + MAX_CREDENTIALS_LENGTH + " characters)");
        }
    }

    @Override
    public Team updateTeam(UpdateTeamCommand command) {
        command.actor().requireStaff();
        TeamChanges changes = command.changes();
        Team[] before = new Team[1];
        Team updated = transactions.inTransaction(() -> {
            before[0] = teams.findById(command.team()).orElseThrow(() -> teamNotFound(command.team()));
            changes.group().ifPresent(this::requireGroup);
            Team team = teams.update(command.team(), changes).orElseThrow(() -> teamNotFound(command.team()));
            audit.record(AuditEntry.of(command.actor(), "TEAM_UPDATE", "TEAM", team.id().value(), changes.describe(), clock.instant()));
            return team;
        });
        if (changes.mayFreeSeats(before[0])) {
            wakeUps.signal(WakeUps.Work.SEAT_PROMOTION);
        }
        return updated;
    }

    @Override
    public TeamExternalMembers externalMembers(Actor actor, TeamId team) {
        actor.requireStaff();
        Team found = teams.findById(team).orElseThrow(() -> teamNotFound(team));
        return new TeamExternalMembers(found, teams.externalMembers(team));
    }

    private static DomainException teamNotFound(TeamId team) {
        return new DomainException(ErrorCode.NOT_FOUND, "team " + team.value() + " does not exist");
    }

    @Override
    public TeamGroupId createGroup(Actor actor, String name) {
        actor.requireStaff();
        if (name == null || name.isBlank() || name.strip().length() > Team.MAX_NAME_LENGTH) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "group name is required (at most " + Team.MAX_NAME_LENGTH + " characters)");
        }
        return transactions.inTransaction(() -> {
            TeamGroupId id = teams.createGroup(name.strip());
            audit.record(AuditEntry.of(actor, "TEAM_GROUP_CREATE", "TEAM_GROUP", id.value(), "name=" + name.strip(), clock.instant()));
            return id;
        });
    }

    @Override
    public List<Team> listTeams() {
        return teams.listAll();
    }


    private void requireGroup(TeamGroupId group) {
        if (!teams.groupExists(group)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "team group " + group.value() + " does not exist");
        }
    }
}
