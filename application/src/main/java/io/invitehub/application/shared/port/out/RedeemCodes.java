package io.invitehub.application.shared.port.out;

import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.order.OrderId;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Storage of redeem codes: reads, the row locks (ADR 28), inserts, activation, toggling and deletion. Uses and rebinds are counted by {@link CodeUses}. */
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
     * A new redemption of {@code code} by {@code email} at {@code now} in one round trip where the storage can
     * (ADR 58, ADR 64): the code read and its checks, {@link #lockForRedemption}, the e-mail's open invitations, the
     * recipient screening ({@code cap} non-rebind invitations created after {@code since}), the use and the bind, a
     * seat unless someone waits in the code's queue ({@code policy}) and the RESERVED invitation — the statements
     * of a redemption, in their order. It writes nothing unless every check passes: on any refusal, and on an
     * idempotent repeat, it answers {@link NewRedemption.Outcome#NOT_TAKEN}, at least as strict as
     * {@link RedeemCode#ensureAccepts} and the recipient policy, and the caller redeems statement by statement (which
     * refuses with the reason, or finds the repeat). A storage may always answer NOT_TAKEN (the fakes do).
     */
    NewRedemption redeemNew(Code code, Email email, Instant now, Instant since, int cap, AllocationPolicy policy);

    /**
     * Locks the rows of these codes in ascending id order (the lock order of ADR 28) and returns their
     * current state in that order; ids without a code are left out.
     */
    List<RedeemCode> lockAll(Collection<RedeemCodeId> ids);

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
