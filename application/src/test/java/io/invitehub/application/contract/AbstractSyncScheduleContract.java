package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.sync.port.out.SyncSchedule;
import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.application.shared.view.ExternalMember;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamChanges;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.invitehub.domain.team.AllocationPolicy.FILL_FIRST;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link io.invitehub.application.sync.port.out.SyncSchedule} (ADR 13), for the fake and every adapter. */
public abstract class AbstractSyncScheduleContract extends StorageContractSupport {
    private static final TeamId UNKNOWN = new TeamId(987_654_321L);

    private Optional<SeatReservation> reserve(Optional<TeamGroupId> group, AllocationPolicy policy) {
        return tx(() -> storage.seats().reserveSeat(group, policy));
    }

    // ---- staff changes ---------------------------------------------------------------------------

    private static TeamChanges seats(int maxSeats) {
        return new TeamChanges(Optional.empty(), Optional.of(maxSeats), Optional.empty(), false, Optional.empty());
    }

    // ---- acceptance sync state -------------------------------------------------------------------

    private static ProviderMember member(String email) {
        return new ProviderMember("user-" + email, Email.of(email), "member", NOW.minusSeconds(3600));
    }

    @Test
    void aNewTeamIsDueForSyncAtOnceAndNotAfterASuccessUntilTheNextTime() {
        Team a = newTeam(5);
        Team b = newTeam(5);
        Team banned = newTeam(5);
        Team paused = newTeam(5);
        txRun(() -> {
            storage.teams().setStatus(banned.id(), TeamStatus.BANNED);
            storage.teams().setStatus(paused.id(), TeamStatus.PAUSED);
        });
        assertThat(reload(a).sync()).isEqualTo(Team.Sync.NEVER);
        assertThat(storage.syncSchedule().dueForSync(NOW, 10)).containsExactly(a.id(), b.id(), paused.id());
        assertThat(storage.syncSchedule().dueForSync(NOW, 2)).containsExactly(a.id(), b.id());

        txRun(() -> storage.syncSchedule().recordSync(a.id(), List.of(), NOW, NOW.plusSeconds(180)));

        assertThat(storage.syncSchedule().dueForSync(NOW.plusSeconds(179), 10)).containsExactly(b.id(), paused.id());
        assertThat(storage.syncSchedule().dueForSync(NOW.plusSeconds(180), 10)).containsExactly(b.id(), paused.id(), a.id());
        Team.Sync sync = reload(a).sync();
        assertThat(sync.lastSynced()).contains(NOW);
        assertThat(sync.nextSync()).contains(NOW.plusSeconds(180));
        assertThat(sync.error()).isEmpty();
        assertThat(sync.failures()).isZero();
    }

    @Test
    void recordSyncStoresExactlyTheExternalMembersAndCountsThem() {
        Team team = newTeam(5);
        reserve(Optional.empty(), FILL_FIRST);

        SyncSchedule.ExternalSeats first = tx(() -> storage.syncSchedule().recordSync(team.id(),
                List.of(member("owner@host.com"), member("admin@host.com")), NOW, NOW.plusSeconds(60)));
        assertThat(first).isEqualTo(new SyncSchedule.ExternalSeats(0, 2));
        assertThat(reload(team).externalSeats()).isEqualTo(2);
        assertThat(reload(team).seatsInUse()).isEqualTo(3);
        List<ExternalMember> members = storage.teams().externalMembers(team.id());
        assertThat(members).extracting(ExternalMember::email).containsExactly(Email.of("admin@host.com"), Email.of("owner@host.com"));
        assertThat(members.get(0).providerUserId()).contains("user-admin@host.com");
        assertThat(members.get(0).role()).contains("member");
        assertThat(members.get(0).joinedAt()).contains(NOW.minusSeconds(3600));
        assertThat(members.get(0).firstSeenAt()).isEqualTo(NOW);

        // later: the admin left, someone joined without InviteHub; the owner keeps its first-seen time
        SyncSchedule.ExternalSeats second = tx(() -> storage.syncSchedule().recordSync(team.id(),
                List.of(member("owner@host.com"), member("stranger@host.com")), NOW.plusSeconds(60), NOW.plusSeconds(120)));
        assertThat(second).isEqualTo(new SyncSchedule.ExternalSeats(2, 2));
        assertThat(second.shrank()).isFalse();
        List<ExternalMember> now = storage.teams().externalMembers(team.id());
        assertThat(now).extracting(ExternalMember::email).containsExactly(Email.of("owner@host.com"), Email.of("stranger@host.com"));
        assertThat(now.get(0).firstSeenAt()).isEqualTo(NOW);
        assertThat(now.get(1).firstSeenAt()).isEqualTo(NOW.plusSeconds(60));

        SyncSchedule.ExternalSeats third = tx(() -> storage.syncSchedule().recordSync(team.id(), List.of(), NOW.plusSeconds(120), NOW.plusSeconds(180)));
        assertThat(third.shrank()).isTrue();
        assertThat(storage.teams().externalMembers(team.id())).isEmpty();
        assertThat(reload(team).externalSeats()).isZero();
        assertThat(storage.teams().externalMembers(UNKNOWN)).isEmpty();
    }

    @Test
    void aFailedSyncIsVisibleCountedAndClearedByTheNextSuccess() {
        Team team = newTeam(5);
        txRun(() -> storage.syncSchedule().recordSync(team.id(), List.of(member("owner@host.com")), NOW, NOW.plusSeconds(60)));

        txRun(() -> storage.syncSchedule().recordSyncFailure(team.id(), "TRANSIENT: timeout", NOW.plusSeconds(75)));
        txRun(() -> storage.syncSchedule().recordSyncFailure(team.id(), "RATE_LIMITED: slow down", NOW.plusSeconds(90)));

        Team failing = reload(team);
        assertThat(failing.sync().error()).contains("RATE_LIMITED: slow down");
        assertThat(failing.sync().failures()).isEqualTo(2);
        assertThat(failing.sync().lastSynced()).contains(NOW);
        assertThat(failing.sync().nextSync()).contains(NOW.plusSeconds(90));
        assertThat(failing.externalSeats()).isEqualTo(1);
        assertThat(storage.syncSchedule().dueForSync(NOW.plusSeconds(89), 10)).isEmpty();
        assertThat(storage.syncSchedule().dueForSync(NOW.plusSeconds(90), 10)).containsExactly(team.id());

        txRun(() -> storage.syncSchedule().recordSync(team.id(), List.of(), NOW.plusSeconds(90), NOW.plusSeconds(150)));
        assertThat(reload(team).sync()).isEqualTo(new Team.Sync(NOW.plusSeconds(90), null, 0, NOW.plusSeconds(150)));
    }
}
