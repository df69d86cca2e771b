package io.invitehub.adapter.out.provider.simulated;

import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.MemberPage;
import io.invitehub.application.shared.port.out.PendingInvite;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedTeamProviderTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(START);
    private final SimulatedTeamProvider provider = new SimulatedTeamProvider(
            SimulationSettings.defaults(), clock, new Random(1));
    private final TeamAccount team = account("ws-1");

    static TeamAccount account(String accountId) {
        return new TeamAccount(new TeamId(1), accountId, "token");
    }

    static Email email(String local) {
        return Email.of(local + "@example.com");
    }

    static List<Email> emails(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> email(prefix + i)).toList();
    }

    @Test
    void defaultsHaveNoFaultsAndThirtySecondsAcceptanceAndFiveHundredSeats() {
        SimulationSettings defaults = SimulationSettings.defaults();

        assertThat(defaults.injectsFaults()).isFalse();
        assertThat(defaults.minLatency()).isZero();
        assertThat(defaults.maxLatency()).isZero();
        assertThat(defaults.acceptanceDelay()).isEqualTo(DELAY);
        assertThat(defaults.defaultSeats()).isEqualTo(500);
        assertThat(provider.seatCount(account("fresh"))).isEqualTo(500);
    }

    @Test
    void invitedPersonIsPendingUntilTheAcceptanceDelayPassesThenAMember() {
        List<InviteResult> results = provider.invite(team, List.of(email("alice")));

        assertThat(results).containsExactly(InviteResult.sent(email("alice")));
        assertThat(provider.pendingInvites("ws-1")).containsExactly(email("alice"));
        assertThat(provider.members("ws-1")).isEmpty();
        List<PendingInvite> pending = provider.listPendingInvites(team);
        assertThat(pending).singleElement().satisfies(p -> {
            assertThat(p.email()).isEqualTo(email("alice"));
            assertThat(p.createdAt()).isEqualTo(START);
            assertThat(p.inviteId()).startsWith("invite-");
        });

        clock.advance(DELAY.minusSeconds(1));
        assertThat(provider.listMembers(team, 0, 10).total()).isZero();
        assertThat(provider.listPendingInvites(team)).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        MemberPage page = provider.listMembers(team, 0, 10);
        assertThat(page.total()).isEqualTo(1);
        ProviderMember member = page.members().get(0);
        assertThat(member.email()).isEqualTo(email("alice"));
        assertThat(member.userId()).matches("user-\\d+");
        assertThat(member.role()).isEqualTo("standard-user");
        assertThat(member.joinedAt()).isEqualTo(START.plus(DELAY));
        assertThat(provider.listPendingInvites(team)).isEmpty();
        assertThat(provider.members("ws-1")).containsExactly(email("alice"));
        assertThat(provider.pendingInvites("ws-1")).isEmpty();
    }

    @Test
    void userIdOfAMemberIsStableAcrossListings() {
        provider.invite(team, List.of(email("alice")));
        clock.advance(DELAY);

        String first = provider.listMembers(team, 0, 10).members().get(0).userId();
        clock.advance(Duration.ofHours(1));
        String second = provider.listMembers(team, 0, 10).members().get(0).userId();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void membersArePagedInJoinOrderThenByEmailWithTotalAndHasMore() {
        provider.invite(team, List.of(email("m3"), email("m1"), email("m2")));
        clock.advance(Duration.ofSeconds(1));
        provider.invite(team, List.of(email("a-late"), email("b-late")));
        clock.advance(DELAY);

        MemberPage first = provider.listMembers(team, 0, 2);
        MemberPage second = provider.listMembers(team, 2, 2);
        MemberPage third = provider.listMembers(team, 4, 2);
        MemberPage beyond = provider.listMembers(team, 10, 2);

        assertThat(first.members()).extracting(ProviderMember::email).containsExactly(email("m1"), email("m2"));
        assertThat(second.members()).extracting(ProviderMember::email).containsExactly(email("m3"), email("a-late"));
        assertThat(third.members()).extracting(ProviderMember::email).containsExactly(email("b-late"));
        assertThat(List.of(first.total(), second.total(), third.total(), beyond.total())).containsOnly(5);
        assertThat(first.hasMore()).isTrue();
        assertThat(second.hasMore()).isTrue();
        assertThat(second.offset()).isEqualTo(2);
        assertThat(third.hasMore()).isFalse();
        assertThat(beyond.members()).isEmpty();
        assertThat(beyond.hasMore()).isFalse();
    }

    @Test
    void walkingAllPagesYieldsEveryMemberOnce() {
        provider.registerWorkspace("ws-1", 50);
        for (int batch = 0; batch < 5; batch++) {
            provider.invite(team, emails("p" + batch + "-", 10));
            clock.advance(Duration.ofMillis(10));
        }
        clock.advance(DELAY);

        List<Email> seen = new ArrayList<>();
        MemberPage page;
        int offset = 0;
        do {
            page = provider.listMembers(team, offset, 7);
            page.members().forEach(m -> seen.add(m.email()));
            offset += page.members().size();
        } while (page.hasMore());

        assertThat(seen).hasSize(50).doesNotHaveDuplicates();
        assertThat(page.total()).isEqualTo(50);
    }

    @Test
    void invitesBeyondTheSeatsAreRejectedAsWorkspaceFull() {
        provider.registerWorkspace("ws-1", 3);
        provider.invite(team, List.of(email("a"), email("b")));
        clock.advance(DELAY); // a and b are members now; members count toward the seats too

        List<InviteResult> results = provider.invite(team, List.of(email("c"), email("d"), email("e")));

        assertThat(results).extracting(InviteResult::isSent).containsExactly(true, false, false);
        assertThat(results.get(1).error()).contains(ProviderError.REJECTED);
        assertThat(results.get(1).message()).isEqualTo("workspace full");
        assertThat(results.get(2).email()).isEqualTo(email("e"));
        assertThat(provider.members("ws-1")).containsExactlyInAnyOrder(email("a"), email("b"));
        assertThat(provider.pendingInvites("ws-1")).containsExactly(email("c"));
    }

    @Test
    void removingAMemberFreesASeat() {
        provider.registerWorkspace("ws-1", 1);
        provider.invite(team, List.of(email("a")));
        clock.advance(DELAY);
        assertThat(provider.invite(team, List.of(email("b"))).get(0).error()).contains(ProviderError.REJECTED);

        String userId = provider.listMembers(team, 0, 1).members().get(0).userId();
        provider.removeMember(team, userId);

        assertThat(provider.members("ws-1")).isEmpty();
        assertThat(provider.invite(team, List.of(email("b")))).containsExactly(InviteResult.sent(email("b")));
    }

    @Test
    void invitingAnAlreadyPendingOrMemberEmailIsSentAgainWithoutTakingASeat() {
        provider.registerWorkspace("ws-1", 2);
        provider.invite(team, List.of(email("member")));
        clock.advance(DELAY);
        provider.invite(team, List.of(email("pending")));

        List<InviteResult> again = provider.invite(team, List.of(email("member"), email("pending"), email("pending")));

        assertThat(again).allMatch(InviteResult::isSent).hasSize(3);
        assertThat(provider.members("ws-1")).containsExactly(email("member"));
        assertThat(provider.pendingInvites("ws-1")).containsExactly(email("pending"));
        assertThat(provider.listPendingInvites(team)).singleElement()
                .extracting(PendingInvite::createdAt).isEqualTo(START.plus(DELAY)); // not re-stamped
    }

    @Test
    void rejectedEmailsGetAPerEmailRejectionWhileOthersAreSent() {
        provider.rejectEmails(e -> e.value().startsWith("bad"));

        List<InviteResult> results = provider.invite(team, List.of(email("good"), email("bad1")));

        assertThat(results.get(0).isSent()).isTrue();
        assertThat(results.get(1).error()).isEqualTo(Optional.of(ProviderError.REJECTED));
        assertThat(provider.pendingInvites("ws-1")).containsExactly(email("good"));
    }

    @Test
    void moreThanTenEmailsPerCallIsAProgrammingError() {
        assertThatThrownBy(() -> provider.invite(team, emails("x", TeamProvider.MAX_INVITES_PER_CALL + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(provider.inviteCalls()).isZero();
        assertThat(provider.invite(team, emails("x", TeamProvider.MAX_INVITES_PER_CALL)))
                .hasSize(10).allMatch(InviteResult::isSent);
    }

    @Test
    void cancelInviteRemovesThePendingInviteAndUnknownIsNotFound() {
        provider.invite(team, List.of(email("a")));

        provider.cancelInvite(team, email("a"));

        assertThat(provider.pendingInvites("ws-1")).isEmpty();
        assertThatThrownBy(() -> provider.cancelInvite(team, email("a")))
                .isInstanceOfSatisfying(TeamProviderException.class,
                        e -> assertThat(e.error()).isEqualTo(ProviderError.NOT_FOUND));
    }

    @Test
    void cancellingAnInviteThatWasAlreadyAcceptedIsNotFound() {
        provider.invite(team, List.of(email("a")));
        clock.advance(DELAY);

        assertThatThrownBy(() -> provider.cancelInvite(team, email("a")))
                .isInstanceOfSatisfying(TeamProviderException.class,
                        e -> assertThat(e.error()).isEqualTo(ProviderError.NOT_FOUND));
        assertThat(provider.members("ws-1")).containsExactly(email("a"));
    }

    @Test
    void removingAnUnknownMemberIsNotFound() {
        assertThatThrownBy(() -> provider.removeMember(team, "user-999"))
                .isInstanceOfSatisfying(TeamProviderException.class,
                        e -> assertThat(e.error()).isEqualTo(ProviderError.NOT_FOUND));
    }

    @Test
    void externalMembersAreListedAndTakeSeats() {
        provider.registerWorkspace("ws-1", 2);
        provider.addExternalMember("ws-1", email("outsider"));

        MemberPage page = provider.listMembers(team, 0, 10);
        assertThat(page.members()).singleElement().satisfies(m -> {
            assertThat(m.email()).isEqualTo(email("outsider"));
            assertThat(m.joinedAt()).isEqualTo(START);
        });
        List<InviteResult> results = provider.invite(team, List.of(email("a"), email("b")));
        assertThat(results).extracting(InviteResult::isSent).containsExactly(true, false);
    }

    @Test
    void externalMemberReplacesAPendingInviteForTheSameEmail() {
        provider.invite(team, List.of(email("a")));

        provider.addExternalMember("ws-1", email("a"));

        assertThat(provider.pendingInvites("ws-1")).isEmpty();
        assertThat(provider.members("ws-1")).containsExactly(email("a"));
    }

    @Test
    void registerWorkspaceSetsAndChangesTheSeatCount() {
        provider.registerWorkspace("ws-1", 7);
        assertThat(provider.seatCount(team)).isEqualTo(7);

        provider.registerWorkspace("ws-1", 9);
        assertThat(provider.seatCount(team)).isEqualTo(9);
    }

    @Test
    void workspacesAreIndependent() {
        provider.registerWorkspace("ws-2", 1);
        provider.invite(account("ws-2"), List.of(email("a")));
        provider.invite(team, List.of(email("b")));

        assertThat(provider.pendingInvites("ws-2")).containsExactly(email("a"));
        assertThat(provider.pendingInvites("ws-1")).containsExactly(email("b"));
        assertThat(provider.seatCount(team)).isEqualTo(500);
        assertThat(provider.pendingInvites("unknown")).isEmpty();
    }

    @Test
    void bannedWorkspaceRefusesEveryCallWithBannedUntilRestored() {
        provider.invite(team, List.of(email("a")));
        provider.ban("ws-1");

        assertError(() -> provider.verify(team), ProviderError.BANNED);
        assertError(() -> provider.invite(team, List.of(email("b"))), ProviderError.BANNED);
        assertError(() -> provider.listMembers(team, 0, 10), ProviderError.BANNED);
        assertError(() -> provider.listPendingInvites(team), ProviderError.BANNED);
        assertError(() -> provider.cancelInvite(team, email("a")), ProviderError.BANNED);
        assertError(() -> provider.removeMember(team, "user-1"), ProviderError.BANNED);
        assertError(() -> provider.seatCount(team), ProviderError.BANNED);
        assertThat(provider.pendingInvites("ws-1")).containsExactly(email("a"));

        provider.restore("ws-1");
        provider.verify(team);
        assertThat(provider.listPendingInvites(team)).hasSize(1);
    }

    @Test
    void invalidTokenRefusesCallsWithTokenInvalidAndOtherWorkspacesStillWork() {
        provider.invalidateToken("ws-1");

        assertError(() -> provider.verify(team), ProviderError.TOKEN_INVALID);
        assertError(() -> provider.invite(team, List.of(email("a"))), ProviderError.TOKEN_INVALID);
        assertThat(provider.invite(account("ws-2"), List.of(email("a")))).allMatch(InviteResult::isSent);

        provider.restore("ws-1");
        assertThat(provider.seatCount(team)).isEqualTo(500);
    }

    @Test
    void countsCallsAndInviteCallsThatReachedTheWorkspace() {
        provider.invite(team, List.of(email("a")));
        provider.listMembers(team, 0, 10);
        provider.seatCount(team);
        provider.setSettings(SimulationSettings.defaults().withTransientErrorRate(1.0));
        assertError(() -> provider.invite(team, List.of(email("b"))), ProviderError.TRANSIENT);

        assertThat(provider.callCount()).isEqualTo(4);
        assertThat(provider.inviteCalls()).isEqualTo(1);
    }

    @Test
    void acceptanceDelayChangesTakeEffectAtRuntime() {
        provider.invite(team, List.of(email("a")));
        provider.setSettings(SimulationSettings.defaults().withAcceptanceDelay(Duration.ZERO));

        assertThat(provider.members("ws-1")).containsExactly(email("a"));
    }

    @Test
    void listingArgumentsAreValidated() {
        assertThatThrownBy(() -> provider.listMembers(team, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provider.listMembers(team, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(provider.callCount()).isZero();
    }

    static void assertError(Runnable call, ProviderError expected) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(TeamProviderException.class, e -> assertThat(e.error()).isEqualTo(expected));
    }
}
