package io.invitehub.application.fakes;

import io.invitehub.application.shop.port.out.Plans;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class FakePlans extends FakeTable implements Plans {
    FakePlans(MemoryTables db) {
        super(db);
    }

    @Override
    public Plan create(PlanSpec spec) {
        return atomically(() -> {
            Plan plan = new Plan(new PlanId(newId()), spec);
            state.plans.put(plan.id().value(), plan);
            return plan;
        });
    }

    @Override
    public Optional<Plan> update(PlanId id, PlanSpec spec) {
        return atomically(() -> {
            if (!state.plans.containsKey(id.value())) {
                return Optional.empty();
            }
            Plan plan = new Plan(id, spec);
            state.plans.put(id.value(), plan);
            return Optional.of(plan);
        });
    }

    @Override
    public Optional<Plan> findById(PlanId id) {
        return atomically(() -> Optional.ofNullable(state.plans.get(id.value())));
    }

    @Override
    public List<Plan> all() {
        return atomically(() -> state.plans.values().stream()
                .sorted(Comparator.comparingInt((Plan p) -> p.spec().sortOrder()).thenComparingLong(p -> p.id().value()))
                .collect(java.util.stream.Collectors.toList()));
    }

    @Override
    public List<Plan> onSale(PlanType type) {
        return atomically(() -> all().stream().filter(p -> p.spec().active() && p.spec().type() == type)
                .collect(java.util.stream.Collectors.toList()));
    }

    @Override
    public Deletion delete(PlanId id) {
        return atomically(() -> {
            if (!state.plans.containsKey(id.value())) {
                return Deletion.NOT_FOUND;
            }
            if (state.orders.values().stream().anyMatch(r -> r.order().planId().equals(id))) {
                return Deletion.REFERENCED;
            }
            state.plans.remove(id.value());
            return Deletion.DELETED;
        });
    }
}
