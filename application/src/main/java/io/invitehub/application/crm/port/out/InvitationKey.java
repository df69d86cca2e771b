package io.invitehub.application.crm.port.out;

import java.time.Instant;
import java.util.Objects;

/** The keyset position of an invitation in {@code created_at DESC, id DESC} order. */
public record InvitationKey(Instant createdAt, long id) {
    public InvitationKey {
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
