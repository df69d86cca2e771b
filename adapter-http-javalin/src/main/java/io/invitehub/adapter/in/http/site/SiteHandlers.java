package io.invitehub.adapter.in.http.site;

import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.site.port.in.PlatformSiteUseCase;
import io.invitehub.domain.brand.PlatformSite;
import io.javalin.http.Context;

import java.util.Objects;

/** The platform's site settings as the customers' official page reads them (no sign-in). */
public final class SiteHandlers {
    public static final RequestShape SITE = RequestShape.none();

    private final PlatformSiteUseCase site;

    public SiteHandlers(PlatformSiteUseCase site) {
        this.site = Objects.requireNonNull(site, "site");
    }

    /** The platform as its pages show it: name, logo, support contact, announcement. */
    public record SiteBody(String platformName, String logoUrl, String supportContact, String announcement) {
        public static SiteBody of(PlatformSite s) {
            return new SiteBody(s.platformName(), s.logoUrl().orElse(null), s.supportContact().orElse(null), s.announcement().orElse(null));
        }
    }

    /** {@code GET /public/site}. */
    public void site(Context ctx) {
        ctx.json(SiteBody.of(site.site()));
    }
}
