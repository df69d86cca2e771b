package io.invitehub.application.redemption.port.in;

import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;

import java.time.Instant;
import java.util.Optional;

/**
 * The answer to a redemption: the invitation (new, or the open one for an idempotent repeat), the
 * team it holds a seat in, its place in the queue when it waits, and the membership it gives.
 */
public record RedemptionResult(Invitation invitation, Optional<String> teamName, Optional<Long> queuePosition,
                               Optional<Instant> memberExpiresAt, long remainingDays, boolean repeated) {

    public enum Outcome { INVITE_QUEUED, WAITING_FOR_SEAT }

    public Outcome outcome() {
        return invitation.state() == InvitationState.WAITING ? Outcome.WAITING_FOR_SEAT : Outcome.INVITE_QUEUED;
    }
}
