package io.invitehub.application.brands.view;

import io.invitehub.domain.brand.Brand;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A distributor's brand profile as it reads it (SPEC sections 4 and 9): the brand, when its custom host was
 * verified (empty: not verified, or none asked for), the unit price it is charged (its own, else the platform's)
 * and the two link bases its codes are appended to.
 */
public record BrandProfile(UserId distributor, Brand brand, Optional<Instant> customHostVerifiedAt, Money unitPrice, Links links) {
    public BrandProfile {
        Objects.requireNonNull(distributor, "distributor");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(customHostVerifiedAt, "customHostVerifiedAt");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(links, "links");
    }

    /**
     * {@code ownLinkBase}: {@code https://<verified custom host>/r/}, else {@code <public base>/r/<slug>/};
     * {@code officialLinkBase}: {@code <public base>/invite/}. Without a configured public base URL both are
     * paths from the root ({@code /r/kim/}), which a browser resolves against the address it uses.
     */
    public record Links(String ownLinkBase, String officialLinkBase) {
        public Links {
            Objects.requireNonNull(ownLinkBase, "ownLinkBase");
            Objects.requireNonNull(officialLinkBase, "officialLinkBase");
        }
    }
}
