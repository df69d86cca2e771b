package io.invitehub.bootstrap.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.brands.service.BrandService;
import io.invitehub.application.brands.service.BrandSettings;
import io.invitehub.application.site.port.in.PlatformSiteUseCase;
import io.invitehub.application.site.service.PlatformSiteService;
import io.invitehub.bootstrap.config.ShopConfig;
import io.invitehub.bootstrap.config.SiteConfig;
import io.invitehub.bootstrap.config.StatisticsConfig;
import io.invitehub.domain.shared.Money;

/**
 * The distributors' brands and the platform's site (SPEC sections 9 and 14, ADR 47): one service for the brand
 * profile, the public brand and the custom hosts; the site settings, stored at the first start from the configuration.
 */
public record BrandsAssembly(BrandService brands, PlatformSiteUseCase site) {

    public static BrandsAssembly wire(Adapters a, SiteConfig site, ShopConfig shop, StatisticsConfig statistics) {
        JooqPersistence db = a.persistence();
        BrandService brands = new BrandService(db.transactions(), db.brands(), db.users(), db.audit(), a.clock(),
                new BrandSettings(shop.publicBaseUrl(), Money.ofMinor(statistics.defaultUnitPriceMinor(), statistics.currency())));
        PlatformSiteUseCase platform = new PlatformSiteService(db.transactions(), db.platformSettings(), db.audit(), a.clock(),
                site.firstStart());
        platform.ensureDefaults(site.firstStart());
        return new BrandsAssembly(brands, platform);
    }
}
