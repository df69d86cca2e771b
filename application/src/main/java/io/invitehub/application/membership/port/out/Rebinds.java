package io.invitehub.application.membership.port.out;

import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;

import java.util.List;

/** A member's move to another team (ADR 12): the old invitation points at the rebind invitation until the move settles. */
public interface Rebinds {

    /**
     * True while {@code rebind}'s move is not settled: the member's old invitation (same code and e-mail,
     * {@code rebind_to} = it) is still JOINED or is being removed (ADR 12, ADR 21). One range of the
     * code's invitations.
     */
    boolean moveUnsettled(Invitation rebind);

    /** Records that the JOINED invitation {@code member} is moving to {@code rebind}; false when it is not JOINED or already moving. */
    boolean markRebinding(InvitationId member, InvitationId rebind);

    /**
     * Ends the move of JOINED invitations whose rebind invitation ended without reaching INVITED (FAILED,
     * CANCELLED): the member stays where they are and may try again. Returns those invitations, at most {@code limit}.
     */
    List<Invitation> releaseFailedRebinds(int limit);
}
