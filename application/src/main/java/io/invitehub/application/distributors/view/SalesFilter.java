package io.invitehub.application.distributors.view;

import io.invitehub.domain.invitation.InvitationState;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters of the sales list: state, {@code createdAt} in {@code [from, to)}, and {@code prefix}: an
 * e-mail prefix (lower case) or a code prefix (normal form: upper case, no hyphens or spaces).
 */
public record SalesFilter(Optional<InvitationState> status, Optional<Instant> from, Optional<Instant> to, Optional<String> prefix) {
    public static final SalesFilter NONE = new SalesFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public SalesFilter {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        prefix = prefix.map(String::strip).filter(p -> !p.isEmpty());
    }
}
