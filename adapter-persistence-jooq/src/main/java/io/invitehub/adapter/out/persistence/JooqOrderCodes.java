package io.invitehub.adapter.out.persistence;

import io.invitehub.application.shop.port.out.OrderCodes;
import io.invitehub.domain.order.OrderId;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * An order's codes as a refund sees them: one statement disables the never-used ones (the statistics
 * triggers count them as inactive) and counts the others. A redemption that holds one of these codes' rows
 * finishes first: the update re-checks {@code used_count} on the committed row and keeps the code.
 */
final class JooqOrderCodes implements OrderCodes {
    private final DSLContext dsl;

    JooqOrderCodes(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Disabled disableUnused(OrderId order) {
        Record counts = dsl.resultQuery("with disabled as ("
                        + " update redeem_codes set active = false, updated_at = now()"
                        + " where order_id = ? and active and used_count = 0 and bound_email is null returning id)"
                        + " select (select count(*) from disabled)::int,"
                        + " (select count(*) from redeem_codes c where c.order_id = ? and (c.used_count > 0 or c.bound_email is not null))::int",
                        order.value(), order.value())
                .fetchOne();
        return new Disabled(counts.get(0, Integer.class), counts.get(1, Integer.class));
    }
}
