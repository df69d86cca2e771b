package io.invitehub.application.site.port.out;

import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.brand.PlatformTerms;
import io.invitehub.domain.user.Actor;

import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/**
 * The platform's settings: one row in PostgreSQL (V46 {@code platform_settings}, the terms since V48). Read it, write it.
 */
public interface PlatformSettings {

    /** The stored settings; empty before the first start wrote them. */
    Optional<PlatformSite> read();

    /** Stores {@code site} in place of what was there (or as the first row), by {@code by} at {@code at}. */
    void write(PlatformSite site, Actor by, Instant at);

    /** The stored terms, the price in {@code currency}; empty before the first start stored them (a row from before V48). */
    Optional<PlatformTerms> terms(Currency currency);

    /** Stores {@code terms} in the row {@link #write} created, by {@code by} at {@code at}. */
    void writeTerms(PlatformTerms terms, Actor by, Instant at);
}
