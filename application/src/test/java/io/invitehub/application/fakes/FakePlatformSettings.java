package io.invitehub.application.fakes;

import io.invitehub.application.site.port.out.PlatformSettings;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.user.Actor;

import java.time.Instant;
import java.util.Optional;

/** The platform's site settings over {@link MemoryTables}: one value, empty until written. */
final class FakePlatformSettings extends FakeTable implements PlatformSettings {
    FakePlatformSettings(MemoryTables db) {
        super(db);
    }

    @Override
    public Optional<PlatformSite> read() {
        return atomically(() -> Optional.ofNullable(state.site));
    }

    @Override
    public void write(PlatformSite site, Actor by, Instant at) {
        atomically(() -> {
            state.site = site;
            return null;
        });
    }
}
