package io.invitehub.application.service;

import io.invitehub.application.port.in.CreateTeamCommand;
import io.invitehub.application.port.in.ManageTeamsUseCase;
import io.invitehub.application.port.in.TeamExternalMembers;
import io.invitehub.application.port.in.UpdateTeamCommand;
import io.invitehub.application.port.out.AuditEntry;
import io.invitehub.application.port.out.AuditLog;
import io.invitehub.application.port.out.NewTeam;
import io.invitehub.application.port.out.Teams;
import io.invitehub.application.port.out.TransactionRunner;
import io.invitehub.application.port.out.WakeUps;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;

import java.time.Clock;

import java.util.List;

public final class TeamAdminService implements ManageTeamsUseCase {
    private final TransactionRunner transactions;
    private final Teams teams;
    private final AuditLog audit;
    private final Clock clock;

    private final WakeUps wakeUps;

    public TeamAdminService(TransactionRunner transactions, Teams teams, AuditLog audit, WakeUps wakeUps, Clock clock) {
        this.transactions = transactions;
        this.teams = teams;
        this.audit = audit;
        this.wakeUps = wakeUps;
        this.clock = clock;
    }

    @Override
    public Team createTeam(CreateTeamCommand command) {
        requireStaff(command.actor());
        String name = Team.validateNew(command.name(), command.providerAccountId(), command.maxSeats());
        Team created = transactions.inTransaction(() -> {
            command.group().ifPresent(this::requireGroup);
            Team team = teams.create(new NewTeam(name, command.providerAccountId().strip(), command.credentials(),
                    command.maxSeats(), command.group()));
            audit.record(AuditEntry.of(command.actor(), "TEAM_CREATE", "TEAM", team.id().value(),
                    "name=" + name + ", max_seats=" + command.maxSeats(), clock.instant()));
            return team;
        });
        wakeUps.signal(WakeUps.Work.SEAT_PROMOTION); // new seats: waiting invitations may fit
        return created;
    }

    @Override
    public Team updateTeam(UpdateTeamCommand command) {
        requireStaff(command.actor());
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
        requireStaff(actor);
        Team found = teams.findById(team).orElseThrow(() -> teamNotFound(team));
        return new TeamExternalMembers(found, teams.externalMembers(team));
    }

    private static DomainException teamNotFound(TeamId team) {
        return new DomainException(ErrorCode.NOT_FOUND, "team " + team.value() + " does not exist");
    }

    @Override
    public TeamGroupId createGroup(Actor actor, String name) {
        requireStaff(actor);
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

    static void requireStaff(Actor actor) {
        if (!actor.isAnyOf(Role.ADMIN, Role.OPERATOR)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only staff may do this.");
        }
    }

    private void requireGroup(TeamGroupId group) {
        if (!teams.groupExists(group)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "team group " + group.value() + " does not exist");
        }
    }
}
