package io.invitehub.adapter.in.http.reference;

import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.accounts.port.in.AccountsUseCase;
import io.javalin.http.Context;

import java.util.List;
import java.util.Objects;

/**
 * What every page of the reference's client asks before anything else (SPEC section 12): whether the
 * service is set up, its version, its settings, the public site texts and whether a public shop is open.
 * InviteHub keeps its settings in its environment (docs/configuration.md), not in an editable table, so
 * these answer the reference's shapes with what is true here: set up once an admin exists, no update
 * check, no settings to show or edit, neutral site texts, no public shop.
 */
public final class ReferenceSetupHandlers {
    /** The product name the site texts use. */
    static final String SITE_TITLE = "InviteHub";
    /** What each route reads (ADR 33): nothing; query parameters the reference's client adds are ignored, never read. */
    public static final RequestShape NOTHING = RequestShape.none();

    private final AccountsUseCase accounts;

    public ReferenceSetupHandlers(AccountsUseCase accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    record SetupStatus(boolean initialized, boolean hasAdmin) {
    }

    record Version(String currentVersion, String latestVersion, boolean hasUpdate, String updateUrl) {
    }

    record ConfigItem(String key, String value, String description, String updatedAt) {
    }

    record Configs(List<ConfigItem> configs) {
    }

    record Feature(String icon, String title, String description) {
    }

    record SiteConfig(String siteTitle, String siteDescription, String homeNotice, String successMessage, String footerText,
                      boolean isSimplePage, String heroTitle, String heroSubtitle, List<Feature> features) {
    }

    record ShopConfig(boolean enabled, boolean alipayEnabled, boolean wxpayEnabled) {
    }

    /** {@code GET /setup/status}: set up once an admin exists (InviteHub creates it at first start). */
    public void status(Context ctx) {
        boolean admin = accounts.adminExists();
        ctx.json(new SetupStatus(admin, admin));
    }

    /** {@code GET /setup/version}: the running version; InviteHub asks no release feed, so never an update. */
    public void version(Context ctx) {
        String version = Objects.requireNonNullElse(ReferenceSetupHandlers.class.getPackage().getImplementationVersion(), "development");
        ctx.json(new Version(version, null, false, null));
    }

    /**
     * {@code GET /config}: no settings. InviteHub's settings live in its environment; none is readable or
     * writable over HTTP (the reference showed every signed-in user, distributors included, its settings).
     */
    public void config(Context ctx) {
        ctx.json(new Configs(List.of()));
    }

    /** {@code GET /public/site-config}: neutral texts for the reference's public pages. */
    public void siteConfig(Context ctx) {
        ctx.json(new SiteConfig(SITE_TITLE, "Redeem your code to join a team workspace.", "",
                "Your invitation is on its way; check your mailbox.", "Powered by " + SITE_TITLE, false, null,
                "Enter your redeem code and your e-mail address.", null));
    }

    /**
     * {@code GET /public/shop/config}: closed. InviteHub sells code packs to distributors (their console and
     * {@code /distributors/me/code-orders}), not plans to customers, so the reference's public shop stays off.
     */
    public void shopConfig(Context ctx) {
        ctx.json(new ShopConfig(false, false, false));
    }
}
