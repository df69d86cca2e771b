package io.invitehub.application.port.out;

import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.order.OrderId;
import io.invitehub.domain.shared.Email;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Storage of redeem codes. Every counter change is one atomic conditional update. */
public interface RedeemCodes {

    /** A plain read, no lock. */
    Optional<RedeemCode> findByCode(Code code);

    Optional<RedeemCode> findById(RedeemCodeId id);

    /**
     * Locks the code's row until the surrounding transaction ends and returns its current state,
     * so concurrent redemptions of one code are serialised while other codes proceed.
     */
    RedeemCode lock(RedeemCodeId id);

    /**
     * {@link #lock} for a redemption to {@code recipient}: also takes the recipient's lock until the
     * transaction ends, so two redemptions to one e-mail (through different codes) never take their
     * use, seat and invitation at the same time — the second sees the first one's invitation, committed,
     * instead of waiting on its unique index entry while holding statistics and team rows (ADR 28).
     */
    RedeemCode lockForRedemption(RedeemCodeId id, Email recipient);

    /**
     * Locks the rows of these codes in ascending id order (the lock order of ADR 28) and returns their
     * current state in that order; ids without a code are left out.
     */
    List<RedeemCode> lockAll(Collection<RedeemCodeId> ids);

    /**
     * Takes one use: {@code used_count + 1} only while {@code max_uses = 0 OR used_count < max_uses}.
     *
     * @throws io.invitehub.domain.shared.DomainException {@code CODE_USED_UP} when no use is left
     */
    void takeUse(RedeemCodeId id);

    /**
     * Binds the code to {@code email} when it is unbound; a code already bound to the same e-mail
     * is left as it is.
     *
     * @throws io.invitehub.domain.code.EmailMismatchException when bound to another e-mail
     */
    void bindEmail(RedeemCodeId id, Email email);

    /**
     * {@link #takeUse} and {@link #bindEmail} as one step (the redemption's hot path: one conditional
     * update of the row instead of two). Refuses like them, used up first, and then changes nothing.
     *
     * @throws io.invitehub.domain.shared.DomainException {@code CODE_USED_UP} when no use is left
     * @throws io.invitehub.domain.code.EmailMismatchException when bound to another e-mail
     */
    default void takeUseAndBind(RedeemCodeId id, Email email) {
        takeUse(id);
        bindEmail(id, email);
    }

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

    /**
     * Inserts the candidates that do not exist yet ({@code ON CONFLICT DO NOTHING}) in bulk and
     * returns those inserted; the caller regenerates the rest.
     */
    default List<Code> insertNew(Collection<Code> candidates, CodeTerms terms, Instant now) {
        return insertNew(candidates, terms, Optional.empty(), now);
    }

    /** As {@link #insertNew(Collection, CodeTerms, Instant)}, the new codes linked to {@code order} (the purchase that created them). */
    List<Code> insertNew(Collection<Code> candidates, CodeTerms terms, Optional<OrderId> order, Instant now);

    /**
     * Records the code's first join: {@code activated_at = at} and {@code member_expires_at = at +
     * validity_days}, only while {@code activated_at} is null (a later join, for example after a
     * rebind, changes nothing). Returns whether this call activated the code.
     */
    boolean activate(RedeemCodeId id, Instant at);

    /** Enables or disables the code. Returns false when no such code exists. */
    boolean setActive(RedeemCodeId id, boolean active);

    /**
     * Deletes the code when it was never used: {@code used_count = 0}, no e-mail bound, and no
     * invitation references it. Conditional and atomic, so a concurrent redemption either wins (and
     * the code stays) or finds no code.
     */
    Deletion deleteIfUnused(RedeemCodeId id);

    enum Deletion { DELETED, IN_USE, NOT_FOUND }
}
