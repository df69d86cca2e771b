package io.invitehub.application.audit.view;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the admin asks of the audit log: entries by one actor (its username, exactly, any case), of one
 * {@code action} (exactly, e.g. {@code TEAM_CREATE}), written in {@code [from, to)}; each optional.
 */
public record AuditFilter(Optional<String> actor, Optional<String> action, Optional<Instant> from, Optional<Instant> to) {
    public AuditFilter {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public static AuditFilter none() {
        return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A stable text of the filter, naming its cursors' list (a cursor of another filter is refused). */
    public String canonical() {
        return actor.orElse("") + "|" + action.orElse("") + "|" + from.map(Instant::toString).orElse("") + "|"
                + to.map(Instant::toString).orElse("");
    }
}
