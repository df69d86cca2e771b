package io.invitehub.application.shop.port.out;

import java.time.Instant;

/** The keyset position of an order in a newest-first list: (created_at, id). */
public record OrderKey(Instant createdAt, long id) {
}
