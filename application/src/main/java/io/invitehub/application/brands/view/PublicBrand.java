package io.invitehub.application.brands.view;

import io.invitehub.domain.brand.Slug;

import java.util.Objects;
import java.util.Optional;

/** What a customer's page shows of a distributor through its own link: never a price, an e-mail or an id. */
public record PublicBrand(Slug slug, Optional<String> displayName, Optional<String> logoUrl, Optional<String> welcomeText) {
    public PublicBrand {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(logoUrl, "logoUrl");
        Objects.requireNonNull(welcomeText, "welcomeText");
    }
}
