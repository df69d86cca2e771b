package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.brands.service.BrandService;
import io.invitehub.application.brands.service.BrandSettings;
import io.invitehub.application.site.port.in.PlatformSiteUseCase;
import io.invitehub.application.site.service.PlatformSiteService;
import io.invitehub.library.config.ShopConfig;
import io.invitehub.library.config.SiteConfig;
import io.invitehub.library.config.StatisticsConfig;
import io.invitehub.domain.brand.PlatformTerms;
import io.invitehub.domain.shared.Money;

/**
 * The distributors' brands and the platform's settings (SPEC sections 9 and 14, ADRs 47 and 51): one service for the
 * brand profile, the public brand and the custom hosts; the settings, stored at the first start from the configuration.
 */
public record BrandsAssembly(BrandService brands, PlatformSiteUseCase site) {

    /**
     * The platform's settings, first: the shop and the read side read its terms (ADR 51). Stores the configuration
     * (INVITEHUB_PLATFORM_*, INVITEHUB_DEFAULT_UNIT_PRICE_MINOR, INVITEHUB_ORDER_PAYMENT_WINDOW) unless settings are stored.
     */
    public static PlatformSiteUseCase site(Adapters a, SiteConfig site, ShopConfig shop, StatisticsConfig statistics) {
        JooqPersistence db = a.persistence();
        PlatformTerms configured = new PlatformTerms(Money.ofMinor(statistics.defaultUnitPriceMinor(), statistics.currency()),
                shop.paymentWindow());
        PlatformSiteUseCase platform = new PlatformSiteService(db.transactions(), db.platformSettings(), db.audit(), a.clock(),
                site.firstStart(), configured);
        platform.ensureDefaults(site.firstStart());
        return platform;
    }

    public static BrandsAssembly wire(Adapters a, PlatformSiteUseCase site, ShopConfig shop) {
        JooqPersistence db = a.persistence();
        BrandService brands = new BrandService(db.transactions(), db.brands(), db.users(), db.audit(), a.clock(),
                new BrandSettings(shop.publicBaseUrl()), site);
        return new BrandsAssembly(brands, site);
    }
}
