package io.invitehub.application.distributors.view;

import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.invitation.InvitationState;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters of the sales list: state, {@code createdAt} in {@code [from, to)}, {@code prefix}: an
 * e-mail prefix (lower case) or a code prefix (normal form: upper case, no hyphens or spaces), and
 * {@code tags}: the customer carries every one of them (CRM, ADR 36).
 */
public record SalesFilter(Optional<InvitationState> status, Optional<Instant> from, Optional<Instant> to, Optional<String> prefix,
                          List<Tag> tags) {
    public static final SalesFilter NONE = new SalesFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public SalesFilter {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        prefix = prefix.map(String::strip).filter(p -> !p.isEmpty());
        tags = List.copyOf(tags);
    }

    /** Without a tag filter. */
    public SalesFilter(Optional<InvitationState> status, Optional<Instant> from, Optional<Instant> to, Optional<String> prefix) {
        this(status, from, to, prefix, List.of());
    }
}
