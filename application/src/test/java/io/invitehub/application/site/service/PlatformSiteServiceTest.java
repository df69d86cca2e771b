package io.invitehub.application.site.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformSiteServiceTest {
    private final Fixture f = new Fixture();
    private final PlatformSite configured = new PlatformSite("Seat Shop", Optional.empty(), Optional.of("help@seats.example"), Optional.empty());
    private final PlatformSiteService service = new PlatformSiteService(f.storage.transactions(), f.storage.platformSettings(),
            f.storage.auditLog(), f.clock, configured);

    @Test
    void theConfigurationIsStoredAtTheFirstStartAndAnAdminsChangeOutlivesIt() {
        assertThat(service.site()).isEqualTo(configured);
        assertThat(service.ensureDefaults(configured)).isEqualTo(configured);
        assertThat(f.storage.platformSettings().read()).contains(configured);

        PlatformSite edited = new PlatformSite("Seat Shop Pro", Optional.of("https://cdn.example/logo.png"), Optional.empty(),
                Optional.of("Closed on Sunday"));
        Actor admin = Actor.of(f.storage.transactions().inTransaction(() -> f.storage.users().create("root", null, "h", Role.ADMIN, null)));
        assertThat(service.update(admin, edited)).isEqualTo(edited);
        assertThat(f.storage.auditLog().latest(1).get(0).action()).isEqualTo("SITE_UPDATE");

        PlatformSite nextStart = new PlatformSite("Renamed In The Environment", Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(service.ensureDefaults(nextStart)).as("a later start keeps what is stored").isEqualTo(edited);
        assertThat(service.site()).isEqualTo(edited);
    }

    @Test
    void onlyAnAdminChangesTheSite() {
        assertThatThrownBy(() -> service.update(Actor.of(new UserId(2), Role.OPERATOR), configured))
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
