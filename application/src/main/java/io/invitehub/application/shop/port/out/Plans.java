package io.invitehub.application.shop.port.out;

import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;

import java.util.List;
import java.util.Optional;

/** Storage of plans (the shop's products). */
public interface Plans {
    Plan create(PlanSpec spec);

    /** Replaces the plan's spec; empty when no such plan. Orders keep the terms they copied. */
    Optional<Plan> update(PlanId id, PlanSpec spec);

    Optional<Plan> findById(PlanId id);

    /** Every plan, by sort_order then id (admin list; a shop has tens of plans, not thousands). */
    List<Plan> all();

    /** Active plans of {@code type}, by sort_order then id. */
    List<Plan> onSale(PlanType type);

    /** Deletes a plan no order refers to; one conditional statement, so a concurrent order either wins or finds no plan. */
    Deletion delete(PlanId id);

    enum Deletion { DELETED, REFERENCED, NOT_FOUND }
}
