package io.invitehub.application.site.port.out;

import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.user.Actor;

import java.time.Instant;
import java.util.Optional;

/** The platform's site settings: one row in PostgreSQL (V34 {@code platform_settings}). Read it, write it. */
public interface PlatformSettings {

    /** The stored settings; empty before the first start wrote them. */
    Optional<PlatformSite> read();

    /** Stores {@code site} in place of what was there (or as the first row), by {@code by} at {@code at}. */
    void write(PlatformSite site, Actor by, Instant at);
}
