package io.invitehub.application.shared.port.in;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.util.Objects;
import java.util.Optional;

/** A page of a keyset-paginated list: at most {@code limit} (1–500) rows after {@code cursor} (from the previous page). */
public record PageRequest(int limit, Optional<PageCursor> cursor) {
    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;

    public PageRequest {
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    /** Parses the edge's values: {@code cursor} as sent by a client (null or blank: first page). */
    public static PageRequest of(int limit, String cursor) {
        return new PageRequest(limit, cursor == null || cursor.isBlank() ? Optional.empty() : Optional.of(PageCursor.parse(cursor)));
    }
}
