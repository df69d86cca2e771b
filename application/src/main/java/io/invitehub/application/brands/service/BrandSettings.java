package io.invitehub.application.brands.service;

import io.invitehub.domain.brand.CustomHost;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code publicBaseUrl}: the address customers reach the service at ({@code INVITEHUB_PUBLIC_BASE_URL}, no trailing
 * slash), for absolute links; empty: links are paths from the root. (The platform's unit price, shown to a distributor
 * without its own, is a runtime setting: ADR 51.)
 */
public record BrandSettings(Optional<String> publicBaseUrl) {
    public BrandSettings {
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        publicBaseUrl = publicBaseUrl.map(u -> u.replaceAll("/+$", ""));
    }

    /** The platform's own host (of the public base URL), which no distributor may claim. */
    Optional<CustomHost> platformHost() {
        return publicBaseUrl.map(u -> CustomHost.fromHostHeader(java.net.URI.create(u).getAuthority()));
    }
}
