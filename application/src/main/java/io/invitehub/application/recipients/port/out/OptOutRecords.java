package io.invitehub.application.recipients.port.out;

import io.invitehub.application.recipients.view.OptOutEntry;
import io.invitehub.domain.shared.Email;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reading the opt-outs (writes go through {@code Recipients}). */
public interface OptOutRecords {

    /** The last row of a page: its time and the MD5 (hex) of its e-mail, the tie-break of the order. */
    record After(Instant createdAt, String emailDigest) {
    }

    /** Newest first (time, then the e-mail's MD5, descending), after {@code after}, only {@code email}'s when given; at most {@code limit}. */
    List<OptOutEntry> optOuts(Optional<Email> email, Optional<After> after, int limit);
}
