package io.invitehub.application.brands.view;

import io.invitehub.domain.brand.CustomHost;
import io.invitehub.domain.brand.Slug;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A custom host a distributor asked for, as staff see it: who, its slug, the host, and when it was verified (empty: waiting). */
public record CustomHostRequest(UserId distributor, String username, Slug slug, CustomHost host, Optional<Instant> verifiedAt) {
    public CustomHostRequest {
        Objects.requireNonNull(distributor, "distributor");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }
}
