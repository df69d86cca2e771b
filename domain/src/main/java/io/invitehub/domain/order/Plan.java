package io.invitehub.domain.order;

import java.util.Objects;

/** A stored plan: its id and what it sells. */
public record Plan(PlanId id, PlanSpec spec) {
    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
    }

    /** Distributors can buy it now. */
    public boolean sellsToDistributors() {
        return spec.active() && spec.type() == PlanType.DISTRIBUTOR_CODES;
    }
}
