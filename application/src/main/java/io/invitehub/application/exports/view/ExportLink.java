package io.invitehub.application.exports.view;

import java.time.Instant;
import java.util.Objects;

/** A signed download token for one export, valid until {@code expiresAt}. */
public record ExportLink(String token, Instant expiresAt) {
    public ExportLink {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "ExportLink[expiresAt=" + expiresAt + "]";
    }
}
