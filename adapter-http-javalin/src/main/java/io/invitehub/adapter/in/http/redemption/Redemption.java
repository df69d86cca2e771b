package io.invitehub.adapter.in.http.redemption;

import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.domain.invitation.InvitationState;

import java.time.Instant;
import java.util.UUID;

/** The answer of a redemption (and of a distributor's re-invite, which redeems again): snake_case on the wire. */
public record Redemption(boolean success, String state, UUID invitationId, String invitationState, String teamName,
                         Long queuePosition, Instant expiresAt, long remainingDays, boolean repeated, String message) {

    public static Redemption of(RedemptionResult result) {
        String team = result.teamName().orElse(null);
        Long position = result.queuePosition().orElse(null);
        return new Redemption(true, result.outcome().name(), result.invitation().publicId(),
                result.invitation().state().name(), team, position, result.memberExpiresAt().orElse(null),
                result.remainingDays(), result.repeated(), message(result, team, position));
    }

    private static String message(RedemptionResult result, String team, Long position) {
        String base;
        if (result.outcome() == RedemptionResult.Outcome.WAITING_FOR_SEAT) {
            base = position == null
                    ? "All seats are taken; you are in the queue."
                    : "All seats are taken; you are number " + position + " in the queue.";
        } else if (result.invitation().state() == InvitationState.RESERVED) {
            base = "Your invitation to " + (team == null ? "the team" : team)
                    + " is being sent; check your mailbox in a few minutes.";
        } else if (result.invitation().state() == InvitationState.INVITED) {
            base = "Your invitation to " + (team == null ? "the team" : team) + " has been sent; check your mailbox.";
        } else {
            base = "You are a member of " + (team == null ? "the team" : team) + ".";
        }
        return result.repeated()
                ? "This code was already redeemed for this e-mail; your existing invitation is returned. " + base
                : base;
    }
}
