package io.invitehub.adapter.out.persistence;

import io.invitehub.application.site.port.out.PlatformSettings;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.PLATFORM_SETTINGS;

/** The platform's site settings: the one row of {@code platform_settings} (V34), written with an upsert. */
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
}
