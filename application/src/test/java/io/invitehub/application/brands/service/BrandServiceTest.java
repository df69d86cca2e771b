package io.invitehub.application.brands.service;

import io.invitehub.application.brands.view.BrandProfile;
import io.invitehub.application.brands.view.CustomHostRequest;
import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.domain.brand.Brand;
import io.invitehub.domain.brand.CustomHost;
import io.invitehub.domain.brand.Slug;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The brand profile, the public brand and the custom hosts over the in-memory fakes. */
class BrandServiceTest {
    private final Fixture f = new Fixture();
    private final Money platformPrice = Money.ofMinor(990, Money.CNY);
    private final BrandService service = service(Optional.empty());
    private final User admin = user("root", Role.ADMIN, null);
    private final User kim = user("Kim", Role.DISTRIBUTOR, Approval.APPROVED);

    private BrandService service(Optional<String> base) {
        return new BrandService(f.storage.transactions(), f.storage.brands(), f.storage.users(), f.storage.auditLog(), f.clock,
                new BrandSettings(base),
                io.invitehub.application.site.port.in.PlatformTermsQuery.fixed(new io.invitehub.domain.brand.PlatformTerms(platformPrice, java.time.Duration.ofMinutes(15))));
    }

    private User user(String name, Role role, Approval approval) {
        return f.storage.transactions().inTransaction(() -> f.storage.users().create(name, name + "@x.com", "h", role, approval));
    }

    private static Brand brand(String slug, String host) {
        return new Brand(Slug.parse(slug), Optional.of("Kim's Seats"), Optional.empty(), Optional.of("Hello"),
                Optional.ofNullable(host).map(CustomHost::parse));
    }

    private static void assertRefused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aNewDistributorsProfileHasItsUsernameAsSlugThePlatformPriceAndRelativeLinks() {
        BrandProfile profile = service.profile(kim.id());

        assertThat(profile.brand()).isEqualTo(Brand.initial(new Slug("kim")));
        assertThat(profile.unitPrice()).isEqualTo(platformPrice);
        assertThat(profile.links()).isEqualTo(new BrandProfile.Links("/r/kim/", "/invite/"));
        assertThat(service(Optional.of("https://seats.example/")).profile(kim.id()).links())
                .isEqualTo(new BrandProfile.Links("https://seats.example/r/kim/", "https://seats.example/invite/"));
    }

    @Test
    void anUpdateIsStoredAuditedAndShownToCustomers() {
        BrandProfile updated = service.update(Actor.of(kim), brand("kims-seats", "Seats.Kim.Example"));

        assertThat(updated.brand().slug().value()).isEqualTo("kims-seats");
        assertThat(updated.brand().customHost()).contains(new CustomHost("seats.kim.example"));
        assertThat(updated.customHostVerifiedAt()).isEmpty();
        assertThat(updated.links().ownLinkBase()).as("a host not yet verified is not the link").isEqualTo("/r/kims-seats/");
        AuditEntry entry = f.storage.auditLog().latest(1).get(0);
        assertThat(entry.action()).isEqualTo("BRAND_UPDATE");
        assertThat(entry.targetId()).isEqualTo(String.valueOf(kim.id().value()));
        assertThat(entry.details()).hasValueSatisfying(d -> assertThat(d).contains("slug: kim -> kims-seats")
                .contains("custom_host: - -> seats.kim.example"));
        assertThat(service.brand("KIMS-SEATS").displayName()).contains("Kim's Seats");
        assertRefused(() -> service.brand("kim"), ErrorCode.NOT_FOUND);
        assertRefused(() -> service.brand("no such slug!"), ErrorCode.NOT_FOUND);
        assertRefused(() -> service.brand("console"), ErrorCode.NOT_FOUND);
    }

    @Test
    void aTakenSlugChangesNothingAndIsNotAudited() {
        User lee = user("lee", Role.DISTRIBUTOR, Approval.APPROVED);
        int entries = f.storage.auditLog().latest(100).size();

        assertRefused(() -> service.update(Actor.of(lee), brand("kim", null)), ErrorCode.SLUG_TAKEN);

        assertThat(service.profile(lee.id()).brand().slug().value()).isEqualTo("lee");
        assertThat(f.storage.auditLog().latest(100)).hasSize(entries);
    }

    @Test
    void onlyAnApprovedDistributorHasAProfileAndThePlatformsHostIsNotForClaiming() {
        User pending = user("newbie", Role.DISTRIBUTOR, Approval.PENDING);
        assertRefused(() -> service.profile(pending.id()), ErrorCode.FORBIDDEN);
        assertRefused(() -> service.profile(admin.id()), ErrorCode.FORBIDDEN);
        assertRefused(() -> service.update(Actor.of(admin), brand("rootshop", null)), ErrorCode.FORBIDDEN);
        assertRefused(() -> service.brand("newbie"), ErrorCode.NOT_FOUND);

        BrandService withBase = service(Optional.of("https://Seats.Example:8443"));
        assertThatThrownBy(() -> withBase.update(Actor.of(kim), brand("kim", "seats.example")))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> assertThat(e.field()).contains("custom_host"));
    }

    @Test
    void anAdminVerifiesTheHostAskedForAndThenItIsTheOwnLinkAndServesTheBrand() {
        service.update(Actor.of(kim), brand("kims-seats", "seats.kim.example"));
        assertThat(service.brandOfHost("seats.kim.example")).isEmpty();

        assertRefused(() -> service.verify(Actor.of(kim), kim.id(), CustomHost.parse("seats.kim.example")), ErrorCode.FORBIDDEN);
        assertRefused(() -> service.verify(Actor.of(admin), kim.id(), CustomHost.parse("other.kim.example")), ErrorCode.NOT_FOUND);
        CustomHostRequest verified = service.verify(Actor.of(admin), kim.id(), CustomHost.parse("seats.kim.example"));

        assertThat(verified.verifiedAt()).contains(f.clock.instant());
        assertThat(verified.username()).isEqualTo("Kim");
        assertThat(f.storage.auditLog().latest(1).get(0).action()).isEqualTo("CUSTOM_HOST_VERIFY");
        assertThat(service.brandOfHost("SEATS.kim.example:443")).contains(new Slug("kims-seats"));
        assertThat(service.brandOfHost("seats.kim.example.")).contains(new Slug("kims-seats"));
        assertThat(service.brandOfHost("127.0.0.1:8080")).isEmpty();
        assertThat(service.brandOfHost(null)).isEmpty();
        assertThat(service.profile(kim.id()).links().ownLinkBase()).isEqualTo("https://seats.kim.example/r/");

        Page<CustomHostRequest> page = service.customHosts(Actor.of(admin), PageRequest.first(10));
        assertThat(page.items()).extracting(CustomHostRequest::host).containsExactly(new CustomHost("seats.kim.example"));
        assertRefused(() -> service.customHosts(Actor.of(kim), PageRequest.first(10)), ErrorCode.FORBIDDEN);

        service.update(Actor.of(kim), brand("kims-seats", "www.kim.example"));
        assertThat(service.brandOfHost("seats.kim.example")).as("the old host").isEmpty();
        assertThat(service.brandOfHost("www.kim.example")).as("the new host waits for its own verification").isEmpty();
    }

    @Test
    void customHostsArePagedWithACursor() {
        for (String name : new String[]{"a1", "a2", "a3"}) {
            User d = user(name, Role.DISTRIBUTOR, Approval.APPROVED);
            service.update(Actor.of(d), brand(name + "-seats", name + ".example.com"));
        }
        Page<CustomHostRequest> first = service.customHosts(Actor.of(admin), PageRequest.first(2));
        assertThat(first.items()).hasSize(2);
        Page<CustomHostRequest> second = service.customHosts(Actor.of(admin), PageRequest.of(2, first.nextCursor().orElseThrow()));
        assertThat(second.items()).extracting(r -> r.host().value()).containsExactly("a3.example.com");
        assertThat(second.nextCursor()).isEmpty();
    }
}
