package io.invitehub.application.recipients.port.out;

import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What protects the owners of e-mail addresses from unwanted invitations (SPEC section 9): recent
 * invitations per e-mail, removals per distributor, the admin blocklist and the opt-outs. Kept in
 * PostgreSQL: these are facts, not counters that may be lost.
 */
public interface Recipients {

    /** What {@link #screen} found about one e-mail address. */
    record Screening(Optional<BlockEntry> block, boolean optedOut, List<Instant> recent) {
        public Screening {
            Objects.requireNonNull(block, "block");
            recent = List.copyOf(recent);
        }
    }

    /**
     * {@link #findBlock}, {@link #isOptedOut} and {@link #recentInvitations} together, in one read
     * (redemption asks all three for every new invitation).
     */
    default Screening screen(Email email, Instant since, int limit) {
        return new Screening(findBlock(email), isOptedOut(email), recentInvitations(email, since, limit));
    }

    /**
     * Creation times of the newest non-rebind invitations of {@code email} created after
     * {@code since} (exclusive), newest first, at most {@code limit}.
     */
    List<Instant> recentInvitations(Email email, Instant since, int limit);

    /** When {@code distributor} last removed {@code email} (an invitation of its codes ended REMOVED). */
    Optional<Instant> lastRemoval(UserId distributor, Email email);

    /** The entry that covers {@code email}: the address itself, its domain or a parent domain. */
    Optional<BlockEntry> findBlock(Email email);

    /** Adds an entry; empty when the same kind and value is already listed. {@code value} is normalised by the caller. */
    Optional<BlockEntry> addBlock(BlockKind kind, String value, Optional<String> reason, Optional<UserId> createdBy, Instant now);

    /** Removes an entry; false when there was none with this id. */
    boolean removeBlock(long id);

    /** Entries by id, after {@code after}, at most {@code limit}. */
    List<BlockEntry> blocks(Optional<Long> after, int limit);

    /** Records that the owner of {@code email} (proven with a code bound to it) wants no further invitations; false when already recorded. */
    boolean optOut(Email email, RedeemCodeId proof, Instant now);

    boolean isOptedOut(Email email);

    /** Lifts an opt-out (admin, at the owner's request); false when there was none. */
    boolean liftOptOut(Email email);
}
