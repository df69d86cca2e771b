package io.invitehub.library.inprocess;

import io.invitehub.application.shop.port.out.RefundLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refund booking until the settlement ledger exists (SPEC 9; it comes with the settlement work, which
 * replaces this with its ledger's writer): the refund is logged; the order's REFUNDED state, refund time
 * and the audit entry (written by the refund itself) are the record in PostgreSQL meanwhile.
 */
public final class LoggedRefunds implements RefundLedger {
    private static final Logger LOG = LoggerFactory.getLogger(LoggedRefunds.class);

    @Override
    public void recordRefund(Refund refund) {
        LOG.info("refund of order {} ({}) for buyer {}: no settlement ledger on this build", refund.orderNo(), refund.amount(),
                refund.buyer().map(b -> Long.toString(b.value())).orElse("-"));
    }
}
