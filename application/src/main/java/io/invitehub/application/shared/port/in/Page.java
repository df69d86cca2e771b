package io.invitehub.application.shared.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a list and the cursor of the next page (empty on the last page). */
public record Page<T>(List<T> items, Optional<PageCursor> next) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }

    /** The opaque text of {@link #next()} for a response's {@code next_cursor}. */
    public Optional<String> nextCursor() {
        return next.map(PageCursor::encode);
    }
}
