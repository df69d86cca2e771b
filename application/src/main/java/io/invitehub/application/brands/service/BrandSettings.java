package io.invitehub.application.brands.service;

import io.invitehub.domain.brand.CustomHost;
import io.invitehub.domain.shared.Money;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code publicBaseUrl}: the address customers reach the service at ({@code INVITEHUB_PUBLIC_BASE_URL}, no trailing
 * slash), for absolute links; empty: links are paths from the root. {@code defaultUnitPrice}: the platform's unit
 * price, shown to a distributor without its own.
 */
public record BrandSettings(Optional<String> publicBaseUrl, Money defaultUnitPrice) {
    public BrandSettings {
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(defaultUnitPrice, "defaultUnitPrice");
        publicBaseUrl = publicBaseUrl.map(u -> u.replaceAll("/+$", ""));
    }

    /** The platform's own host (of the public base URL), which no distributor may claim. */
    Optional<CustomHost> platformHost() {
        return publicBaseUrl.map(u -> CustomHost.fromHostHeader(java.net.URI.create(u).getAuthority()));
    }
}
