package io.invitehub.application.mail.port.out;

import io.invitehub.application.shared.port.out.OutgoingMail;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The mail workers' side of the outbox: claim one due mail (SKIP LOCKED, a claim token and a lease; a
 * claim whose holder died is due again when its lease ends), then settle it with that token (a write
 * with a stale token changes nothing). Settling erases the sealed values.
 */
public interface MailQueue {

    /** A claimed mail: its row, the claim's token, and the attempt this is (1 for the first). */
    record ClaimedMail(long id, String claimToken, int attempt, OutgoingMail mail) {
        @Override
        public String toString() {
            return "ClaimedMail[" + id + ", attempt " + attempt + ", " + mail + "]";
        }
    }

    /** The oldest due mail, claimed until {@code now + lease}; empty when none is due. */
    Optional<ClaimedMail> claimNext(Instant now, Duration lease);

    /** SENT; false when the claim was lost. */
    boolean sent(ClaimedMail mail, Instant now);

    /** Due again at {@code at}, with the error; false when the claim was lost. */
    boolean retryAt(ClaimedMail mail, Instant at, String error);

    /** FAILED for good, with the error; false when the claim was lost. */
    boolean failed(ClaimedMail mail, String error);

    /** Deletes up to {@code limit} SENT or FAILED mails written before {@code before}; answers how many. */
    int purgeSettled(Instant before, int limit);
}
