package io.invitehub.application.shop.port.in;

import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;

import java.util.List;

/** Plans: admins create, change, list and delete them; distributors see those on sale to them, customers the public ones. */
public interface ManagePlansUseCase {
    Plan create(Actor admin, PlanSpec spec);

    Plan update(Actor admin, PlanId id, PlanSpec spec);

    /** Refuses (CONFLICT) a plan that orders refer to: deactivate it instead. */
    void delete(Actor admin, PlanId id);

    List<Plan> all(Actor admin);

    /** Active DISTRIBUTOR_CODES plans, for an APPROVED distributor. */
    List<Plan> onSale(UserId distributor);

    /** Active PUBLIC plans, by sort order: what the official link shows customers, with prices (no sign-in). */
    List<Plan> onSaleToPublic();
}
