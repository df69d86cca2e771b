package io.invitehub.application.brands.port.in;

import io.invitehub.application.brands.view.PublicBrand;
import io.invitehub.domain.brand.Slug;

import java.util.Optional;

/** The distributors' brands as customers see them, and the custom hosts the service answers for (no sign-in). */
public interface PublicBrandQueries {

    /**
     * The brand of an APPROVED distributor by its slug (any case).
     *
     * @throws io.invitehub.domain.shared.DomainException NOT_FOUND for a malformed or unknown slug, or a distributor that is not APPROVED
     */
    PublicBrand brand(String slug);

    /** The slug whose own link a request to this {@code Host} header serves: an APPROVED distributor's verified custom host. */
    Optional<Slug> brandOfHost(String hostHeader);
}
