package io.invitehub.application.site.port.in;

import io.invitehub.application.site.view.PlatformSettingsView;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.brand.PlatformTerms;
import io.invitehub.domain.user.Actor;

/**
 * The platform's settings: its name, logo, support contact and announcement (the customers' official page), read
 * by anyone, and its terms (default settlement price, payment window, ADR 51); written at the first start from the
 * configuration and by an ADMIN after that.
 */
public interface PlatformSiteUseCase extends PlatformTermsQuery {

    /** The stored site, or the first-start defaults when none is stored yet. */
    PlatformSite site();

    /**
     * Stores {@code defaults} and the configured terms unless they are stored already (the first start; the terms
     * also on the first start after V48); the site in force.
     */
    PlatformSite ensureDefaults(PlatformSite defaults);

    /**
     * Everything the Settings page shows.
     *
     * @throws io.invitehub.domain.shared.DomainException FORBIDDEN unless ADMIN
     */
    PlatformSettingsView settings(Actor admin);

    /**
     * Replaces the site and the terms (audited, in one transaction).
     *
     * @throws io.invitehub.domain.shared.DomainException FORBIDDEN unless ADMIN (or the system)
     */
    PlatformSettingsView update(Actor admin, PlatformSite site, PlatformTerms terms);
}
