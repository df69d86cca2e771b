package io.invitehub.application.shop.service;

import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.application.shop.port.in.ManagePlansUseCase;
import io.invitehub.application.shop.port.out.Plans;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.util.List;

/** Plan administration (ADMIN) and the distributor's view of plans on sale. */
public final class PlanService implements ManagePlansUseCase {
    private static final String ADMINS_ONLY = "Only admins manage plans.";

    private final TransactionRunner transactions;
    private final Plans plans;
    private final Users users;
    private final AuditLog audit;
    private final Clock clock;

    public PlanService(TransactionRunner transactions, Plans plans, Users users, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.plans = plans;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Plan create(Actor admin, PlanSpec spec) {
        admin.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        return transactions.inTransaction(() -> {
            Plan plan = plans.create(spec);
            audit.record(AuditEntry.of(admin, "PLAN_CREATE", "PLAN", plan.id().value(), describe(spec), clock.instant()));
            return plan;
        });
    }

    @Override
    public Plan update(Actor admin, PlanId id, PlanSpec spec) {
        admin.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        return transactions.inTransaction(() -> {
            Plan plan = plans.update(id, spec).orElseThrow(() -> DomainException.notFound("plan " + id.value() + " does not exist"));
            audit.record(AuditEntry.of(admin, "PLAN_UPDATE", "PLAN", id.value(), describe(spec), clock.instant()));
            return plan;
        });
    }

    @Override
    public void delete(Actor admin, PlanId id) {
        admin.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        transactions.inTransaction(() -> {
            switch (plans.delete(id)) {
                case NOT_FOUND:
                    throw DomainException.notFound("plan " + id.value() + " does not exist");
                case REFERENCED:
                    throw new DomainException(ErrorCode.CONFLICT, "orders refer to plan " + id.value() + "; deactivate it instead");
                default:
                    audit.record(AuditEntry.of(admin, "PLAN_DELETE", "PLAN", id.value(), null, clock.instant()));
            }
        });
    }

    @Override
    public List<Plan> all(Actor admin) {
        admin.requireAnyOf(ADMINS_ONLY, Role.ADMIN);
        return plans.all();
    }

    @Override
    public List<Plan> onSale(UserId distributor) {
        new CallerRules(users).caller(distributor);
        return plans.onSale(PlanType.DISTRIBUTOR_CODES);
    }

    @Override
    public List<Plan> onSaleToPublic() {
        return plans.onSale(PlanType.PUBLIC);
    }

    private static String describe(PlanSpec s) {
        return "name=" + s.name() + ", type=" + s.type() + ", price=" + s.price() + ", code_count=" + s.codeCount()
                + ", code_max_uses=" + s.codeMaxUses() + ", validity_days=" + s.validityDays() + ", active=" + s.active();
    }
}
