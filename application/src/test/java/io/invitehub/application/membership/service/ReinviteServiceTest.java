package io.invitehub.application.membership.service;

import io.invitehub.application.membership.port.in.ReinviteCommand;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReinviteServiceTest {
    private static final Email ALICE = Email.of("alice@host.com");
    private final LifecycleWorld w = new LifecycleWorld();
    private final Team team = w.f.team("Alpha", 5);

    private RedemptionResult reinvite(Email email) {
        return w.reinvite.reinvite(new ReinviteCommand(w.distributor.id(), email, team.id(), "10.9.9.9"));
    }

    private void refused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aRemovedMemberIsRedeemedAgainWithTheSameCodeTakingTheUseOnce() {
        RedeemCode code = w.code(w.distributor, 1);
        Invitation first = w.joined(code, ALICE);
        w.removal.remove(new RemoveMemberCommand(w.distributor.id(), ALICE, team.id(), Optional.empty()));
        assertThat(w.f.reload(code).usedCount()).isZero();

        RedemptionResult again = reinvite(ALICE);

        assertThat(again.repeated()).isFalse();
        assertThat(again.invitation().state()).isEqualTo(RESERVED);
        assertThat(again.invitation().codeId()).isEqualTo(code.id());
        assertThat(again.invitation().id()).isNotEqualTo(first.id());
        assertThat(w.f.reload(code).usedCount()).isEqualTo(1);
        assertThat(w.f.storage.auditLog().latest(1).get(0).action()).isEqualTo("MEMBER_REINVITE");

        // a second request finds the member back in the team: nothing to re-invite, nothing taken
        refused(() -> reinvite(ALICE), ErrorCode.NOTHING_TO_REINVITE);
        assertThat(w.f.reload(code).usedCount()).isEqualTo(1);
    }

    @Test
    void nothingToReinvite() {
        RedeemCode code = w.code(w.distributor, 1);
        w.joined(code, ALICE);
        refused(() -> reinvite(ALICE), ErrorCode.NOTHING_TO_REINVITE);
        refused(() -> reinvite(Email.of("nobody@host.com")), ErrorCode.NOT_FOUND);

        RedeemCode expiring = w.code(w.distributor, 1);
        Email bob = Email.of("bob@host.com");
        w.joined(expiring, bob);
        w.f.clock.advance(Duration.ofDays(31));
        w.jobs.expireMembers();
        refused(() -> reinvite(bob), ErrorCode.NOTHING_TO_REINVITE);
        assertThat(w.f.reload(expiring).usedCount()).isEqualTo(1);
    }

    @Test
    void anotherDistributorsRemovedMemberIsNotFound() {
        RedeemCode theirs = w.code(w.other, 1);
        w.joined(theirs, ALICE);
        w.removal.remove(new RemoveMemberCommand(w.other.id(), ALICE, team.id(), Optional.empty()));

        refused(() -> reinvite(ALICE), ErrorCode.NOT_FOUND);
        assertThat(w.f.reload(theirs).usedCount()).isZero();
    }
}
