package io.invitehub.application.exports.port.out;

import io.invitehub.application.exports.port.in.ExportRequest;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;

/** What a signed export link carries: who may use it, for which export, until when. */
public record ExportTicket(UserId user, ExportRequest request, Instant expiresAt) {
    public ExportTicket {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
