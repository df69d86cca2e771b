package io.invitehub.application.distributors.port.out;

import java.time.Instant;
import java.util.Objects;

/** The keyset position of a row ordered by {@code created_at DESC, id DESC}: the next page starts after it. */
public record CreatedKey(Instant createdAt, long id) {
    public CreatedKey {
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
