package io.invitehub.application.recipients.port.in;

import io.invitehub.application.recipients.view.OptOutEntry;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.Actor;

import java.util.Optional;

/** The opt-outs as the admin's anti-harassment page lists them (issue 14). ADMIN only. */
public interface OptOutQueries {

    /** Opt-outs newest first, keyset-paged; with {@code email}, only that address's (none or one). */
    Page<OptOutEntry> optOuts(Actor admin, Optional<Email> email, PageRequest page);
}
