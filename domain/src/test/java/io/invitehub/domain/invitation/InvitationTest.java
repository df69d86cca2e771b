package io.invitehub.domain.invitation;

import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvitationTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final UUID PUBLIC_ID = UUID.fromString("3f0c1a52-8d7e-4b4e-9a37-2f0d7c3b1e11");

    private static Invitation restore(InvitationState state, TeamId team, Long queueSeq) {
        return Invitation.restore(new InvitationId(9), PUBLIC_ID, new RedeemCodeId(3), new UserId(2), team,
                Email.of("alice@host.com"), state, false, queueSeq, 0, null, null, NOW, null, null, null);
    }

    @Test
    void refusesEverySeatHoldingStateWithoutATeam() {
        for (InvitationState state : InvitationState.seatHolding()) {
            assertThatThrownBy(() -> restore(state, null, null)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("a " + state + " invitation must have a team");
        }
    }

    @Test
    void aWaitingOrEndedInvitationNeedsNoTeam() {
        Invitation waiting = restore(InvitationState.WAITING, null, 4L);
        assertThat(waiting.teamId()).isEmpty();
        assertThat(waiting.queueSeq()).contains(4L);
        assertThat(restore(InvitationState.CANCELLED, null, null).state()).isEqualTo(InvitationState.CANCELLED);
    }

    @Test
    void keepsWhatItWasRestoredWith() {
        Invitation inv = restore(InvitationState.RESERVED, new TeamId(5), null);

        assertThat(inv.id()).isEqualTo(new InvitationId(9));
        assertThat(inv.publicId()).isEqualTo(PUBLIC_ID);
        assertThat(inv.codeId()).isEqualTo(new RedeemCodeId(3));
        assertThat(inv.distributorId()).contains(new UserId(2));
        assertThat(inv.teamId()).contains(new TeamId(5));
        assertThat(inv.email()).isEqualTo(Email.of("alice@host.com"));
        assertThat(inv.queueSeq()).isEmpty();
        assertThat(inv.createdAt()).isEqualTo(NOW);
        assertThat(inv.invitedAt()).isEmpty();
        assertThat(inv.lastError()).isEmpty();
        assertThat(inv.toString()).isEqualTo("Invitation[9, a***e@host.com, RESERVED]");
    }
}
