package io.invitehub.application.service;

import io.invitehub.application.port.in.CreateTeamCommand;
import io.invitehub.application.port.in.ManageTeamsUseCase;
import io.invitehub.application.port.out.NewTeam;
import io.invitehub.application.port.out.Teams;
import io.invitehub.application.port.out.TransactionRunner;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;

import java.util.List;

public final class TeamAdminService implements ManageTeamsUseCase {
    private final TransactionRunner transactions;
    private final Teams teams;

    public TeamAdminService(TransactionRunner transactions, Teams teams) {
        this.transactions = transactions;
        this.teams = teams;
    }

    @Override
    public Team createTeam(CreateTeamCommand command) {
        String name = Team.validateNew(command.name(), command.providerAccountId(), command.maxSeats());
        return transactions.inTransaction(() -> {
            command.group().ifPresent(this::requireGroup);
            return teams.create(new NewTeam(name, command.providerAccountId().strip(), command.credentials(),
                    command.maxSeats(), command.group()));
        });
    }

    @Override
    public TeamGroupId createGroup(String name) {
        if (name == null || name.isBlank() || name.strip().length() > Team.MAX_NAME_LENGTH) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "group name is required (at most " + Team.MAX_NAME_LENGTH + " characters)");
        }
        return transactions.inTransaction(() -> teams.createGroup(name.strip()));
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
