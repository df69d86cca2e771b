package io.invitehub.application.site.port.in;

import io.invitehub.domain.brand.PlatformTerms;

/**
 * The platform's terms in force (ADR 51): what the services that price and time things read each time they need them,
 * so an ADMIN's change applies to the next order and the next statistic without a restart.
 */
public interface PlatformTermsQuery {

    /** The stored terms, or the configuration's before the first start stored them. */
    PlatformTerms terms();

    /** Always {@code terms} (for tests and for services built without the store). */
    static PlatformTermsQuery fixed(PlatformTerms terms) {
        java.util.Objects.requireNonNull(terms, "terms");
        return () -> terms;
    }
}
