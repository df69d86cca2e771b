package io.invitehub.adapter.in.http.site;

import io.invitehub.adapter.in.http.wire.Amounts;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.application.site.port.in.PlatformSiteUseCase;
import io.invitehub.application.site.view.PlatformSettingsView;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.brand.PlatformTerms;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * The platform's settings: the site as the customers' official page reads it (no sign-in), and all of them as the
 * ADMIN's Settings page reads and writes them (ADR 51). Payment keys are not settings: they stay in the environment.
 */
public final class SiteHandlers {
    public static final RequestShape SITE = RequestShape.none();
    public static final RequestShape SETTINGS = RequestShape.none().body(
            Field.text("platform_name", 2 * PlatformSite.MAX_PLATFORM_NAME), Field.text("logo_url", io.invitehub.domain.brand.Brand.MAX_LOGO_URL),
            Field.text("support_contact", 2 * PlatformSite.MAX_SUPPORT_CONTACT),
            Field.prose("announcement", 2 * PlatformSite.MAX_ANNOUNCEMENT), Field.decimal("default_unit_price"),
            Field.integer("payment_window_minutes", PlatformTerms.MIN_PAYMENT_WINDOW.toMinutes(),
                    PlatformTerms.MAX_PAYMENT_WINDOW.toMinutes()));

    /** What each route answers (ADR 40). */
    public static final ResponseShape SITE_ANSWER = ResponseShape.ok(SiteBody.class);
    public static final ResponseShape SETTINGS_ANSWER = ResponseShape.ok(SettingsBody.class);

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

    /** The Settings page's form, read and written whole. */
    public record SettingsBody(String platformName, String logoUrl, String supportContact, String announcement,
                               String defaultUnitPrice, Long paymentWindowMinutes, String currency) {
        static SettingsBody of(PlatformSettingsView v) {
            PlatformSite s = v.site();
            PlatformTerms t = v.terms();
            return new SettingsBody(s.platformName(), s.logoUrl().orElse(null), s.supportContact().orElse(null),
                    s.announcement().orElse(null), Amounts.text(t.defaultUnitPrice()), t.paymentWindow().toMinutes(),
                    t.defaultUnitPrice().currency().getCurrencyCode());
        }
    }

    /** {@code GET /public/site}. */
    public void site(Context ctx) {
        ctx.json(SiteBody.of(site.site()));
    }

    /** {@code GET /admin/settings}. */
    public void settings(Context ctx) {
        ctx.json(SettingsBody.of(site.settings(actor(ctx))));
    }

    /**
     * {@code PUT /admin/settings}: the whole form; an absent or blank logo, contact or announcement clears it. The price is
     * in the platform's currency (the answer's {@code currency}; a {@code currency} sent along is ignored).
     */
    public void update(Context ctx) {
        SettingsBody b = body(ctx, SettingsBody.class);
        PlatformSite changed = new PlatformSite(required(b.platformName(), "platform_name"), present(b.logoUrl()),
                present(b.supportContact()), present(b.announcement()));
        PlatformTerms current = site.terms();
        PlatformTerms terms = new PlatformTerms(
                Amounts.parse(required(b.defaultUnitPrice(), "default_unit_price"), "default_unit_price",
                        current.defaultUnitPrice().currency()),
                Duration.ofMinutes(required(b.paymentWindowMinutes(), "payment_window_minutes")));
        ctx.json(SettingsBody.of(site.update(actor(ctx), changed, terms)));
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
