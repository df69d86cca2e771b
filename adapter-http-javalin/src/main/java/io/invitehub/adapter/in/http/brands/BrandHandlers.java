package io.invitehub.adapter.in.http.brands;

import io.invitehub.adapter.in.http.wire.Amounts;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.PageBody;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.application.brands.port.in.BrandProfileUseCase;
import io.invitehub.application.brands.port.in.CustomHostsUseCase;
import io.invitehub.application.brands.port.in.PublicBrandQueries;
import io.invitehub.application.brands.view.BrandProfile;
import io.invitehub.application.brands.view.CustomHostRequest;
import io.invitehub.application.brands.view.PublicBrand;
import io.invitehub.domain.brand.Brand;
import io.invitehub.domain.brand.CustomHost;
import io.invitehub.domain.brand.Slug;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pathParam;
import static io.invitehub.adapter.in.http.wire.HttpRequests.queryParam;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * The distributors' brands (SPEC section 9, ADR 47): a distributor's own profile, the brand its own link shows
 * customers, and the custom hosts an ADMIN verifies (with the check a TLS proxy asks before it gets a certificate).
 */
public final class BrandHandlers {
    /** The edge's bounds: room for the domain's own limits (counted in characters) to give the precise refusal. */
    static final int MAX_SLUG = 64;

    /** What each route reads (ADR 33). */
    public static final RequestShape PROFILE = RequestShape.none().body(Field.text("slug", MAX_SLUG),
            Field.text("display_name", 2 * Brand.MAX_DISPLAY_NAME), Field.text("logo_url", Brand.MAX_LOGO_URL),
            Field.prose("welcome_text", 2 * Brand.MAX_WELCOME_TEXT), Field.text("custom_host", CustomHost.MAX_LENGTH));
    public static final RequestShape ONE_BRAND = RequestShape.none().path(Field.token("slug", MAX_SLUG));
    public static final RequestShape CUSTOM_HOSTS = RequestShape.none().query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape VERIFY_HOST = RequestShape.none().path(Field.id("id").labelled("distributor id"))
            .body(Field.text("custom_host", CustomHost.MAX_LENGTH));
    public static final RequestShape HOST_CHECK = RequestShape.none().query(Field.text("domain", CustomHost.MAX_LENGTH));

    /** What each route answers (ADR 40). */
    public static final ResponseShape PROFILE_ANSWER = ResponseShape.ok(Profile.class);
    public static final ResponseShape PUBLIC_BRAND_ANSWER = ResponseShape.ok(PublicBrandBody.class);
    public static final ResponseShape CUSTOM_HOSTS_ANSWER = ResponseShape.page(CustomHostRow.class);
    public static final ResponseShape CUSTOM_HOST_ANSWER = ResponseShape.ok(CustomHostRow.class);
    public static final ResponseShape HOST_CHECK_ANSWER = ResponseShape.ok(HostCheck.class);

    private final BrandProfileUseCase profiles;
    private final PublicBrandQueries publicBrands;
    private final CustomHostsUseCase customHosts;

    public BrandHandlers(BrandProfileUseCase profiles, PublicBrandQueries publicBrands, CustomHostsUseCase customHosts) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.publicBrands = Objects.requireNonNull(publicBrands, "publicBrands");
        this.customHosts = Objects.requireNonNull(customHosts, "customHosts");
    }

    // ---- request and response bodies (snake_case on the wire) ---------------------------------------

    record ProfileBody(String slug, String displayName, String logoUrl, String welcomeText, String customHost) {
    }

    record Links(String ownLinkBase, String officialLinkBase) {
    }

    /** The profile as its distributor reads it: the brand, the custom host's state, the unit price, the link bases. */
    record Profile(String slug, String displayName, String logoUrl, String welcomeText, String customHost, boolean customHostVerified,
                   Instant customHostVerifiedAt, String unitPrice, String currency, Links links) {
        static Profile of(BrandProfile p) {
            Brand b = p.brand();
            return new Profile(b.slug().value(), b.displayName().orElse(null), b.logoUrl().orElse(null), b.welcomeText().orElse(null),
                    b.customHost().map(CustomHost::value).orElse(null), p.customHostVerifiedAt().isPresent(),
                    p.customHostVerifiedAt().orElse(null), Amounts.text(p.unitPrice()), p.unitPrice().currency().getCurrencyCode(),
                    new Links(p.links().ownLinkBase(), p.links().officialLinkBase()));
        }
    }

    /** What a customer sees of a distributor: never a price. */
    record PublicBrandBody(String slug, String displayName, String logoUrl, String welcomeText) {
        static PublicBrandBody of(PublicBrand b) {
            return new PublicBrandBody(b.slug().value(), b.displayName().orElse(null), b.logoUrl().orElse(null), b.welcomeText().orElse(null));
        }
    }

    record CustomHostRow(long distributorId, String username, String slug, String customHost, boolean verified, Instant verifiedAt) {
        static CustomHostRow of(CustomHostRequest r) {
            return new CustomHostRow(r.distributor().value(), r.username(), r.slug().value(), r.host().value(), r.verifiedAt().isPresent(),
                    r.verifiedAt().orElse(null));
        }
    }

    record VerifyHostBody(String customHost) {
    }

    record HostCheck(String domain, boolean served) {
    }

    // ---- handlers -----------------------------------------------------------------------------------

    /** {@code GET /distributors/me/profile}. */
    public void myProfile(Context ctx) {
        ctx.json(Profile.of(profiles.profile(caller(ctx).id())));
    }

    /** {@code PUT /distributors/me/profile}: the whole brand; a field left out or null is cleared (the slug is required). */
    public void updateMyProfile(Context ctx) {
        ProfileBody body = body(ctx, ProfileBody.class);
        Brand brand = new Brand(Slug.parse(required(body.slug(), "slug")), Optional.ofNullable(body.displayName()),
                Optional.ofNullable(body.logoUrl()), Optional.ofNullable(body.welcomeText()),
                Optional.ofNullable(body.customHost()).filter(h -> !h.isBlank()).map(CustomHost::parse));
        ctx.json(Profile.of(profiles.update(actor(ctx), brand)));
    }

    /** {@code GET /public/brands/{slug}}: an APPROVED distributor's brand, 404 otherwise. */
    public void publicBrand(Context ctx) {
        ctx.json(PublicBrandBody.of(publicBrands.brand(pathParam(ctx, "slug"))));
    }

    /** {@code GET /admins/custom-hosts}: every brand with a custom host, verified or waiting. */
    public void customHosts(Context ctx) {
        PageBody.answer(ctx, customHosts.customHosts(actor(ctx), pageRequest(ctx)), CustomHostRow::of);
    }

    /** {@code POST /admins/distributors/{id}/custom-host/verify {custom_host}}. */
    public void verifyHost(Context ctx) {
        UserId distributor = new UserId(HttpRequests.pathId(ctx, "distributor id"));
        CustomHost host = CustomHost.parse(required(body(ctx, VerifyHostBody.class).customHost(), "custom_host"));
        ctx.json(CustomHostRow.of(customHosts.verify(actor(ctx), distributor, host)));
    }

    /**
     * {@code GET /public/custom-hosts/check?domain=}: 200 when the service answers an own link on that host (an APPROVED
     * distributor's verified custom host), 404 otherwise. A TLS proxy that issues certificates on demand asks it first.
     */
    public void checkHost(Context ctx) {
        String domain = required(queryParam(ctx, "domain"), "domain");
        if (publicBrands.brandOfHost(domain).isEmpty()) {
            throw DomainException.notFound("the service does not serve this host");
        }
        ctx.json(new HostCheck(CustomHost.fromHostHeader(domain).value(), true));
    }
}
