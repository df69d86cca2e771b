package io.invitehub.application.site.port.in;

import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.user.Actor;

/**
 * The platform's name, logo, support contact and announcement (the customers' official page): read by anyone,
 * written at the first start from the configuration and by an ADMIN after that.
 */
public interface PlatformSiteUseCase {

    /** The stored settings, or the first-start defaults when none are stored yet. */
    PlatformSite site();

    /** Stores {@code defaults} unless settings are stored already (the first start); the settings in force. */
    PlatformSite ensureDefaults(PlatformSite defaults);

    /**
     * Replaces the settings (audited, in one transaction).
     *
     * @throws io.invitehub.domain.shared.DomainException FORBIDDEN unless ADMIN (or the system)
     */
    PlatformSite update(Actor admin, PlatformSite site);
}
