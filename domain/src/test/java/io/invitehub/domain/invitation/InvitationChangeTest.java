package io.invitehub.domain.invitation;

import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;

import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lifecycle rules of {@link Invitation}: what each transition changes, and what removal means. */
class InvitationChangeTest {
    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00.123456Z");
    private static final Instant LATER = CREATED.plusSeconds(60);
    private static final Instant LATEST = CREATED.plusSeconds(120);
    private static final TeamId TEAM = new TeamId(5);

    private static Invitation invitation(InvitationState state, Instant invitedAt, Instant acceptedAt) {
        return Invitation.restore(new InvitationId(9), UUID.fromString("3f0c1a52-8d7e-4b4e-9a37-2f0d7c3b1e11"),
                new RedeemCodeId(3), new UserId(2), state == WAITING ? null : TEAM, Email.of("alice@host.com"), state,
                false, state == WAITING ? 4L : null, 1, "timeout", null, CREATED, invitedAt, acceptedAt, null);
    }

    @Test
    void invitedRecordsTheFirstInviteTimeAndLeavesTheOutbox() {
        InvitationChange change = invitation(RESERVED, null, null).moveTo(INVITED, LATER, "ignored");

        assertThat(change.from()).isEqualTo(RESERVED);
        assertThat(change.to()).isEqualTo(INVITED);
        assertThat(change.recordsInvitedAt()).isTrue();
        assertThat(change.recordsAcceptedAt()).isFalse();
        assertThat(change.ends()).isFalse();
        assertThat(change.endReason()).isEmpty();
        assertThat(change.leavesOutbox()).isTrue();
        assertThat(change.entersOutbox()).isFalse();

        Invitation invited = change.applyTo(invitation(RESERVED, null, null));
        assertThat(invited.state()).isEqualTo(INVITED);
        assertThat(invited.invitedAt()).contains(LATER);
        assertThat(invited.acceptedAt()).isEmpty();
        assertThat(invited.endedAt()).isEmpty();
        assertThat(invited.endReason()).isEmpty();
        assertThat(invited.teamId()).contains(TEAM);
        assertThat(invited.attempts()).isEqualTo(1);
        assertThat(invited.lastError()).contains("timeout");
    }

    @Test
    void aReturnFromRemovingKeepsTheFirstInviteAndAcceptTimes() {
        Invitation removing = invitation(REMOVING, CREATED, LATER);

        Invitation back = removing.moveTo(JOINED, LATEST, null).applyTo(removing);

        assertThat(back.state()).isEqualTo(JOINED);
        assertThat(back.invitedAt()).contains(CREATED);
        assertThat(back.acceptedAt()).contains(LATER);
    }

    @Test
    void joinedRecordsTheAcceptTime() {
        Invitation invited = invitation(INVITED, LATER, null);

        Invitation joined = invited.moveTo(JOINED, LATEST, null).applyTo(invited);

        assertThat(joined.acceptedAt()).contains(LATEST);
        assertThat(joined.invitedAt()).contains(LATER);
    }

    @Test
    void anEndRecordsWhenAndWhyAndLeavesTheOutbox() {
        Invitation reserved = invitation(RESERVED, null, null);

        InvitationChange change = reserved.moveTo(FAILED, LATER, "provider refused");
        Invitation failed = change.applyTo(reserved);

        assertThat(change.ends()).isTrue();
        assertThat(change.leavesOutbox()).isTrue();
        assertThat(failed.state()).isEqualTo(FAILED);
        assertThat(failed.endedAt()).contains(LATER);
        assertThat(failed.endReason()).contains("provider refused");
        assertThat(failed.invitedAt()).isEmpty();
    }

    @Test
    void promotionTakesTheSeatAndEntersTheOutbox() {
        Invitation waiting = invitation(WAITING, null, null);

        InvitationChange change = waiting.promoteTo(new TeamId(7), LATER);
        Invitation reserved = change.applyTo(waiting);

        assertThat(change.seatIn()).contains(new TeamId(7));
        assertThat(change.entersOutbox()).isTrue();
        assertThat(change.leavesOutbox()).isFalse();
        assertThat(reserved.state()).isEqualTo(RESERVED);
        assertThat(reserved.teamId()).contains(new TeamId(7));
        assertThat(reserved.queueSeq()).contains(4L);
    }

    @Test
    void onlyReservedInvitationsStayInTheOutbox() {
        int legal = 0;
        for (InvitationState from : InvitationState.values()) {
            for (InvitationState to : from.next()) {
                if (to == REMOVING) {
                    continue;
                }
                InvitationChange change = new InvitationChange(new InvitationId(1), from, to,
                        to == RESERVED ? Optional.of(TEAM) : Optional.empty(), LATER, Optional.empty());
                assertThat(change.leavesOutbox()).as(from + " → " + to).isEqualTo(to != RESERVED);
                assertThat(change.entersOutbox()).as(from + " → " + to).isEqualTo(to == RESERVED);
                legal++;
            }
        }
        assertThat(legal).isEqualTo(16);
    }

    @Test
    void illegalMovesAreProgrammingErrors() {
        assertThatThrownBy(() -> invitation(JOINED, CREATED, LATER).moveTo(INVITED, LATER, null))
                .isInstanceOf(IllegalStateException.class).hasMessage("an invitation cannot move from JOINED to INVITED");
        assertThatThrownBy(() -> invitation(JOINED, CREATED, LATER).moveTo(REMOVING, LATER, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("REMOVING is entered through a removal claim, which records why and since when");
        assertThatThrownBy(() -> invitation(WAITING, null, null).moveTo(RESERVED, LATER, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("RESERVED takes a seat: use promoteTo");
        assertThatThrownBy(() -> invitation(INVITED, LATER, null).promoteTo(TEAM, LATER))
                .isInstanceOf(IllegalStateException.class).hasMessage("an invitation cannot move from INVITED to RESERVED");
    }

    @Test
    void aChangeAppliesOnlyToTheStateItWasComputedFrom() {
        InvitationChange change = invitation(RESERVED, null, null).moveTo(INVITED, LATER, null);

        assertThatThrownBy(() -> change.applyTo(invitation(FAILED, null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("change RESERVED → INVITED does not apply to Invitation[9, a***e@host.com, FAILED]");
    }

    @Test
    void removalClaimsMembersCancelsQueuedOnesForStaffAndRefusesTheRest() {
        assertThat(invitation(INVITED, LATER, null).removal(false)).isEqualTo(RemovalStep.CLAIM);
        assertThat(invitation(JOINED, LATER, LATEST).removal(true)).isEqualTo(RemovalStep.CLAIM);
        assertThat(invitation(REMOVED, LATER, null).removal(false)).isEqualTo(RemovalStep.ALREADY_REMOVED);
        assertThat(invitation(WAITING, null, null).removal(true)).isEqualTo(RemovalStep.CANCEL_QUEUED);
        assertThat(invitation(WAITING, null, null).removal(false)).isEqualTo(RemovalStep.NOT_A_MEMBER);

        assertThatThrownBy(() -> invitation(REMOVING, LATER, null).removal(true)).isInstanceOf(DomainException.class)
                .hasMessage("This member is being removed right now.")
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.REMOVAL_IN_PROGRESS));
        assertThatThrownBy(() -> invitation(RESERVED, null, null).removal(false)).isInstanceOf(DomainException.class)
                .hasMessage("The invitation is being sent right now; try again in a minute.")
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.CONFLICT));
        for (InvitationState ended : EnumSet.of(CANCELLED, FAILED, EXPIRED, REBOUND)) {
            assertThatThrownBy(() -> invitation(ended, null, null).removal(true)).isInstanceOf(DomainException.class)
                    .hasMessage("This invitation already ended (" + ended + ").")
                    .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.CONFLICT));
        }
    }
}
