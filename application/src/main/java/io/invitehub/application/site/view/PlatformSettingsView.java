package io.invitehub.application.site.view;

import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.brand.PlatformTerms;

import java.util.Objects;

/** Everything the ADMIN's Settings page edits: the site the customers see and the platform's terms (ADR 51). */
public record PlatformSettingsView(PlatformSite site, PlatformTerms terms) {
    public PlatformSettingsView {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(terms, "terms");
    }
}
