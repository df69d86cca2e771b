package io.invitehub.application.fakes;

import io.invitehub.application.site.port.out.PlatformSettings;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.brand.PlatformTerms;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Actor;

import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/** The platform's settings over {@link MemoryTables}: one value, empty until written; the terms only on a written row. */
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

    @Override
    public Optional<PlatformTerms> terms(Currency currency) {
        return atomically(() -> Optional.ofNullable(state.terms)
                .map(t -> new PlatformTerms(Money.ofMinor(t.defaultUnitPrice().minorUnits(), currency), t.paymentWindow())));
    }

    @Override
    public void writeTerms(PlatformTerms terms, Actor by, Instant at) {
        atomically(() -> {
            if (state.site == null) {
                throw new IllegalStateException("the settings row is written first");
            }
            state.terms = terms;
            return null;
        });
    }
}
