package io.invitehub.application.shared.port.out;

import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An invitation to be stored: RESERVED with a team, or WAITING without one (storage assigns its
 * queue sequence). {@code holdsUse} is false for rebinds, which take no use.
 */
public record NewInvitation(RedeemCodeId codeId, Optional<UserId> distributorId, Optional<TeamId> teamId, Email email,
                            InvitationState state, boolean rebind, boolean holdsUse, Instant now) {
    public NewInvitation {
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(now, "now");
        if (state != InvitationState.RESERVED && state != InvitationState.WAITING) {
            throw new IllegalArgumentException("a new invitation is RESERVED or WAITING, not " + state);
        }
        if ((state == InvitationState.RESERVED) != teamId.isPresent()) {
            throw new IllegalArgumentException("a RESERVED invitation has a team, a WAITING one has none");
        }
    }
}
