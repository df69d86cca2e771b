package io.invitehub.application.brands.port.out;

import io.invitehub.application.brands.view.CustomHostRequest;
import io.invitehub.application.brands.view.PublicBrand;
import io.invitehub.domain.brand.Brand;
import io.invitehub.domain.brand.CustomHost;
import io.invitehub.domain.brand.Slug;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Storage of the distributors' brands (ADR 47). Every distributor has one from its creation on, with a slug
 * defaulting to its username ({@link Slug#defaultFor}); slugs and custom hosts are unique among all brands.
 */
public interface Brands {

    /** The distributor's brand with its custom host's verification and its own unit price; empty for an unknown distributor. */
    Optional<StoredBrand> find(UserId distributor);

    /**
     * Replaces the distributor's brand. A changed custom host (or none) loses its verification; the same one keeps it.
     *
     * @throws io.invitehub.domain.shared.DomainException SLUG_TAKEN when another brand has the slug, CUSTOM_HOST_TAKEN
     *         when another brand has the custom host, NOT_FOUND when the distributor has no brand
     */
    StoredBrand save(UserId distributor, Brand brand, Instant at);

    /** The brand of an APPROVED distributor with this slug; empty otherwise. */
    Optional<PublicBrand> findPublic(Slug slug);

    /** The slug of the APPROVED distributor whose verified custom host this is; empty otherwise. */
    Optional<Slug> slugOfVerifiedHost(CustomHost host);

    /** Marks the distributor's custom host verified, only while it is still {@code host}; false otherwise. */
    boolean verifyHost(UserId distributor, CustomHost host, Instant at);

    /** Brands with a custom host, verified or not, by distributor id, after {@code after}; at most {@code limit}. */
    List<CustomHostRequest> customHosts(Optional<UserId> after, int limit);

    /** A stored brand: the brand, when its custom host was verified, and the distributor's own unit price in minor units (if set). */
    record StoredBrand(UserId distributor, Brand brand, Optional<Instant> customHostVerifiedAt, OptionalLong ownUnitPriceMinor) {
        public StoredBrand {
            Objects.requireNonNull(distributor, "distributor");
            Objects.requireNonNull(brand, "brand");
            Objects.requireNonNull(customHostVerifiedAt, "customHostVerifiedAt");
            Objects.requireNonNull(ownUnitPriceMinor, "ownUnitPriceMinor");
        }
    }
}
