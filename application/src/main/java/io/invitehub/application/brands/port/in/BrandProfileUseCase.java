package io.invitehub.application.brands.port.in;

import io.invitehub.application.brands.view.BrandProfile;
import io.invitehub.domain.brand.Brand;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;

/** A distributor's own brand profile (SPEC sections 4 and 9): read it, replace it. */
public interface BrandProfileUseCase {

    /**
     * The caller's profile.
     *
     * @throws io.invitehub.domain.shared.DomainException UNAUTHORIZED for an unknown caller, FORBIDDEN for one that
     *         may not act or is no distributor
     */
    BrandProfile profile(UserId caller);

    /**
     * Replaces the caller's brand (audited, in one transaction). A changed custom host waits for staff to verify it again.
     *
     * @throws io.invitehub.domain.shared.DomainException SLUG_TAKEN, CUSTOM_HOST_TAKEN (409), VALIDATION_FAILED when the
     *         custom host is the platform's own, and the refusals of {@link #profile}
     */
    BrandProfile update(Actor caller, Brand brand);
}
