package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.brands.BrandsApi;
import io.invitehub.application.brands.port.in.BrandProfileUseCase;
import io.invitehub.application.brands.port.in.CustomHostsUseCase;
import io.invitehub.application.brands.port.in.PublicBrandQueries;
import io.invitehub.application.brands.view.BrandProfile;
import io.invitehub.application.brands.view.CustomHostRequest;
import io.invitehub.application.brands.view.PublicBrand;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.site.port.in.PlatformSiteUseCase;
import io.invitehub.domain.brand.Brand;
import io.invitehub.domain.brand.CustomHost;
import io.invitehub.application.site.view.PlatformSettingsView;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.brand.PlatformTerms;
import io.invitehub.domain.brand.Slug;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The brands' and the site's in-ports for HTTP tests: brands by distributor in a map, the slug "taken" always taken. */
final class BrandFakes implements BrandProfileUseCase, PublicBrandQueries, CustomHostsUseCase, PlatformSiteUseCase {
    final Map<UserId, Brand> brands = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile PlatformSite site = new PlatformSite("Seat Shop", Optional.of("https://cdn.example.com/logo.png"),
            Optional.of("help@seats.example"), Optional.of("Open every day"));
    volatile PlatformTerms terms = new PlatformTerms(Money.ofMinor(500, Money.CNY), java.time.Duration.ofMinutes(15));
    /** The custom host that is verified (served), if any. */
    volatile String verifiedHost = "seats.kim.example";

    BrandsApi api() {
        return new BrandsApi(this, this, this);
    }

    @Override
    public BrandProfile profile(UserId caller) {
        calls.add("profile " + caller.value());
        return view(caller, brands.getOrDefault(caller, Brand.initial(new Slug("reseller"))));
    }

    @Override
    public BrandProfile update(Actor caller, Brand brand) {
        calls.add("update " + caller.userId().orElseThrow().value() + " " + brand);
        if (brand.slug().value().equals("taken")) {
            throw new DomainException(ErrorCode.SLUG_TAKEN, "another distributor has the slug 'taken'");
        }
        brands.put(caller.userId().orElseThrow(), brand);
        return view(caller.userId().orElseThrow(), brand);
    }

    private static BrandProfile view(UserId distributor, Brand brand) {
        return new BrandProfile(distributor, brand, Optional.empty(), Money.ofMinor(990, Money.CNY),
                new BrandProfile.Links("/r/" + brand.slug() + "/", "/invite/"));
    }

    @Override
    public PublicBrand brand(String slug) {
        calls.add("brand " + slug);
        return brands.values().stream().filter(b -> b.slug().value().equalsIgnoreCase(slug)).findFirst()
                .map(b -> new PublicBrand(b.slug(), b.displayName(), b.logoUrl(), b.welcomeText()))
                .orElseThrow(() -> DomainException.notFound("no brand has this slug"));
    }

    @Override
    public Optional<Slug> brandOfHost(String hostHeader) {
        CustomHost host = CustomHost.fromHostHeader(hostHeader);
        return host != null && host.value().equals(verifiedHost) ? Optional.of(new Slug("kims-seats")) : Optional.empty();
    }

    @Override
    public Page<CustomHostRequest> customHosts(Actor admin, PageRequest page) {
        calls.add("custom-hosts limit=" + page.limit());
        return new Page<>(List.of(new CustomHostRequest(new UserId(3), "reseller", new Slug("kims-seats"), new CustomHost("seats.kim.example"),
                Optional.empty())), Optional.empty());
    }

    @Override
    public CustomHostRequest verify(Actor admin, UserId distributor, CustomHost host) {
        calls.add("verify " + distributor.value() + " " + host);
        return new CustomHostRequest(distributor, "reseller", new Slug("kims-seats"), host, Optional.of(InPortFakes.NOW));
    }

    @Override
    public PlatformSite site() {
        return site;
    }

    @Override
    public PlatformSite ensureDefaults(PlatformSite defaults) {
        return site;
    }

    @Override
    public PlatformTerms terms() {
        return terms;
    }

    @Override
    public PlatformSettingsView settings(Actor admin) {
        calls.add("settings");
        return new PlatformSettingsView(site, terms);
    }

    @Override
    public PlatformSettingsView update(Actor admin, PlatformSite changed, PlatformTerms changedTerms) {
        calls.add("update settings");
        site = changed;
        terms = changedTerms;
        return new PlatformSettingsView(changed, changedTerms);
    }
}
