package io.invitehub.application.membership.port.in;

import io.invitehub.application.redemption.port.in.RedemptionResult;

/**
 * Re-invite (SPEC section 4, {@code POST /members/add}): a member this distributor removed redeems the same
 * code again through the normal redemption path: it takes a use (the removal gave one back), so nothing
 * is counted twice; refused when there is nothing to re-invite or no use is left.
 */
public interface ReinviteMemberUseCase {
    RedemptionResult reinvite(ReinviteCommand command);
}
