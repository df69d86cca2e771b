package io.invitehub.adapter.in.http.brands;

import io.invitehub.application.brands.port.in.BrandProfileUseCase;
import io.invitehub.application.brands.port.in.CustomHostsUseCase;
import io.invitehub.application.brands.port.in.PublicBrandQueries;

import java.util.Objects;

/** The in-ports of the brands feature the HTTP API serves: the own profile, the public brand, the custom hosts. */
public record BrandsApi(BrandProfileUseCase profiles, PublicBrandQueries publicBrands, CustomHostsUseCase customHosts) {
    public BrandsApi {
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(publicBrands, "publicBrands");
        Objects.requireNonNull(customHosts, "customHosts");
    }
}
