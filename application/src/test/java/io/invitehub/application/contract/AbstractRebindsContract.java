package io.invitehub.application.contract;

import io.invitehub.application.membership.port.out.RemovalClaim;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.invitehub.application.contract.InvitationChanges.change;
import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link io.invitehub.application.membership.port.out.Rebinds} and what a rebind means to the other stores (ADR 12), for the fake and every adapter. */
public abstract class AbstractRebindsContract extends StorageContractSupport {
    private static final Duration LEASE = Duration.ofMinutes(2);

    private Invitation invited(RedeemCode code, Team team, Email email, Instant at) {
        Invitation inv = reserved(code, team, email);
        return tx(() -> storage.invitations().apply(change(inv.id(), RESERVED, INVITED, at, null))).orElseThrow();
    }

    private Invitation joined(RedeemCode code, Team team, Email email) {
        Invitation inv = invited(code, team, email, NOW);
        return move(inv, INVITED, JOINED, null).orElseThrow();
    }

    private List<InvitationId> ids(List<RemovalClaim> claims) {
        return claims.stream().map(c -> c.invitation().id()).toList();
    }

    @Test
    void aRebindIsClaimedOnceTheNewInvitationIsSentAndReleasedWhenItFailed() {
        RedeemCode moving = newCode(1);
        RedeemCode failing = newCode(1);
        Team blue = newTeam(10);
        Team red = newTeam(10);
        Invitation member = joined(moving, blue, ALICE);
        Invitation other = joined(failing, blue, BOB);
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(moving.id(), moving.owner(), Optional.of(red.id()),
                ALICE, RESERVED, true, false, NOW)));
        Invitation failed = tx(() -> storage.invitations().create(new NewInvitation(failing.id(), failing.owner(), Optional.of(red.id()),
                BOB, RESERVED, true, false, NOW)));
        assertThat(tx(() -> storage.rebinds().markRebinding(member.id(), rebind.id()))).isTrue();
        assertThat(tx(() -> storage.rebinds().markRebinding(member.id(), rebind.id()))).isFalse();
        assertThat(tx(() -> storage.rebinds().markRebinding(other.id(), failed.id()))).isTrue();

        // while moving, a distributor removal or timeout cannot claim the member; nothing is due yet
        assertThat(tx(() -> storage.removalClaims().claimRemoval(member.id(), RemovalKind.REMOVE, NOW, LEASE))).isEmpty();
        assertThat(tx(() -> storage.removalClaims().claimRebound(10, NOW, LEASE))).isEmpty();
        assertThat(tx(() -> storage.rebinds().releaseFailedRebinds(10))).isEmpty();

        move(rebind, RESERVED, INVITED, null);
        move(failed, RESERVED, FAILED, "REJECTED");

        List<RemovalClaim> claims = tx(() -> storage.removalClaims().claimRebound(10, NOW, LEASE));
        assertThat(ids(claims)).containsExactly(member.id());
        assertThat(claims.get(0).kind()).isEqualTo(RemovalKind.REBIND);
        assertThat(claims.get(0).rebindTo()).contains(rebind.id());
        List<Invitation> released = tx(() -> storage.rebinds().releaseFailedRebinds(10));
        assertThat(released.stream().map(Invitation::id)).containsExactly(other.id());
        assertThat(tx(() -> storage.rebinds().releaseFailedRebinds(10))).isEmpty();
        assertThat(reload(other).state()).isEqualTo(JOINED);
        assertThat(tx(() -> storage.rebinds().markRebinding(other.id(), failed.id()))).as("may try again").isTrue();
    }

    @Test
    void anOpenRebindInvitationMakesTheEmailAlreadyAMemberForOtherCodes() {
        RedeemCode code = newCode(1);
        RedeemCode other = newCode(1);
        Team blue = newTeam(10);
        Team red = newTeam(10);
        Invitation member = joined(code, blue, ALICE);
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(red.id()),
                ALICE, RESERVED, true, false, NOW)));
        assertThat(openOfOtherCode(ALICE, other).map(Invitation::id)).contains(member.id());

        tx(() -> storage.removalClaims().claimRemoval(member.id(), RemovalKind.EXPIRE, NOW, LEASE));
        move(member, REMOVING, REBOUND, "moved");

        assertThat(openOfOtherCode(ALICE, other).map(Invitation::id)).contains(rebind.id());
        assertThat(openOfOtherCode(ALICE, code)).isEmpty();
    }

    @Test
    void openOfEmailShowsTheMemberAndItsRebindInvitationNewestFirst() {
        RedeemCode code = newCode(1);
        Team blue = newTeam(10);
        Team red = newTeam(10);
        Invitation member = joined(code, blue, ALICE);
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(red.id()),
                ALICE, RESERVED, true, false, NOW)));

        assertThat(storage.invitations().openOfEmail(ALICE)).extracting(Invitation::id).containsExactly(rebind.id(), member.id());

        tx(() -> storage.removalClaims().claimRemoval(member.id(), RemovalKind.EXPIRE, NOW, LEASE));
        move(member, REMOVING, REBOUND, "moved");
        assertThat(storage.invitations().openOfEmail(ALICE)).extracting(Invitation::id).containsExactly(rebind.id());
    }
}
