package io.invitehub.application.site.port.in;

import io.invitehub.domain.brand.PlatformTerms;

/**
 * The platform's terms in force (ADR 51): what the services that price and time things read each time they need them,
 * so an ADMIN's change applies to the next order and the next statistic without a restart.
 */
public interface PlatformTermsQuery {

    /** The stored terms, or the configuration's before the first start stored them. */
    PlatformTerms terms();

    /**
     * The configuration's terms, which {@link #terms()} answers until terms are stored: no read of the store. A reader
     * that reads the stored price in its own statement (the distributor summary, ADR 84) passes these as its fallback.
     * By default {@link #terms()}.
     */
    default PlatformTerms configured() {
        return terms();
    }

    /** Always {@code terms} (for tests and for services built without the store). */
    static PlatformTermsQuery fixed(PlatformTerms terms) {
        java.util.Objects.requireNonNull(terms, "terms");
        return () -> terms;
    }
}
