package io.invitehub.adapter.out.persistence;

import io.invitehub.application.site.port.out.PlatformSettings;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.brand.PlatformTerms;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.PLATFORM_SETTINGS;

/** The platform's settings: the one row of {@code platform_settings} (V46; the terms V48), written with an upsert. */
final class JooqPlatformSettings implements PlatformSettings {
    private static final short ROW = 1;
    private final DSLContext dsl;

    JooqPlatformSettings(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<PlatformSite> read() {
        return dsl.selectFrom(PLATFORM_SETTINGS).where(PLATFORM_SETTINGS.ID.eq(ROW)).fetchOptional(r -> new PlatformSite(r.getPlatformName(),
                Optional.ofNullable(r.getLogoUrl()), Optional.ofNullable(r.getSupportContact()), Optional.ofNullable(r.getAnnouncement())));
    }

    @Override
    public void write(PlatformSite site, Actor by, Instant at) {
        Long actor = by.userId().map(UserId::value).orElse(null);
        dsl.insertInto(PLATFORM_SETTINGS)
                .set(PLATFORM_SETTINGS.ID, ROW)
                .set(PLATFORM_SETTINGS.PLATFORM_NAME, site.platformName())
                .set(PLATFORM_SETTINGS.LOGO_URL, site.logoUrl().orElse(null))
                .set(PLATFORM_SETTINGS.SUPPORT_CONTACT, site.supportContact().orElse(null))
                .set(PLATFORM_SETTINGS.ANNOUNCEMENT, site.announcement().orElse(null))
                .set(PLATFORM_SETTINGS.UPDATED_AT, Rows.at(at))
                .set(PLATFORM_SETTINGS.UPDATED_BY, actor)
                .onConflict(PLATFORM_SETTINGS.ID).doUpdate()
                .set(PLATFORM_SETTINGS.PLATFORM_NAME, site.platformName())
                .set(PLATFORM_SETTINGS.LOGO_URL, site.logoUrl().orElse(null))
                .set(PLATFORM_SETTINGS.SUPPORT_CONTACT, site.supportContact().orElse(null))
                .set(PLATFORM_SETTINGS.ANNOUNCEMENT, site.announcement().orElse(null))
                .set(PLATFORM_SETTINGS.UPDATED_AT, Rows.at(at))
                .set(PLATFORM_SETTINGS.UPDATED_BY, actor)
                .execute();
    }

    @Override
    public Optional<PlatformTerms> terms(Currency currency) {
        return dsl.select(PLATFORM_SETTINGS.DEFAULT_UNIT_PRICE_MINOR, PLATFORM_SETTINGS.PAYMENT_WINDOW_SECONDS).from(PLATFORM_SETTINGS)
                .where(PLATFORM_SETTINGS.ID.eq(ROW)).and(PLATFORM_SETTINGS.DEFAULT_UNIT_PRICE_MINOR.isNotNull())
                .fetchOptional(r -> new PlatformTerms(Money.ofMinor(r.value1(), currency), Duration.ofSeconds(r.value2())));
    }

    @Override
    public void writeTerms(PlatformTerms terms, Actor by, Instant at) {
        int rows = dsl.update(PLATFORM_SETTINGS)
                .set(PLATFORM_SETTINGS.DEFAULT_UNIT_PRICE_MINOR, terms.defaultUnitPrice().minorUnits())
                .set(PLATFORM_SETTINGS.PAYMENT_WINDOW_SECONDS, Math.toIntExact(terms.paymentWindow().toSeconds()))
                .set(PLATFORM_SETTINGS.UPDATED_AT, Rows.at(at))
                .set(PLATFORM_SETTINGS.UPDATED_BY, by.userId().map(UserId::value).orElse(null))
                .where(PLATFORM_SETTINGS.ID.eq(ROW))
                .execute();
        if (rows != 1) {
            throw new IllegalStateException("platform_settings has no row to store the terms in: write the site first");
        }
    }
}
