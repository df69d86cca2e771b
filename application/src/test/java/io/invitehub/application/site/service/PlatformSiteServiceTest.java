package io.invitehub.application.site.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.site.view.PlatformSettingsView;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.brand.PlatformTerms;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformSiteServiceTest {
    private final Fixture f = new Fixture();
    private final PlatformSite configured = new PlatformSite("Seat Shop", Optional.empty(), Optional.of("help@seats.example"), Optional.empty());
    private final PlatformTerms configuredTerms = new PlatformTerms(Money.ofMinor(500, Money.CNY), Duration.ofMinutes(15));
    private final PlatformSiteService service = new PlatformSiteService(f.storage.transactions(), f.storage.platformSettings(),
            f.storage.auditLog(), f.clock, configured, configuredTerms);

    @Test
    void theConfigurationIsStoredAtTheFirstStartAndAnAdminsChangeOutlivesIt() {
        assertThat(service.site()).isEqualTo(configured);
        assertThat(service.terms()).isEqualTo(configuredTerms);
        assertThat(service.ensureDefaults(configured)).isEqualTo(configured);
        assertThat(f.storage.platformSettings().read()).contains(configured);
        assertThat(f.storage.platformSettings().terms(Money.CNY)).contains(configuredTerms);

        PlatformSite edited = new PlatformSite("Seat Shop Pro", Optional.of("https://cdn.example/logo.png"), Optional.empty(),
                Optional.of("Closed on Sunday"));
        Actor admin = Actor.of(f.storage.transactions().inTransaction(() -> f.storage.users().create("root", null, "h", Role.ADMIN, null)));
        PlatformTerms editedTerms = new PlatformTerms(Money.ofMinor(1200, Money.CNY), Duration.ofMinutes(30));
        assertThat(service.update(admin, edited, editedTerms)).isEqualTo(new PlatformSettingsView(edited, editedTerms));
        assertThat(f.storage.auditLog().latest(1).get(0).action()).isEqualTo("SITE_UPDATE");
        assertThat(f.storage.auditLog().latest(1).get(0).details()).hasValueSatisfying(d -> assertThat(d).contains("default_unit_price=12.00 CNY", "payment_window=PT30M"));
        assertThat(service.terms()).isEqualTo(editedTerms);
        assertThat(service.settings(admin)).isEqualTo(new PlatformSettingsView(edited, editedTerms));

        PlatformSite nextStart = new PlatformSite("Renamed In The Environment", Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(service.ensureDefaults(nextStart)).as("a later start keeps what is stored").isEqualTo(edited);
        assertThat(service.site()).isEqualTo(edited);
        assertThat(service.terms()).as("and the terms an admin set").isEqualTo(editedTerms);
    }

    @Test
    void aRowFromBeforeTheTermsGetsTheConfiguredTermsAtTheNextStart() {
        f.storage.transactions().inTransaction(() -> {
            f.storage.platformSettings().write(configured, Actor.system(), f.clock.instant());
            return null;
        });
        assertThat(service.terms()).as("the configuration until stored").isEqualTo(configuredTerms);
        service.ensureDefaults(configured);
        assertThat(f.storage.platformSettings().terms(Money.CNY)).contains(configuredTerms);
    }

    @Test
    void theTermsAreValidated() {
        assertThatThrownBy(() -> new PlatformTerms(Money.ofMinor(-1, Money.CNY), Duration.ofMinutes(15)))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> assertThat(e.field()).contains("default_unit_price"));
        assertThatThrownBy(() -> new PlatformTerms(Money.ofMinor(PlatformTerms.MAX_UNIT_PRICE_MINOR + 1, Money.CNY), Duration.ofMinutes(15)))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> assertThat(e.field()).contains("default_unit_price"));
        assertThatThrownBy(() -> new PlatformTerms(Money.zero(Money.CNY), Duration.ofSeconds(59)))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> assertThat(e.field()).contains("payment_window_minutes"));
        assertThatThrownBy(() -> new PlatformTerms(Money.zero(Money.CNY), Duration.ofHours(24).plusMinutes(1)))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> assertThat(e.field()).contains("payment_window_minutes"));
    }

    @Test
    void onlyAnAdminChangesTheSite() {
        assertThatThrownBy(() -> service.update(Actor.of(new UserId(2), Role.OPERATOR), configured, configuredTerms))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> service.settings(Actor.of(new UserId(2), Role.OPERATOR)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(f.storage.platformSettings().read()).isEmpty();
    }

    @Test
    void theSiteIsValidatedLikeABrand() {
        assertThatThrownBy(() -> new PlatformSite(" ", Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> new PlatformSite("Shop", Optional.of("http://cdn.example/logo.png"), Optional.empty(), Optional.empty()))
                .hasMessageContaining("logo_url must be an https URL");
    }
}
