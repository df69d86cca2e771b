package io.invitehub.application.membership.port.in;

import io.invitehub.application.membership.view.RemovalFailure;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.user.Actor;

import java.util.List;
import java.util.Optional;

/**
 * Member removal (SPEC section 6): one conditional claim, the provider call only by the winner, then
 * REMOVED with the seat released and the use given back in one transaction. Concurrent identical
 * requests: one removes, the others answer "already removed" or REMOVAL_IN_PROGRESS. A provider
 * failure leaves everything as it was and is PROVIDER_FAILED (502).
 */
public interface RemoveMemberUseCase {
    /** A distributor removes its own customer; anyone else's (or nobody) is NOT_FOUND, the same answer. */
    RemovalResult remove(RemoveMemberCommand command);

    /** Staff remove any member by invitation id (also a flagged failure, as a retry), or cancel a queued one. */
    RemovalResult removeByStaff(Actor actor, InvitationId invitation, Optional<String> reason);

    /** Invitations whose background removal kept failing (staff), by id. */
    List<RemovalFailure> removalFailures(Optional<InvitationId> after, int limit);
}
