package io.invitehub.application.shared.port.out;

import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.shared.Email;

/** The counters of a code: uses taken and given back (at most once per invitation), rebinds. Every change is one atomic conditional update. */
public interface CodeUses {

    /**
     * Takes one use and binds the code to {@code email}, as one conditional update of the row (the
     * redemption's hot path): {@code used_count + 1} only while {@code max_uses = 0 OR used_count < max_uses},
     * and {@code bound_email = email} when unbound (a code bound to the same e-mail stays as it is). Refuses
     * used up first, then a mismatch, and then changes nothing.
     *
     * @throws io.invitehub.domain.shared.DomainException {@code CODE_USED_UP} when no use is left
     * @throws io.invitehub.domain.code.EmailMismatchException when bound to another e-mail
     */
    void takeUseAndBind(RedeemCodeId id, Email email);

    /**
     * Gives back the use held by this invitation, at most once over the invitation's life
     * ({@code GREATEST(used_count - 1, 0)}). Returns whether a use was given back by this call.
     */
    boolean giveUseBack(InvitationId invitation);

    /**
     * Moves the use held by {@code from} to {@code to} (a rebind: the member's use goes with them to the
     * new team) without changing {@code used_count}: only when {@code from} holds one and {@code to} does
     * not. Returns whether it moved.
     */
    boolean moveUse(InvitationId from, InvitationId to);

    /** Counts one rebind: {@code rebind_count + 1} only while {@code rebind_count < rebind_limit}; false when none is left. */
    boolean takeRebind(RedeemCodeId id);

    /** Gives a rebind back after the move failed ({@code GREATEST(rebind_count - 1, 0)}). */
    void giveRebindBack(RedeemCodeId id);
}
