package io.invitehub.application.service;

import io.invitehub.application.port.in.CreateTeamCommand;
import io.invitehub.application.port.out.AuditEntry;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamStatus;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeamAdminServiceTest {
    private final Fixture f = new Fixture();
    private final TeamAdminService admin = new TeamAdminService(f.storage.transactions(), f.storage.teams(), f.storage.auditLog(), f.clock);

    @Test
    void createsAnActiveTeamWithStrippedFields() {
        TeamGroupId gold = admin.createGroup(Fixture.STAFF, "  gold ");

        Team team = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "  Blue  ", " acc-1 ", "token", 5, Optional.of(gold)));

        assertThat(team.name()).isEqualTo("Blue");
        assertThat(team.providerAccountId()).isEqualTo("acc-1");
        assertThat(team.maxSeats()).isEqualTo(5);
        assertThat(team.group()).contains(gold);
        assertThat(team.status()).isEqualTo(TeamStatus.ACTIVE);
        assertThat(team.seatsInUse()).isZero();
        assertThat(f.storage.teams().account(team.id())).contains(new TeamAccount(team.id(), "acc-1", "token"));
        assertThat(f.storage.teams().groupExists(gold)).isTrue();
        assertThat(f.storage.auditLog().latest(10)).extracting(AuditEntry::action, AuditEntry::targetType, AuditEntry::targetId,
                AuditEntry::details).containsExactly(
                org.assertj.core.groups.Tuple.tuple("TEAM_CREATE", "TEAM", Long.toString(team.id().value()), Optional.of("name=Blue, max_seats=5")),
                org.assertj.core.groups.Tuple.tuple("TEAM_GROUP_CREATE", "TEAM_GROUP", Long.toString(gold.value()), Optional.of("name=gold")));
    }

    @Test
    void aDistributorMayNotCreateTeamsAndNothingIsWritten() {
        Actor distributor = Actor.of(new UserId(9), Role.DISTRIBUTOR);

        assertThatThrownBy(() -> admin.createTeam(new CreateTeamCommand(distributor, "Blue", "acc-1", "t", 5, Optional.empty())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(admin.listTeams()).isEmpty();
        assertThat(f.storage.auditLog().latest(10)).isEmpty();
    }

    @Test
    void refusesAnUnknownGroup() {
        assertThatThrownBy(() -> admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "token", 5, Optional.of(new TeamGroupId(4242)))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("team group 4242 does not exist");
                });
        assertThat(admin.listTeams()).isEmpty();
    }

    @Test
    void validatesTheTeam() {
        assertThatThrownBy(() -> admin.createTeam(new CreateTeamCommand(Fixture.STAFF, " ", "acc-1", "t", 5, Optional.empty())))
                .isInstanceOf(MalformedInputException.class).hasMessage("name is required");
        assertThatThrownBy(() -> admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "t", 0, Optional.empty())))
                .isInstanceOf(MalformedInputException.class).hasMessage("max_seats must be between 1 and 100000");
        assertThatThrownBy(() -> admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", null, "t", 5, Optional.empty())))
                .isInstanceOf(MalformedInputException.class).hasMessage("provider_account_id is required");
        assertThat(admin.listTeams()).isEmpty();
    }

    @Test
    void validatesTheGroupName() {
        String rule = "group name is required (at most 120 characters)";
        assertThatThrownBy(() -> admin.createGroup(Fixture.STAFF, null)).isInstanceOf(MalformedInputException.class).hasMessage(rule);
        assertThatThrownBy(() -> admin.createGroup(Fixture.STAFF, "  ")).isInstanceOf(MalformedInputException.class).hasMessage(rule);
        assertThatThrownBy(() -> admin.createGroup(Fixture.STAFF, "g".repeat(121))).isInstanceOf(MalformedInputException.class).hasMessage(rule);
        assertThat(f.storage.teams().groupExists(admin.createGroup(Fixture.STAFF, "g".repeat(120)))).isTrue();
    }

    @Test
    void listsEveryTeam() {
        Team blue = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "t", 5, Optional.empty()));
        Team red = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Red", "acc-2", "t", 3, Optional.empty()));

        assertThat(admin.listTeams()).extracting(Team::id, Team::name)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(blue.id(), "Blue"),
                        org.assertj.core.groups.Tuple.tuple(red.id(), "Red"));
    }

    @Test
    void credentialsNeverShowInTheCommand() {
        assertThat(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "s3cret", 5, Optional.empty()).toString())
                .isEqualTo("CreateTeamCommand[Actor[system], Blue, acc-1, maxSeats=5, credentials=***]");
    }
}
