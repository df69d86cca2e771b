package io.invitehub.application.contract;

import io.invitehub.application.brands.port.out.Brands;
import io.invitehub.application.brands.view.CustomHostRequest;
import io.invitehub.domain.brand.Brand;
import io.invitehub.domain.brand.CustomHost;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.brand.Slug;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link Brands} and {@link io.invitehub.application.site.port.out.PlatformSettings}, for the fakes
 * and every adapter: every distributor has a brand from its creation, with the default slug of
 * {@link Slug#defaultFor}; slugs and custom hosts are unique; only APPROVED distributors are public.
 */
public abstract class AbstractBrandsContract extends StorageContractSupport {

    @Override
    protected abstract StoragePorts newStorage();

    private User distributor(String username, Approval approval) {
        return tx(() -> storage.users().create(username, username.toLowerCase() + "@dist.com", "hash", Role.DISTRIBUTOR, approval));
    }

    private Slug slugOf(User user) {
        return storage.brands().find(user.id()).orElseThrow().brand().slug();
    }

    private Brands.StoredBrand save(User user, Brand brand) {
        return tx(() -> storage.brands().save(user.id(), brand, NOW));
    }

    private static Brand brand(String slug, String host) {
        return new Brand(Slug.parse(slug), Optional.of("Kim's Seats"), Optional.of("https://cdn.example.com/kim.png"),
                Optional.of("Welcome!\nEnjoy."), Optional.ofNullable(host).map(CustomHost::parse));
    }

    @Test
    void aDistributorHasABrandFromItsCreationWithItsUsernameAsSlug() {
        User kim = distributor("Kim_Lee.88", Approval.PENDING);

        Brands.StoredBrand stored = storage.brands().find(kim.id()).orElseThrow();

        assertThat(stored.brand()).isEqualTo(Brand.initial(new Slug("kim-lee-88")));
        assertThat(stored.customHostVerifiedAt()).isEmpty();
        assertThat(stored.ownUnitPriceMinor()).isEmpty();
        User admin = tx(() -> storage.users().create("root", null, "hash", Role.ADMIN, null));
        assertThat(storage.brands().find(admin.id())).as("staff have no brand").isEmpty();
    }

    @Test
    void defaultSlugsStepAroundTakenAndReservedOnesAndShortUsernames() {
        User first = distributor("kim.lee", Approval.APPROVED);
        User second = distributor("kim_lee", Approval.APPROVED);
        User third = distributor("KIM-LEE", Approval.APPROVED);
        User console = distributor("console", Approval.APPROVED);
        User shortName = distributor("a__", Approval.APPROVED);
        User longName = distributor("a-very-long-username-with-many-words-0123456789", Approval.APPROVED);

        assertThat(slugOf(first).value()).isEqualTo("kim-lee");
        assertThat(slugOf(second).value()).isEqualTo("kim-lee-2");
        assertThat(slugOf(third).value()).isEqualTo("kim-lee-3");
        assertThat(slugOf(console).value()).as("reserved").isEqualTo("console-2");
        assertThat(slugOf(shortName).value()).isEqualTo("d-" + shortName.id().value());
        assertThat(slugOf(longName).value()).isEqualTo("a-very-long-username-with-many-w");
    }

    @Test
    void theReservedWordsAreTheSameInTheStoreAsInTheDomain() {
        for (String reserved : Slug.RESERVED) {
            if (reserved.length() < Slug.MIN_LENGTH) {
                continue;
            }
            User user = distributor(reserved.replace("-", ".."), Approval.APPROVED);
            assertThat(slugOf(user).value()).as("the default for a distributor named %s", reserved).isNotEqualTo(reserved);
        }
    }

    @Test
    void saveReplacesTheBrandAndASlugOrHostOfAnotherIsRefused() {
        User kim = distributor("kim", Approval.APPROVED);
        User lee = distributor("lee", Approval.APPROVED);

        Brands.StoredBrand saved = save(kim, brand("Kims-Seats", "Seats.Kim.example"));

        assertThat(saved.brand()).isEqualTo(brand("kims-seats", "seats.kim.example"));
        assertThat(storage.brands().find(kim.id()).orElseThrow().brand()).isEqualTo(saved.brand());
        assertThatThrownBy(() -> save(lee, brand("KIMS-seats", null))).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SLUG_TAKEN));
        assertThatThrownBy(() -> save(lee, brand("lees-seats", "seats.kim.example"))).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CUSTOM_HOST_TAKEN));
        assertThat(slugOf(lee).value()).as("a refused save changes nothing").isEqualTo("lee");
        distributor("ann", Approval.PENDING);
        assertThatThrownBy(() -> save(lee, brand("ann", null))).as("a default slug is taken like a chosen one")
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SLUG_TAKEN));
        // the slug it left is free again
        assertThat(save(lee, Brand.initial(new Slug("kim"))).brand().slug().value()).isEqualTo("kim");
    }

    @Test
    void onlyAnApprovedDistributorsBrandIsPublicAndNeverItsPrice() {
        User kim = distributor("kim", Approval.APPROVED);
        User pending = distributor("newbie", Approval.PENDING);
        save(kim, brand("kims-seats", null));

        assertThat(storage.brands().findPublic(new Slug("kims-seats"))).hasValueSatisfying(b -> {
            assertThat(b.displayName()).contains("Kim's Seats");
            assertThat(b.logoUrl()).contains("https://cdn.example.com/kim.png");
            assertThat(b.welcomeText()).contains("Welcome!\nEnjoy.");
        });
        assertThat(storage.brands().findPublic(new Slug("kim"))).as("the old slug").isEmpty();
        assertThat(storage.brands().findPublic(new Slug("newbie"))).as("not approved").isEmpty();
        tx(() -> storage.users().changeApproval(kim.id(), Approval.APPROVED, Approval.SUSPENDED, true));
        assertThat(storage.brands().findPublic(new Slug("kims-seats"))).as("suspended").isEmpty();
        assertThat(pending).isNotNull();
    }

    @Test
    void aCustomHostServesOnlyOnceVerifiedAndAChangedHostIsVerifiedAgain() {
        User kim = distributor("kim", Approval.APPROVED);
        CustomHost host = CustomHost.parse("seats.kim.example");
        save(kim, brand("kims-seats", "seats.kim.example"));

        assertThat(storage.brands().slugOfVerifiedHost(host)).as("asked for, not verified").isEmpty();
        assertThat(tx(() -> storage.brands().verifyHost(kim.id(), CustomHost.parse("other.example"), NOW))).isFalse();
        assertThat(tx(() -> storage.brands().verifyHost(kim.id(), host, NOW))).isTrue();
        assertThat(storage.brands().slugOfVerifiedHost(host)).contains(new Slug("kims-seats"));
        assertThat(storage.brands().find(kim.id()).orElseThrow().customHostVerifiedAt()).contains(NOW);

        save(kim, brand("kims-seats-2", "seats.kim.example"));
        assertThat(storage.brands().slugOfVerifiedHost(host)).as("same host: still verified").contains(new Slug("kims-seats-2"));
        save(kim, brand("kims-seats-2", "www.kim.example"));
        assertThat(storage.brands().find(kim.id()).orElseThrow().customHostVerifiedAt()).as("another host").isEmpty();
        assertThat(storage.brands().slugOfVerifiedHost(CustomHost.parse("www.kim.example"))).isEmpty();
        assertThat(storage.brands().slugOfVerifiedHost(host)).isEmpty();
    }

    @Test
    void customHostsAreListedByDistributorWithKeysetPaging() {
        User a = distributor("ann", Approval.APPROVED);
        distributor("bob", Approval.APPROVED);
        User c = distributor("cat", Approval.PENDING);
        save(a, brand("ann", "seats.ann.example"));
        save(c, brand("cat", "seats.cat.example"));
        tx(() -> storage.brands().verifyHost(a.id(), CustomHost.parse("seats.ann.example"), NOW));

        assertThat(storage.brands().customHosts(Optional.empty(), 10)).extracting(CustomHostRequest::username).containsExactly("ann", "cat");
        CustomHostRequest first = storage.brands().customHosts(Optional.empty(), 1).get(0);
        assertThat(first.verifiedAt()).contains(NOW);
        assertThat(first.host().value()).isEqualTo("seats.ann.example");
        assertThat(storage.brands().customHosts(Optional.of(first.distributor()), 10)).extracting(CustomHostRequest::distributor)
                .containsExactly(c.id());
    }

    @Test
    void aDeletedDistributorTakesItsBrandAlong() {
        User kim = distributor("kim", Approval.REJECTED);
        tx(() -> storage.users().delete(kim.id()));

        assertThat(storage.brands().find(kim.id())).isEmpty();
        assertThat(slugOf(distributor("kim2", Approval.APPROVED)).value()).isEqualTo("kim2");
        assertThat(slugOf(distributor("kim", Approval.APPROVED)).value()).as("its slug is free again").isEqualTo("kim");
    }

    @Test
    void thePlatformSettingsAreOneRowReadAndWritten() {
        assertThat(storage.platformSettings().read()).isEmpty();
        PlatformSite first = new PlatformSite("Seat Shop", Optional.empty(), Optional.of("support@seats.example"), Optional.empty());
        tx(() -> {
            storage.platformSettings().write(first, Actor.system(), NOW);
            return null;
        });
        assertThat(storage.platformSettings().read()).contains(first);

        User admin = tx(() -> storage.users().create("root", null, "hash", Role.ADMIN, null));
        PlatformSite second = new PlatformSite("Seat Shop Pro", Optional.of("https://cdn.example.com/logo.svg"), Optional.empty(),
                Optional.of("Maintenance tonight\n22:00-23:00"));
        tx(() -> {
            storage.platformSettings().write(second, Actor.of(admin.id(), Role.ADMIN), NOW.plusSeconds(60));
            return null;
        });
        assertThat(storage.platformSettings().read()).contains(second);
    }

    @Test
    void theTermsLiveInTheSameRowAndAreEmptyUntilWritten() {
        java.util.Currency cny = java.util.Currency.getInstance("CNY");
        assertThat(storage.platformSettings().terms(cny)).isEmpty();
        PlatformSite site = new PlatformSite("Seat Shop", Optional.empty(), Optional.empty(), Optional.empty());
        tx(() -> {
            storage.platformSettings().write(site, Actor.system(), NOW);
            return null;
        });
        assertThat(storage.platformSettings().terms(cny)).as("a row from before V48 has no terms yet").isEmpty();

        io.invitehub.domain.brand.PlatformTerms terms = new io.invitehub.domain.brand.PlatformTerms(
                io.invitehub.domain.shared.Money.ofMinor(1250, cny), java.time.Duration.ofMinutes(40));
        tx(() -> {
            storage.platformSettings().writeTerms(terms, Actor.system(), NOW);
            return null;
        });
        assertThat(storage.platformSettings().terms(cny)).contains(terms);
        PlatformSite renamed = new PlatformSite("Seat Shop Pro", Optional.empty(), Optional.empty(), Optional.empty());
        tx(() -> {
            storage.platformSettings().write(renamed, Actor.system(), NOW);
            return null;
        });
        assertThat(storage.platformSettings().terms(cny)).as("writing the site keeps the terms").contains(terms);
    }

    @Test
    void unknownDistributorsHaveNoBrand() {
        assertThat(storage.brands().find(new UserId(987_654L))).isEmpty();
        assertThatThrownBy(() -> save(User.restore(new UserId(987_654L), "ghost", null, Role.DISTRIBUTOR, Approval.APPROVED, "h", 0),
                brand("ghost", null))).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
