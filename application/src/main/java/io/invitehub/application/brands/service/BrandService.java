package io.invitehub.application.brands.service;

import io.invitehub.application.site.port.in.PlatformTermsQuery;
import io.invitehub.application.brands.port.in.BrandProfileUseCase;
import io.invitehub.application.brands.port.in.CustomHostsUseCase;
import io.invitehub.application.brands.port.in.PublicBrandQueries;
import io.invitehub.application.brands.port.out.Brands;
import io.invitehub.application.brands.view.BrandProfile;
import io.invitehub.application.brands.view.CustomHostRequest;
import io.invitehub.application.brands.view.PublicBrand;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.domain.brand.Brand;
import io.invitehub.domain.brand.CustomHost;
import io.invitehub.domain.brand.Slug;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The brands (SPEC section 9, ADR 47): a distributor reads and replaces its own, customers read an APPROVED
 * distributor's by slug or custom host, an ADMIN verifies custom hosts. Writes are audited in their transaction.
 */
public final class BrandService implements BrandProfileUseCase, PublicBrandQueries, CustomHostsUseCase {
    static final String CUSTOM_HOSTS = "custom-hosts";

    private final TransactionRunner transactions;
    private final Brands brands;
    private final Users users;
    private final CallerRules rules;
    private final AuditLog audit;
    private final Clock clock;
    private final BrandSettings settings;
    private final PlatformTermsQuery terms;

    public BrandService(TransactionRunner transactions, Brands brands, Users users, AuditLog audit, Clock clock, BrandSettings settings,
                        PlatformTermsQuery terms) {
        this.transactions = transactions;
        this.brands = brands;
        this.users = users;
        this.rules = new CallerRules(users);
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.terms = java.util.Objects.requireNonNull(terms, "terms");
    }

    @Override
    public BrandProfile profile(UserId caller) {
        distributor(caller);
        return view(brands.find(caller).orElseThrow(() -> noBrand(caller)));
    }

    @Override
    public BrandProfile update(Actor caller, Brand brand) {
        UserId id = caller.userId().orElseThrow(() -> new DomainException(ErrorCode.FORBIDDEN, "only a distributor has a brand"));
        distributor(id);
        if (brand.customHost().isPresent() && brand.customHost().equals(settings.platformHost())) {
            throw MalformedInputException.field(ErrorCode.VALIDATION_FAILED, "custom_host", "custom_host is the platform's own host");
        }
        return view(transactions.inTransaction(() -> {
            Brands.StoredBrand before = brands.find(id).orElseThrow(() -> noBrand(id));
            Brands.StoredBrand saved = brands.save(id, brand, clock.instant());
            audit.record(AuditEntry.of(caller, "BRAND_UPDATE", "DISTRIBUTOR", id.value(), describe(before.brand(), brand), clock.instant()));
            return saved;
        }));
    }

    @Override
    public PublicBrand brand(String slug) {
        Optional<Slug> parsed;
        try {
            parsed = Optional.of(Slug.parse(slug));
        } catch (DomainException malformedOrReserved) {
            parsed = Optional.empty();
        }
        return parsed.flatMap(brands::findPublic).orElseThrow(() -> DomainException.notFound("no brand has this slug"));
    }

    @Override
    public Optional<Slug> brandOfHost(String hostHeader) {
        return Optional.ofNullable(CustomHost.fromHostHeader(hostHeader)).flatMap(brands::slugOfVerifiedHost);
    }

    @Override
    public Page<CustomHostRequest> customHosts(Actor admin, PageRequest page) {
        admin.requireAnyOf("Only admins verify custom hosts.", Role.ADMIN);
        Optional<UserId> after = page.cursor().map(c -> new UserId(positive(c.longKey(CUSTOM_HOSTS, 1, 0))));
        List<CustomHostRequest> rows = brands.customHosts(after, page.limit() + 1);
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<CustomHostRequest> shown = rows.subList(0, page.limit());
        return new Page<>(shown, Optional.of(PageCursor.of(CUSTOM_HOSTS, shown.get(shown.size() - 1).distributor().value())));
    }

    @Override
    public CustomHostRequest verify(Actor admin, UserId distributor, CustomHost host) {
        admin.requireAnyOf("Only admins verify custom hosts.", Role.ADMIN);
        return transactions.inTransaction(() -> {
            if (!brands.verifyHost(distributor, host, clock.instant())) {
                throw DomainException.notFound("distributor " + distributor.value() + " has not asked for the custom host " + host);
            }
            audit.record(AuditEntry.of(admin, "CUSTOM_HOST_VERIFY", "DISTRIBUTOR", distributor.value(), "host=" + host, clock.instant()));
            Brands.StoredBrand stored = brands.find(distributor).orElseThrow(() -> noBrand(distributor));
            String username = users.findById(distributor).map(User::username).orElseThrow(() -> noBrand(distributor));
            return new CustomHostRequest(distributor, username, stored.brand().slug(), host, stored.customHostVerifiedAt());
        });
    }

    private User distributor(UserId caller) {
        User user = rules.caller(caller);
        if (!user.isDistributor()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "only a distributor has a brand profile");
        }
        return user;
    }

    private BrandProfile view(Brands.StoredBrand stored) {
        Money platformPrice = terms.terms().defaultUnitPrice();
        Money price = stored.ownUnitPriceMinor().isPresent()
                ? Money.ofMinor(stored.ownUnitPriceMinor().getAsLong(), platformPrice.currency())
                : platformPrice;
        String base = settings.publicBaseUrl().orElse("");
        Brand brand = stored.brand();
        String own = stored.customHostVerifiedAt().isPresent() && brand.customHost().isPresent()
                ? "https://" + brand.customHost().get() + "/r/"
                : base + "/r/" + brand.slug() + "/";
        return new BrandProfile(stored.distributor(), brand, stored.customHostVerifiedAt(), price,
                new BrandProfile.Links(own, base + "/invite/"));
    }

    private static String describe(Brand before, Brand after) {
        StringBuilder changes = new StringBuilder();
        change(changes, "slug", Optional.of(before.slug().value()), Optional.of(after.slug().value()));
        change(changes, "display_name", before.displayName(), after.displayName());
        change(changes, "logo_url", before.logoUrl(), after.logoUrl());
        change(changes, "welcome_text", before.welcomeText().map(t -> t.length() + " characters"), after.welcomeText().map(t -> t.length() + " characters"));
        change(changes, "custom_host", before.customHost().map(CustomHost::value), after.customHost().map(CustomHost::value));
        return changes.length() == 0 ? "no change" : changes.toString();
    }

    private static void change(StringBuilder out, String field, Optional<String> before, Optional<String> after) {
        if (!before.equals(after)) {
            out.append(out.length() == 0 ? "" : ", ").append(field).append(": ").append(before.orElse("-")).append(" -> ").append(after.orElse("-"));
        }
    }

    private static DomainException noBrand(UserId distributor) {
        return DomainException.notFound("distributor " + distributor.value() + " has no brand");
    }

    private static long positive(long id) {
        if (id <= 0) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
        }
        return id;
    }
}
