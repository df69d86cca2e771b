package io.invitehub.application.fakes;

import io.invitehub.application.brands.port.out.Brands;
import io.invitehub.application.brands.view.CustomHostRequest;
import io.invitehub.application.brands.view.PublicBrand;
import io.invitehub.application.fakes.MemoryTables.BrandRow;
import io.invitehub.domain.brand.Brand;
import io.invitehub.domain.brand.CustomHost;
import io.invitehub.domain.brand.Slug;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Brands over {@link MemoryTables}: the rows {@link FakeUsers} makes with each distributor; the unique keys checked here. */
final class FakeBrands extends FakeTable implements Brands {
    FakeBrands(MemoryTables db) {
        super(db);
    }

    @Override
    public Optional<StoredBrand> find(UserId distributor) {
        return atomically(() -> Optional.ofNullable(state.brands.get(distributor.value()))
                .map(row -> new StoredBrand(distributor, row.brand(), Optional.ofNullable(row.verifiedAt()), OptionalLong.empty())));
    }

    @Override
    public StoredBrand save(UserId distributor, Brand brand, Instant at) {
        return atomically(() -> {
            BrandRow before = state.brands.get(distributor.value());
            if (before == null) {
                throw DomainException.notFound("distributor " + distributor.value() + " has no brand");
            }
            for (Map.Entry<Long, BrandRow> other : state.brands.entrySet()) {
                if (other.getKey() == distributor.value()) {
                    continue;
                }
                if (other.getValue().brand().slug().equals(brand.slug())) {
                    throw new DomainException(ErrorCode.SLUG_TAKEN, "another distributor has the slug '" + brand.slug() + "'");
                }
                if (brand.customHost().isPresent() && other.getValue().brand().customHost().equals(brand.customHost())) {
                    throw new DomainException(ErrorCode.CUSTOM_HOST_TAKEN, "another distributor has asked for the custom host "
                            + brand.customHost().get());
                }
            }
            Instant verified = Objects.equals(before.brand().customHost(), brand.customHost()) ? before.verifiedAt() : null;
            state.brands.put(distributor.value(), new BrandRow(brand, verified));
            return new StoredBrand(distributor, brand, Optional.ofNullable(verified), OptionalLong.empty());
        });
    }

    @Override
    public Optional<PublicBrand> findPublic(Slug slug) {
        return atomically(() -> state.brands.entrySet().stream()
                .filter(e -> e.getValue().brand().slug().equals(slug) && approved(e.getKey()))
                .findFirst()
                .map(e -> {
                    Brand b = e.getValue().brand();
                    return new PublicBrand(b.slug(), b.displayName(), b.logoUrl(), b.welcomeText());
                }));
    }

    @Override
    public Optional<Slug> slugOfVerifiedHost(CustomHost host) {
        return atomically(() -> state.brands.entrySet().stream()
                .filter(e -> e.getValue().brand().customHost().filter(host::equals).isPresent() && e.getValue().verifiedAt() != null
                        && approved(e.getKey()))
                .findFirst()
                .map(e -> e.getValue().brand().slug()));
    }

    @Override
    public boolean verifyHost(UserId distributor, CustomHost host, Instant at) {
        return atomically(() -> {
            BrandRow row = state.brands.get(distributor.value());
            if (row == null || !row.brand().customHost().filter(host::equals).isPresent()) {
                return false;
            }
            state.brands.put(distributor.value(), new BrandRow(row.brand(), at));
            return true;
        });
    }

    @Override
    public List<CustomHostRequest> customHosts(Optional<UserId> after, int limit) {
        return atomically(() -> state.brands.tailMap(after.map(UserId::value).orElse(0L), false).entrySet().stream()
                .filter(e -> e.getValue().brand().customHost().isPresent())
                .limit(limit)
                .map(e -> new CustomHostRequest(new UserId(e.getKey()), state.users.get(e.getKey()).username(), e.getValue().brand().slug(),
                        e.getValue().brand().customHost().get(), Optional.ofNullable(e.getValue().verifiedAt())))
                .collect(Collectors.toList()));
    }

    private boolean approved(long distributor) {
        User user = state.users.get(distributor);
        return user != null && user.approval().filter(Approval.APPROVED::equals).isPresent();
    }
}
