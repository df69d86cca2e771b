package io.invitehub.application.sync.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.InMemoryJobLeases;
import io.invitehub.application.fakes.MemberListProvider;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.application.sync.port.in.SyncOutcome;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptanceSyncServiceTest {
    private static final Email ALICE = Email.of("alice@host.com");
    private static final Email BOB = Email.of("bob@host.com");
    /** Every 3 min; lease 1 min; pages of 2; retries after 15 s, 30 s, 60 s, ... capped at 3 min. */
    private static final SyncSettings SETTINGS = new SyncSettings(Duration.ofMinutes(3), Duration.ofMinutes(1), 2, Duration.ofSeconds(15));

    private final Fixture f = new Fixture();
    private final MemberListProvider provider = new MemberListProvider();
    private final InMemoryJobLeases leases = new InMemoryJobLeases(f.clock);
    private final AcceptanceSyncService sync = new AcceptanceSyncService(f.storage.transactions(), f.storage.teams(),
            f.storage.invitations(), f.storage.codes(), provider, leases, f.wakeUps, f.clock, SETTINGS);
    private final Team team = f.team("blue", 10);

    /** A redemption's invitation the dispatcher has sent: use taken, seat held, INVITED. */
    private Invitation invited(RedeemCode code, Email email) {
        return f.storage.transactions().inTransaction(() -> {
            f.storage.codes().takeUse(code.id());
            f.storage.codes().bindEmail(code.id(), email);
            var seat = f.storage.teams().reserveSeat(Optional.empty(), AllocationPolicy.FILL_FIRST).orElseThrow();
            Invitation inv = f.storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(seat.teamId()),
                    email, InvitationState.RESERVED, false, true, f.clock.instant()));
            return f.storage.invitations().transition(inv.id(), InvitationState.RESERVED, InvitationState.INVITED, f.clock.instant(), null)
                    .orElseThrow();
        });
    }

    private Invitation reload(Invitation inv) {
        return f.storage.invitations().findById(inv.id()).orElseThrow();
    }

    @Test
    void anInvitedMemberJoinsItsCodeIsActivatedAndTheOthersAreExternal() {
        RedeemCode code = f.code(1);
        Invitation alice = invited(code, ALICE);
        Invitation bob = invited(f.code(1), BOB);
        Instant syncedAt = f.clock.advance(Duration.ofMinutes(5));
        provider.members("acc-blue", "owner@host.com", "alice@host.com", "admin@host.com");

        SyncOutcome outcome = sync.syncTeam(team.id());

        assertThat(outcome).isEqualTo(new SyncOutcome(team.id(), SyncOutcome.Result.SYNCED, 1, 1, 2, Optional.empty()));
        Invitation joined = reload(alice);
        assertThat(joined.state()).isEqualTo(InvitationState.JOINED);
        assertThat(joined.acceptedAt()).contains(syncedAt);
        assertThat(reload(bob).state()).isEqualTo(InvitationState.INVITED);
        RedeemCode activated = f.reload(code);
        assertThat(activated.activatedAt()).contains(syncedAt);
        assertThat(activated.memberExpiresAt()).contains(syncedAt.plus(Duration.ofDays(30)));
        Team synced = f.reload(team);
        assertThat(synced.externalSeats()).isEqualTo(2);
        assertThat(synced.seatsInUse()).isEqualTo(4);
        assertThat(synced.sync().lastSynced()).contains(syncedAt);
        assertThat(synced.sync().nextSync()).contains(syncedAt.plus(SETTINGS.interval()));
        assertThat(f.storage.teams().externalMembers(team.id())).extracting(ExternalMember::email)
                .containsExactly(Email.of("admin@host.com"), Email.of("owner@host.com"));
        assertThat(leases.isHeld(AcceptanceSyncService.leaseName(team.id()))).isFalse();
    }

    @Test
    void aSecondRunOverTheSameMembersChangesNothing() {
        RedeemCode code = f.code(1);
        Invitation alice = invited(code, ALICE);
        provider.members("acc-blue", "owner@host.com", "alice@host.com");
        sync.syncTeam(team.id());
        Invitation afterFirst = reload(alice);
        RedeemCode codeAfterFirst = f.reload(code);
        var externalAfterFirst = f.storage.teams().externalMembers(team.id());
        f.clock.advance(Duration.ofMinutes(3));

        SyncOutcome second = sync.syncTeam(team.id());

        assertThat(second.joined()).isZero();
        assertThat(second.activated()).isZero();
        assertThat(reload(alice)).usingRecursiveComparison().isEqualTo(afterFirst);
        assertThat(f.reload(code).activatedAt()).isEqualTo(codeAfterFirst.activatedAt());
        assertThat(f.reload(code).memberExpiresAt()).isEqualTo(codeAfterFirst.memberExpiresAt());
        assertThat(f.storage.teams().externalMembers(team.id())).isEqualTo(externalAfterFirst);
        assertThat(f.reload(team).externalSeats()).isEqualTo(1);
        assertThat(f.reload(team).seatsReserved()).isEqualTo(1);
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isZero();
    }

    @Test
    void everyPageIsRead() {
        Invitation alice = invited(f.code(1), ALICE);
        provider.members("acc-blue", "a@host.com", "b@host.com", "c@host.com", "d@host.com", "alice@host.com");

        SyncOutcome outcome = sync.syncTeam(team.id());

        assertThat(provider.listCalls()).isEqualTo(3); // pages of 2
        assertThat(outcome.externalSeats()).isEqualTo(4);
        assertThat(reload(alice).state()).isEqualTo(InvitationState.JOINED);
    }

    @Test
    void aMemberWhoseInvitationIsStillReservedIsNotExternalAndNotJoined() {
        RedeemCode code = f.code(1);
        Invitation reserved = f.storage.transactions().inTransaction(() -> {
            f.storage.teams().reserveSeat(Optional.empty(), AllocationPolicy.FILL_FIRST);
            return f.storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(team.id()), ALICE,
                    InvitationState.RESERVED, false, true, f.clock.instant()));
        });
        provider.members("acc-blue", "alice@host.com");

        SyncOutcome outcome = sync.syncTeam(team.id());

        assertThat(outcome.externalSeats()).isZero();
        assertThat(reload(reserved).state()).isEqualTo(InvitationState.RESERVED);
        assertThat(f.reload(code).activatedAt()).isEmpty();
    }

    @Test
    void anInvitationOfAnotherTeamDoesNotExplainAMember() {
        Team red = f.team("red", 10);
        Invitation inBlue = invited(f.code(1), ALICE); // fill-first: blue
        provider.members("acc-red", "alice@host.com");

        SyncOutcome outcome = sync.syncTeam(red.id());

        assertThat(outcome.externalSeats()).isEqualTo(1);
        assertThat(reload(inBlue).state()).isEqualTo(InvitationState.INVITED);
    }

    @Test
    void aSecondJoinOfAnActivatedCodeKeepsTheFirstActivation() {
        RedeemCode code = f.code(0);
        Instant firstJoin = f.clock.instant();
        f.storage.transactions().inTransaction(() -> f.storage.codes().activate(code.id(), firstJoin));
        Invitation alice = invited(code, ALICE);
        f.clock.advance(Duration.ofDays(2));
        provider.members("acc-blue", "alice@host.com");

        SyncOutcome outcome = sync.syncTeam(team.id());

        assertThat(outcome.joined()).isEqualTo(1);
        assertThat(outcome.activated()).isZero();
        assertThat(reload(alice).state()).isEqualTo(InvitationState.JOINED);
        assertThat(f.reload(code).activatedAt()).contains(firstJoin);
    }

    @Test
    void bannedStopsAllocationToTheTeamAndIsVisible() {
        provider.failNext(new TeamProviderException(ProviderError.BANNED, "workspace deactivated"));

        SyncOutcome outcome = sync.syncTeam(team.id());

        assertThat(outcome.result()).isEqualTo(SyncOutcome.Result.FAILED);
        Team banned = f.reload(team);
        assertThat(banned.status()).isEqualTo(TeamStatus.BANNED);
        assertThat(banned.sync().error()).contains("BANNED: workspace deactivated");
        assertThat(banned.sync().failures()).isEqualTo(1);
        assertThat(f.storage.transactions().inTransaction(
                () -> f.storage.teams().reserveSeat(Optional.empty(), AllocationPolicy.FILL_FIRST))).isEmpty();
        // a banned team is not synced again until staff set it ACTIVE
        assertThat(f.storage.teams().dueForSync(f.clock.instant().plus(Duration.ofDays(1)), 10)).isEmpty();
        assertThat(sync.syncTeam(team.id()).result()).isEqualTo(SyncOutcome.Result.SKIPPED);
    }

    @Test
    void tokenInvalidSetsTheTeamStatus() {
        provider.failNext(new TeamProviderException(ProviderError.TOKEN_INVALID, "401"));

        sync.syncTeam(team.id());

        assertThat(f.reload(team).status()).isEqualTo(TeamStatus.TOKEN_INVALID);
        assertThat(f.reload(team).sync().error()).contains("TOKEN_INVALID: 401");
    }

    @Test
    void passingFailuresRetryWithGrowingBackoffAndASuccessClearsThem() {
        Invitation alice = invited(f.code(1), ALICE);
        provider.members("acc-blue", "alice@host.com")
                .failNext(new TeamProviderException(ProviderError.TRANSIENT, "timeout"),
                        new TeamProviderException(ProviderError.TRANSIENT, "502"),
                        new TeamProviderException(ProviderError.RATE_LIMITED, "slow down", Duration.ofMinutes(2), null));
        Instant t0 = f.clock.instant();

        assertThat(sync.syncIfDue(team.id()).error()).contains("TRANSIENT: timeout");
        assertThat(f.reload(team).sync().nextSync()).contains(t0.plusSeconds(15));
        assertThat(sync.syncIfDue(team.id()).result()).isEqualTo(SyncOutcome.Result.SKIPPED); // not due yet
        f.clock.set(t0.plusSeconds(15));
        assertThat(sync.syncIfDue(team.id()).error()).contains("TRANSIENT: 502");
        assertThat(f.reload(team).sync().nextSync()).contains(t0.plusSeconds(15 + 30));
        assertThat(f.reload(team).sync().failures()).isEqualTo(2);
        f.clock.set(t0.plusSeconds(45));
        sync.syncIfDue(team.id());
        Team rateLimited = f.reload(team);
        assertThat(rateLimited.sync().error()).contains("RATE_LIMITED: slow down");
        assertThat(rateLimited.sync().nextSync()).contains(t0.plusSeconds(45 + 120)); // Retry-After beats the 60 s backoff
        assertThat(rateLimited.status()).isEqualTo(TeamStatus.ACTIVE);
        assertThat(reload(alice).state()).isEqualTo(InvitationState.INVITED);

        f.clock.set(t0.plusSeconds(165));
        assertThat(sync.dueTeams(10)).containsExactly(team.id());
        assertThat(sync.syncIfDue(team.id()).result()).isEqualTo(SyncOutcome.Result.SYNCED);
        assertThat(f.reload(team).sync()).isEqualTo(new Team.Sync(t0.plusSeconds(165), null, 0, t0.plusSeconds(165 + 180)));
        assertThat(reload(alice).state()).isEqualTo(InvitationState.JOINED);
        assertThat(sync.dueTeams(10)).isEmpty();
    }

    @Test
    void aTeamWhoseLeaseIsHeldElsewhereIsNotRead() {
        leases.tryAcquire(AcceptanceSyncService.leaseName(team.id()), Duration.ofMinutes(1)).orElseThrow();
        provider.members("acc-blue", "owner@host.com");

        assertThat(sync.syncTeam(team.id()).result()).isEqualTo(SyncOutcome.Result.BUSY);
        assertThat(provider.listCalls()).isZero();
        assertThat(f.reload(team).sync()).isEqualTo(Team.Sync.NEVER);
    }

    @Test
    void aRunnerThatLosesItsLeaseWhileReadingAppliesNothing() {
        Invitation alice = invited(f.code(1), ALICE);
        provider.members("acc-blue", "owner@host.com", "alice@host.com", "admin@host.com");
        String lease = AcceptanceSyncService.leaseName(team.id());
        // the first page takes longer than the lease, and another node takes the team over meanwhile
        provider.onPage(() -> {
            f.clock.advance(Duration.ofMinutes(2));
            leases.tryAcquire(lease, Duration.ofMinutes(1));
        });

        assertThat(sync.syncTeam(team.id()).result()).isEqualTo(SyncOutcome.Result.LEASE_LOST);

        assertThat(provider.listCalls()).isEqualTo(1);
        assertThat(reload(alice).state()).isEqualTo(InvitationState.INVITED);
        assertThat(f.reload(team).externalSeats()).isZero();
        assertThat(f.reload(team).sync()).isEqualTo(Team.Sync.NEVER);
        assertThat(leases.isHeld(lease)).isTrue(); // the other node's lease was not released by the loser
    }

    @Test
    void fewerExternalMembersWakeThePromoter() {
        provider.members("acc-blue", "owner@host.com", "admin@host.com");
        sync.syncTeam(team.id());
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isZero();

        provider.members("acc-blue", "owner@host.com");
        sync.syncTeam(team.id());

        assertThat(f.reload(team).externalSeats()).isEqualTo(1);
        assertThat(f.wakeUps.count(WakeUps.Work.SEAT_PROMOTION)).isEqualTo(1);
    }

    @Test
    void unknownTeamsAreNotFound() {
        assertThat(sync.syncTeam(new io.invitehub.domain.team.TeamId(999)).result()).isEqualTo(SyncOutcome.Result.NOT_FOUND);
    }
}
