package io.invitehub.application.teams.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.application.teams.port.in.ReplaceTeamCredentialsCommand;
import io.invitehub.application.teams.port.in.UpdateTeamCommand;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamStatus;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeamAdminServiceTest {
    private final Fixture f = new Fixture();
    private final io.invitehub.application.fakes.ScriptedTeamProvider provider = new io.invitehub.application.fakes.ScriptedTeamProvider();
    private final TeamAdminService admin = new TeamAdminService(f.storage.transactions(), f.storage.teams(), provider,
            f.storage.auditLog(), f.wakeUps, f.clock);

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

    private Team update(Team team, TeamChanges changes) {
        return admin.updateTeam(new UpdateTeamCommand(Fixture.STAFF, team.id(), changes));
    }

    private static TeamChanges seats(int maxSeats) {
        return new TeamChanges(Optional.empty(), Optional.of(maxSeats), Optional.empty(), false, Optional.empty());
    }

    @Test
    void updateChangesTheTeamAuditsItAndWakesThePromoterWhenSeatsMayFree() {
        TeamGroupId gold = admin.createGroup(Fixture.STAFF, "gold");
        Team team = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "token", 2, Optional.empty()));
        long signals = f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION);

        Team renamed = update(team, new TeamChanges(Optional.of(" Azure "), Optional.empty(), Optional.empty(), false, Optional.empty()));
        assertThat(renamed.name()).isEqualTo("Azure");
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isEqualTo(signals); // a new name frees nothing

        Team changed = update(team, new TeamChanges(Optional.empty(), Optional.of(5), Optional.of(TeamStatus.PAUSED), true, Optional.of(gold)));
        assertThat(changed.maxSeats()).isEqualTo(5);
        assertThat(changed.status()).isEqualTo(TeamStatus.PAUSED);
        assertThat(changed.group()).contains(gold);
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isEqualTo(signals + 1);

        update(team, new TeamChanges(Optional.empty(), Optional.empty(), Optional.of(TeamStatus.ACTIVE), false, Optional.empty()));
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isEqualTo(signals + 2);
        update(team, seats(3));
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isEqualTo(signals + 2); // fewer seats free nothing

        assertThat(f.storage.auditLog().latest(10)).extracting(AuditEntry::action, AuditEntry::details).contains(
                org.assertj.core.groups.Tuple.tuple("TEAM_UPDATE", Optional.of("name=Azure")),
                org.assertj.core.groups.Tuple.tuple("TEAM_UPDATE", Optional.of("max_seats=5, status=PAUSED, group_id=" + gold.value())),
                org.assertj.core.groups.Tuple.tuple("TEAM_UPDATE", Optional.of("max_seats=3")));
    }

    @Test
    void maxSeatsBelowTheSeatsInUseIsAConflictThatChangesNothing() {
        Team team = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "token", 3, Optional.empty()));
        f.storage.transactions().inTransaction(() -> {
            f.storage.teams().reserveSeat(Optional.empty(), io.invitehub.domain.team.AllocationPolicy.FILL_FIRST);
            f.storage.teams().reserveSeat(Optional.empty(), io.invitehub.domain.team.AllocationPolicy.FILL_FIRST);
        });
        int audited = f.storage.auditLog().latest(100).size();

        assertThatThrownBy(() -> update(team, new TeamChanges(Optional.of("Other"), Optional.of(1), Optional.empty(), false, Optional.empty())))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("max_seats 1 is below the 2 seats in use in team " + team.id().value()
                            + " (2 held by invitations, 0 external members)");
                });
        assertThat(f.reload(team).name()).isEqualTo("Blue");
        assertThat(f.reload(team).maxSeats()).isEqualTo(3);
        assertThat(f.storage.auditLog().latest(100)).hasSize(audited);
        assertThat(update(team, seats(2)).maxSeats()).isEqualTo(2);
    }

    @Test
    void updateRefusesUnknownTeamsGroupsAndNonStaff() {
        Team team = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "token", 3, Optional.empty()));
        assertThatThrownBy(() -> admin.updateTeam(new UpdateTeamCommand(Fixture.STAFF, new io.invitehub.domain.team.TeamId(999), seats(4))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> update(team, new TeamChanges(Optional.empty(), Optional.empty(), Optional.empty(), true,
                Optional.of(new TeamGroupId(999)))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        Actor distributor = Actor.of(new UserId(5), Role.DISTRIBUTOR);
        assertThatThrownBy(() -> admin.updateTeam(new UpdateTeamCommand(distributor, team.id(), seats(4))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> admin.externalMembers(distributor, team.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(f.reload(team).maxSeats()).isEqualTo(3);
    }

    @Test
    void externalMembersComeWithTheTeamsSyncState() {
        Team team = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "token", 3, Optional.empty()));
        f.storage.transactions().inTransaction(() -> f.storage.teams().recordSync(team.id(), java.util.List.of(
                new io.invitehub.application.shared.port.out.ProviderMember("u1", io.invitehub.domain.shared.Email.of("owner@host.com"), "owner", null)),
                f.clock.instant(), f.clock.instant().plusSeconds(180)));

        var view = admin.externalMembers(Fixture.STAFF, team.id());

        assertThat(view.team().externalSeats()).isEqualTo(1);
        assertThat(view.team().sync().lastSynced()).contains(f.clock.instant());
        assertThat(view.members()).singleElement().satisfies(m -> {
            assertThat(m.email().value()).isEqualTo("owner@host.com");
            assertThat(m.role()).contains("owner");
            assertThat(m.joinedAt()).isEmpty();
        });
        assertThatThrownBy(() -> admin.externalMembers(Fixture.STAFF, new io.invitehub.domain.team.TeamId(999)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void creationVerifiesTheCredentialsAfterItsCommitAndOnlyThenMakesTheTeamActive() {
        int committed = f.storage.committedTransactions();
        Team team = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "token", 5, Optional.empty()));

        assertThat(provider.verifications()).containsExactly(new TeamAccount(team.id(), "acc-1", "token"));
        assertThat(team.status()).isEqualTo(TeamStatus.ACTIVE);
        assertThat(f.storage.committedTransactions() - committed).as("create, then activate").isEqualTo(2);
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isEqualTo(1);
    }

    @Test
    void aTeamWhoseCredentialsTheProviderRefusesIsCreatedTokenInvalidAndTakesNoSeats() {
        provider.failVerify(new TeamProviderException(ProviderError.TOKEN_INVALID, "401"));

        Team team = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "bad-token", 5, Optional.empty()));

        assertThat(team.status()).isEqualTo(TeamStatus.TOKEN_INVALID);
        assertThat(f.storage.teams().reserveSeat(Optional.empty(), io.invitehub.domain.team.AllocationPolicy.FILL_FIRST)).isEmpty();
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isZero();
        assertThat(f.storage.auditLog().latest(1)).extracting(AuditEntry::action, AuditEntry::details)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TEAM_CREDENTIALS_REFUSED",
                        Optional.of("at creation, provider answered TOKEN_INVALID")));

        provider.failVerify(new TeamProviderException(ProviderError.BANNED, "deactivated"));
        Team banned = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Red", "acc-2", "token", 5, Optional.empty()));
        assertThat(banned.status()).isEqualTo(TeamStatus.BANNED);
        provider.failVerify(new TeamProviderException(ProviderError.TRANSIENT, "503"));
        Team unchecked = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Green", "acc-3", "token", 5, Optional.empty()));
        assertThat(unchecked.status()).as("not verified is not usable").isEqualTo(TeamStatus.TOKEN_INVALID);
        assertThatThrownBy(() -> admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Grey", "acc-4", "x".repeat(16_385), 5,
                Optional.empty()))).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(admin.listTeams()).hasSize(3);
        // no credentials at all: the provider decides (the simulated one needs none)
        provider.failVerify(null);
        assertThat(admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "White", "acc-5", null, 5, Optional.empty())).status())
                .isEqualTo(TeamStatus.ACTIVE);
    }

    @Test
    void newCredentialsAreVerifiedStoredAndBringATokenInvalidTeamBackToActive() {
        Team team = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "old-token", 5, Optional.empty()));
        f.storage.teams().setStatus(team.id(), TeamStatus.TOKEN_INVALID);
        long wakeUps = f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION);

        Team after = admin.replaceCredentials(new ReplaceTeamCredentialsCommand(Fixture.STAFF, team.id(), "new-token"));

        assertThat(after.status()).isEqualTo(TeamStatus.ACTIVE);
        assertThat(provider.verifications()).last().isEqualTo(new TeamAccount(team.id(), "acc-1", "new-token"));
        assertThat(f.storage.teams().account(team.id())).contains(new TeamAccount(team.id(), "acc-1", "new-token"));
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isEqualTo(wakeUps + 1);
        AuditEntry entry = f.storage.auditLog().latest(1).get(0);
        assertThat(entry.action()).isEqualTo("TEAM_CREDENTIALS");
        assertThat(entry.details()).contains("credentials replaced (verified by the provider); status TOKEN_INVALID -> ACTIVE");
        assertThat(entry.toString()).doesNotContain("new-token");

        // a PAUSED team keeps its status: new credentials do not undo a staff decision
        f.storage.teams().setStatus(team.id(), TeamStatus.PAUSED);
        assertThat(admin.replaceCredentials(new ReplaceTeamCredentialsCommand(Fixture.STAFF, team.id(), "third")).status())
                .isEqualTo(TeamStatus.PAUSED);
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isEqualTo(wakeUps + 1);
    }

    @Test
    void credentialsTheProviderRefusesOrCannotCheckChangeNothing() {
        Team team = admin.createTeam(new CreateTeamCommand(Fixture.STAFF, "Blue", "acc-1", "old-token", 5, Optional.empty()));
        f.storage.teams().setStatus(team.id(), TeamStatus.TOKEN_INVALID);
        int audited = f.storage.auditLog().latest(100).size();

        provider.failVerify(new TeamProviderException(ProviderError.TOKEN_INVALID, "401"));
        assertThatThrownBy(() -> admin.replaceCredentials(new ReplaceTeamCredentialsCommand(Fixture.STAFF, team.id(), "wrong")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_REJECTED);
                    assertThat(e.getMessage()).contains("acc-1").contains("TOKEN_INVALID").doesNotContain("wrong");
                });
        provider.failVerify(new TeamProviderException(ProviderError.RATE_LIMITED, "429"));
        assertThatThrownBy(() -> admin.replaceCredentials(new ReplaceTeamCredentialsCommand(Fixture.STAFF, team.id(), "maybe")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_FAILED));

        assertThat(f.storage.teams().account(team.id())).contains(new TeamAccount(team.id(), "acc-1", "old-token"));
        assertThat(f.storage.teams().findById(team.id()).orElseThrow().status()).isEqualTo(TeamStatus.TOKEN_INVALID);
        assertThat(f.storage.auditLog().latest(100)).hasSize(audited);

        provider.failVerify(null);
        int verifications = provider.verifications().size();
        assertThatThrownBy(() -> admin.replaceCredentials(new ReplaceTeamCredentialsCommand(
                Actor.of(new UserId(1), Role.DISTRIBUTOR), team.id(), "x")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> admin.replaceCredentials(new ReplaceTeamCredentialsCommand(Fixture.STAFF,
                new io.invitehub.domain.team.TeamId(999), "x")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> admin.replaceCredentials(new ReplaceTeamCredentialsCommand(Fixture.STAFF, team.id(), "")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(provider.verifications()).hasSize(verifications);
        assertThat(new ReplaceTeamCredentialsCommand(Fixture.STAFF, team.id(), "s3cret").toString()).doesNotContain("s3cret");
    }
}
