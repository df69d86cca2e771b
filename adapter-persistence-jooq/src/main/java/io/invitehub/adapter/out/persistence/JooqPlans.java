package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.PlansRecord;
import io.invitehub.application.shop.port.out.Plans;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanId;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;
import io.invitehub.domain.shared.Money;

import org.jooq.DSLContext;

import java.util.Currency;
import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.PLANS;
import static org.jooq.impl.DSL.currentOffsetDateTime;

/** Plans in PostgreSQL; a plan that orders refer to is kept by the foreign key and the conditional delete. */
final class JooqPlans implements Plans {
    private final DSLContext dsl;

    JooqPlans(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Plan create(PlanSpec spec) {
        PlansRecord r = dsl.newRecord(PLANS);
        write(r, spec);
        r.store();
        r.refresh();
        return toDomain(r);
    }

    @Override
    public Optional<Plan> update(PlanId id, PlanSpec spec) {
        PlansRecord values = dsl.newRecord(PLANS);
        write(values, spec);
        return dsl.update(PLANS).set(values).set(PLANS.UPDATED_AT, currentOffsetDateTime())
                .where(PLANS.ID.eq(id.value())).returning().fetchOptional().map(JooqPlans::toDomain);
    }

    @Override
    public Optional<Plan> findById(PlanId id) {
        return dsl.selectFrom(PLANS).where(PLANS.ID.eq(id.value())).fetchOptional().map(JooqPlans::toDomain);
    }

    @Override
    public List<Plan> all() {
        return dsl.selectFrom(PLANS).orderBy(PLANS.SORT_ORDER, PLANS.ID).fetch(JooqPlans::toDomain);
    }

    @Override
    public List<Plan> onSale(PlanType type) {
        return dsl.selectFrom(PLANS).where(PLANS.PLAN_TYPE.eq(type.name())).and(PLANS.ACTIVE)
                .orderBy(PLANS.SORT_ORDER, PLANS.ID).fetch(JooqPlans::toDomain);
    }

    @Override
    public Deletion delete(PlanId id) {
        // statistics rows per plan exist only for codes of orders, so "no order" means nothing refers to it
        int deleted = dsl.execute("delete from plans p where p.id = ? and not exists (select 1 from orders o where o.plan_id = p.id)"
                + " and not exists (select 1 from distributor_plan_stats s where s.plan_id = p.id)", id.value());
        if (deleted > 0) {
            return Deletion.DELETED;
        }
        return dsl.fetchExists(PLANS, PLANS.ID.eq(id.value())) ? Deletion.REFERENCED : Deletion.NOT_FOUND;
    }

    private static void write(PlansRecord r, PlanSpec s) {
        r.setName(s.name());
        r.setPlanType(s.type().name());
        r.setPriceMinor(s.price().minorUnits());
        r.setOriginalPriceMinor(s.originalPrice().map(Money::minorUnits).orElse(null));
        r.setCurrency(s.price().currency().getCurrencyCode());
        r.setCodeCount(s.codeCount());
        r.setCodeMaxUses(s.codeMaxUses());
        r.setValidityDays(s.validityDays());
        r.setActive(s.active());
        r.setRecommended(s.recommended());
        r.setSortOrder(s.sortOrder());
        r.setDescription(s.description().orElse(null));
    }

    static Plan toDomain(PlansRecord r) {
        Currency currency = Currency.getInstance(r.getCurrency());
        return new Plan(new PlanId(r.getId()), new PlanSpec(r.getName(), PlanType.valueOf(r.getPlanType()),
                Money.ofMinor(r.getPriceMinor(), currency),
                Optional.ofNullable(r.getOriginalPriceMinor()).map(p -> Money.ofMinor(p, currency)),
                r.getCodeCount(), r.getCodeMaxUses(), r.getValidityDays(), r.getActive(), r.getRecommended(),
                r.getSortOrder(), Optional.ofNullable(r.getDescription())));
    }
}
