package io.invitehub.domain.order;

public record PlanId(long value) {
    public PlanId {
        if (value <= 0) {
            throw new IllegalArgumentException("plan id must be positive");
        }
    }
}
