package io.invitehub.application.contract;

import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.application.recipients.port.out.Recipients;
import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link Recipients} contract: recent invitations, removals, blocklist, opt-outs. */
public abstract class AbstractRecipientsContract extends StorageContractSupport {

    private Recipients recipients() {
        return storage.recipients();
    }

    private Invitation invitationAt(RedeemCode code, Team team, Email email, Instant at, boolean rebind) {
        return tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(team.id()),
                email, InvitationState.RESERVED, rebind, !rebind, at)));
    }

    private void end(Invitation inv, Instant at) {
        tx(() -> storage.invitations().transition(inv.id(), InvitationState.RESERVED, InvitationState.CANCELLED, at, "test"));
    }

    @Test
    void recentInvitationsAreTheNewestNonRebindOnesOfThatEmailSinceTheInstantNewestFirst() {
        Team team = newTeam(10);
        RedeemCode code = newCode(0);
        Instant t1 = NOW.minus(Duration.ofHours(30));
        Instant t2 = NOW.minus(Duration.ofHours(20));
        Instant t3 = NOW.minus(Duration.ofHours(10));
        for (Instant t : List.of(t1, t2, t3)) {
            end(invitationAt(code, team, ALICE, t, false), t.plusSeconds(1));
        }
        end(invitationAt(code, team, ALICE, NOW.minus(Duration.ofHours(5)), true), NOW);
        invitationAt(code, team, BOB, NOW.minus(Duration.ofHours(1)), false);

        Instant since = NOW.minus(Duration.ofHours(24));
        assertThat(recipients().recentInvitations(ALICE, since, 10)).containsExactly(t3, t2);
        assertThat(recipients().recentInvitations(ALICE, since, 1)).containsExactly(t3);
        assertThat(recipients().recentInvitations(ALICE, t2, 10)).as("since is exclusive").containsExactly(t3);
        assertThat(recipients().recentInvitations(CAROL, since, 10)).isEmpty();
    }

    @Test
    void screenAnswersWhatTheThreeChecksAnswerOneByOne() {
        Team team = newTeam(10);
        RedeemCode code = newCode(0);
        Instant t1 = NOW.minus(Duration.ofHours(20));
        Instant t2 = NOW.minus(Duration.ofHours(10));
        for (Instant t : List.of(t1, t2)) {
            end(invitationAt(code, team, ALICE, t, false), t.plusSeconds(1));
        }
        BlockEntry domain = tx(() -> recipients().addBlock(BlockKind.DOMAIN, "spam.example", Optional.empty(),
                Optional.empty(), NOW)).orElseThrow();
        tx(() -> recipients().optOut(BOB, code.id(), NOW));
        Instant since = NOW.minus(Duration.ofHours(24));

        assertThat(recipients().screen(ALICE, since, 3)).isEqualTo(new Recipients.Screening(Optional.empty(), false, List.of(t2, t1)));
        assertThat(recipients().screen(ALICE, since, 1).recent()).containsExactly(t2);
        assertThat(recipients().screen(BOB, since, 3)).isEqualTo(new Recipients.Screening(Optional.empty(), true, List.of()));
        assertThat(recipients().screen(Email.of("x@mail.spam.example"), since, 3))
                .isEqualTo(new Recipients.Screening(Optional.of(domain), false, List.of()));
    }

    @Test
    void lastRemovalIsTheLatestRemovedInvitationOfThatDistributorsCodes() {
        Team team = newTeam(10);
        User a = newDistributor();
        User b = newDistributor();
        RedeemCode ofA = newCode(new CodeTerms(Optional.of(a.id()), 0, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()));
        RedeemCode ofB = newCode(new CodeTerms(Optional.of(b.id()), 0, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()));
        assertThat(recipients().lastRemoval(a.id(), ALICE)).isEmpty();

        Instant removedAt = NOW.minus(Duration.ofHours(2));
        Invitation first = invitationAt(ofA, team, ALICE, NOW.minus(Duration.ofDays(3)), false);
        tx(() -> storage.invitations().transition(first.id(), InvitationState.RESERVED, InvitationState.INVITED, removedAt.minusSeconds(60), null));
        tx(() -> storage.invitations().claimRemoval(first.id(), io.invitehub.domain.invitation.RemovalKind.REMOVE, removedAt.minusSeconds(1), java.time.Duration.ofMinutes(2)));
        tx(() -> storage.invitations().transition(first.id(), InvitationState.REMOVING, InvitationState.REMOVED, removedAt, "removed"));
        // cancelled (not removed) by A, and removed by B: neither counts for A
        end(invitationAt(ofA, team, ALICE, NOW.minus(Duration.ofHours(1)), false), NOW);
        Invitation byB = invitationAt(ofB, team, ALICE, NOW.minusSeconds(30), false);
        tx(() -> storage.invitations().transition(byB.id(), InvitationState.RESERVED, InvitationState.INVITED, NOW, null));
        tx(() -> storage.invitations().claimRemoval(byB.id(), io.invitehub.domain.invitation.RemovalKind.REMOVE, NOW, java.time.Duration.ofMinutes(2)));
        tx(() -> storage.invitations().transition(byB.id(), InvitationState.REMOVING, InvitationState.REMOVED, NOW, "removed"));

        assertThat(recipients().lastRemoval(a.id(), ALICE)).contains(removedAt);
        assertThat(recipients().lastRemoval(b.id(), ALICE)).contains(NOW);
        assertThat(recipients().lastRemoval(a.id(), BOB)).isEmpty();
    }

    @Test
    void aBlockedAddressOrDomainOrParentDomainIsFoundAndDuplicatesAreRefused() {
        User admin = newDistributor();
        BlockEntry email = tx(() -> recipients().addBlock(BlockKind.EMAIL, "alice@host.com", Optional.of("asked"),
                Optional.of(admin.id()), NOW)).orElseThrow();
        BlockEntry domain = tx(() -> recipients().addBlock(BlockKind.DOMAIN, "spam.example", Optional.empty(),
                Optional.empty(), NOW)).orElseThrow();

        assertThat(email.kind()).isEqualTo(BlockKind.EMAIL);
        assertThat(email.value()).isEqualTo("alice@host.com");
        assertThat(email.reason()).contains("asked");
        assertThat(email.createdBy()).contains(admin.id());
        assertThat(email.createdAt()).isEqualTo(NOW);
        assertThat(tx(() -> recipients().addBlock(BlockKind.EMAIL, "alice@host.com", Optional.empty(), Optional.empty(), NOW)))
                .as("already listed").isEmpty();

        assertThat(recipients().findBlock(ALICE)).contains(email);
        assertThat(recipients().findBlock(BOB)).as("same domain, other address").isEmpty();
        assertThat(recipients().findBlock(Email.of("x@spam.example"))).contains(domain);
        assertThat(recipients().findBlock(Email.of("x@mail.spam.example"))).as("subdomain").contains(domain);
        assertThat(recipients().findBlock(Email.of("x@notspam.example"))).isEmpty();

        assertThat(recipients().blocks(Optional.empty(), 10)).containsExactly(email, domain);
        assertThat(recipients().blocks(Optional.of(email.id()), 10)).containsExactly(domain);
        assertThat(recipients().blocks(Optional.empty(), 1)).containsExactly(email);

        assertThat(tx(() -> recipients().removeBlock(domain.id()))).isTrue();
        assertThat(tx(() -> recipients().removeBlock(domain.id()))).isFalse();
        assertThat(recipients().findBlock(Email.of("x@spam.example"))).isEmpty();
    }

    @Test
    void optOutIsRecordedOnceAndCanBeLifted() {
        RedeemCode code = newCode(1);
        assertThat(recipients().isOptedOut(ALICE)).isFalse();
        assertThat(tx(() -> recipients().optOut(ALICE, code.id(), NOW))).isTrue();
        assertThat(tx(() -> recipients().optOut(ALICE, code.id(), NOW))).isFalse();
        assertThat(recipients().isOptedOut(ALICE)).isTrue();
        assertThat(recipients().isOptedOut(BOB)).isFalse();
        assertThat(tx(() -> recipients().liftOptOut(ALICE))).isTrue();
        assertThat(tx(() -> recipients().liftOptOut(ALICE))).isFalse();
        assertThat(recipients().isOptedOut(ALICE)).isFalse();
    }

    @Test
    void anOptOutRolledBackWithItsTransactionIsGone() {
        RedeemCode code = newCode(1);
        try {
            tx(() -> {
                recipients().optOut(ALICE, code.id(), NOW);
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(recipients().isOptedOut(ALICE)).isFalse();
    }
}
