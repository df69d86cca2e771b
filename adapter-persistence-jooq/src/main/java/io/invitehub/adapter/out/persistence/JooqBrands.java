package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.DistributorBrands;
import io.invitehub.adapter.out.persistence.generated.tables.Users;
import io.invitehub.application.brands.port.out.Brands;
import io.invitehub.application.brands.view.CustomHostRequest;
import io.invitehub.application.brands.view.PublicBrand;
import io.invitehub.domain.brand.Brand;
import io.invitehub.domain.brand.CustomHost;
import io.invitehub.domain.brand.Slug;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.when;

/**
 * The distributors' brands in {@code distributor_brands} (V46; each row made with its distributor by the trigger of
 * R__distributor_brands.sql). Slugs and hosts are stored lower case, so the unique keys compare them case-insensitively;
 * a violated key is the refusal it means. Approval is a literal in predicates (ADR 23).
 */
final class JooqBrands implements Brands {
    private static final DistributorBrands B = DistributorBrands.DISTRIBUTOR_BRANDS.as("b");
    private static final Users U = Users.USERS.as("u");

    private final DSLContext dsl;

    JooqBrands(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<StoredBrand> find(UserId distributor) {
        return dsl.select(B.asterisk(), U.UNIT_PRICE_MINOR).from(B).join(U).on(U.ID.eq(B.DISTRIBUTOR_ID))
                .where(B.DISTRIBUTOR_ID.eq(distributor.value()))
                .fetchOptional(JooqBrands::stored);
    }

    @Override
    public StoredBrand save(UserId distributor, Brand brand, Instant at) {
        String host = brand.customHost().map(CustomHost::value).orElse(null);
        try {
            int updated = dsl.update(DistributorBrands.DISTRIBUTOR_BRANDS)
                    .set(DistributorBrands.DISTRIBUTOR_BRANDS.SLUG, brand.slug().value())
                    .set(DistributorBrands.DISTRIBUTOR_BRANDS.DISPLAY_NAME, brand.displayName().orElse(null))
                    .set(DistributorBrands.DISTRIBUTOR_BRANDS.LOGO_URL, brand.logoUrl().orElse(null))
                    .set(DistributorBrands.DISTRIBUTOR_BRANDS.WELCOME_TEXT, brand.welcomeText().orElse(null))
                    // the same host keeps its verification (the right-hand side reads the row before the update)
                    .set(DistributorBrands.DISTRIBUTOR_BRANDS.CUSTOM_HOST_VERIFIED_AT,
                            when(DistributorBrands.DISTRIBUTOR_BRANDS.CUSTOM_HOST.isNotDistinctFrom(host),
                                    DistributorBrands.DISTRIBUTOR_BRANDS.CUSTOM_HOST_VERIFIED_AT)
                                    .otherwise(inline((java.time.OffsetDateTime) null)))
                    .set(DistributorBrands.DISTRIBUTOR_BRANDS.CUSTOM_HOST, host)
                    .set(DistributorBrands.DISTRIBUTOR_BRANDS.UPDATED_AT, Rows.at(at))
                    .where(DistributorBrands.DISTRIBUTOR_BRANDS.DISTRIBUTOR_ID.eq(distributor.value()))
                    .execute();
            if (updated == 0) {
                throw DomainException.notFound("distributor " + distributor.value() + " has no brand");
            }
        } catch (DataAccessException e) {
            throw Rows.uniqueViolation(e,
                    Rows.refusal("distributor_brands_slug_key", ErrorCode.SLUG_TAKEN, "another distributor has the slug '" + brand.slug() + "'"),
                    Rows.refusal("distributor_brands_custom_host_key", ErrorCode.CUSTOM_HOST_TAKEN,
                            "another distributor has asked for the custom host " + host));
        }
        return find(distributor).orElseThrow();
    }

    @Override
    public Optional<PublicBrand> findPublic(Slug slug) {
        return dsl.select(B.SLUG, B.DISPLAY_NAME, B.LOGO_URL, B.WELCOME_TEXT).from(B).join(U).on(U.ID.eq(B.DISTRIBUTOR_ID))
                .where(B.SLUG.eq(slug.value())).and(U.APPROVAL.eq(inline(Approval.APPROVED.name())))
                .fetchOptional(r -> new PublicBrand(new Slug(r.value1()), Optional.ofNullable(r.value2()), Optional.ofNullable(r.value3()),
                        Optional.ofNullable(r.value4())));
    }

    @Override
    public Optional<Slug> slugOfVerifiedHost(CustomHost host) {
        return dsl.select(B.SLUG).from(B).join(U).on(U.ID.eq(B.DISTRIBUTOR_ID))
                .where(B.CUSTOM_HOST.eq(host.value())).and(B.CUSTOM_HOST_VERIFIED_AT.isNotNull())
                .and(U.APPROVAL.eq(inline(Approval.APPROVED.name())))
                .fetchOptional(r -> new Slug(r.value1()));
    }

    @Override
    public boolean verifyHost(UserId distributor, CustomHost host, Instant at) {
        return dsl.update(DistributorBrands.DISTRIBUTOR_BRANDS)
                .set(DistributorBrands.DISTRIBUTOR_BRANDS.CUSTOM_HOST_VERIFIED_AT, Rows.at(at))
                .where(DistributorBrands.DISTRIBUTOR_BRANDS.DISTRIBUTOR_ID.eq(distributor.value()))
                .and(DistributorBrands.DISTRIBUTOR_BRANDS.CUSTOM_HOST.eq(host.value()))
                .execute() == 1;
    }

    @Override
    public List<CustomHostRequest> customHosts(Optional<UserId> after, int limit) {
        return dsl.select(B.DISTRIBUTOR_ID, U.USERNAME, B.SLUG, B.CUSTOM_HOST, B.CUSTOM_HOST_VERIFIED_AT)
                .from(B).join(U).on(U.ID.eq(B.DISTRIBUTOR_ID))
                .where(B.CUSTOM_HOST.isNotNull())
                .and(after.map(a -> B.DISTRIBUTOR_ID.gt(a.value())).orElse(noCondition()))
                .orderBy(B.DISTRIBUTOR_ID)
                .limit(limit)
                .fetch(r -> new CustomHostRequest(new UserId(r.value1()), r.value2(), new Slug(r.value3()), new CustomHost(r.value4()),
                        Optional.ofNullable(Rows.instant(r.value5()))));
    }

    private static StoredBrand stored(Record r) {
        Brand brand = new Brand(new Slug(r.get(B.SLUG)), Optional.ofNullable(r.get(B.DISPLAY_NAME)), Optional.ofNullable(r.get(B.LOGO_URL)),
                Optional.ofNullable(r.get(B.WELCOME_TEXT)), Optional.ofNullable(r.get(B.CUSTOM_HOST)).map(CustomHost::new));
        Long price = r.get(U.UNIT_PRICE_MINOR);
        return new StoredBrand(new UserId(r.get(B.DISTRIBUTOR_ID)), brand, Optional.ofNullable(Rows.instant(r.get(B.CUSTOM_HOST_VERIFIED_AT))),
                price == null ? OptionalLong.empty() : OptionalLong.of(price));
    }
}
