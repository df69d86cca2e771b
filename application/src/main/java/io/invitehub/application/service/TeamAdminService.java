package io.invitehub.application.service;

import io.invitehub.application.port.in.CreateTeamCommand;
import io.invitehub.application.port.in.ManageTeamsUseCase;
import io.invitehub.application.port.out.AuditEntry;
import io.invitehub.application.port.out.AuditLog;
import io.invitehub.application.port.out.NewTeam;
import io.invitehub.application.port.out.Teams;
import io.invitehub.application.port.out.TransactionRunner;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;

import java.time.Clock;

import java.util.List;

public final class TeamAdminService implements ManageTeamsUseCase {
    private final TransactionRunner transactions;
    private final Teams teams;
    private final AuditLog audit;
    private final Clock clock;

    public TeamAdminService(TransactionRunner transactions, Teams teams, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Team createTeam(CreateTeamCommand command) {
        requireStaff(command.actor());
        String name = Team.validateNew(command.name(), command.providerAccountId(), command.maxSeats());
        return transactions.inTransaction(() -> {
            command.group().ifPresent(this::requireGroup);
            Team team = teams.create(new NewTeam(name, command.providerAccountId().strip(), command.credentials(),
                    command.maxSeats(), command.group()));
            audit.record(AuditEntry.of(command.actor(), "TEAM_CREATE", "TEAM", team.id().value(),
                    "name=" + name + ", max_seats=" + command.maxSeats(), clock.instant()));
            return team;
        });
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
