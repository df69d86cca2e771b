package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.settlement.port.in.ManageSettlementUseCase;
import io.invitehub.application.settlement.port.in.SettlementQueries;
import io.invitehub.application.settlement.service.SettlementService;
import io.invitehub.application.shop.port.out.RefundLedger;
import io.invitehub.library.config.ExportsConfig;
import io.invitehub.library.config.StatisticsConfig;
import io.invitehub.library.worker.SettlementJobs;

/** The settlement centre (SPEC section 9, ADR 37): statements and ledger, staff's side, and the monthly job. */
public record SettlementAssembly(SettlementQueries queries, ManageSettlementUseCase manage) {

    public static SettlementAssembly wire(Adapters a, StatisticsConfig statistics) {
        JooqPersistence db = a.persistence();
        SettlementService service = new SettlementService(db.transactions(), db.ledger(), db.statements(), db.users(), db.audit(), a.clock(),
                statistics.businessTimeZone(), db.webhookEvents(), a.wakeUps());
        return new SettlementAssembly(service, service);
    }

    /** The monthly statements job (one node per interval, through its lease), not started. */
    public SettlementJobs jobs(Adapters a, ExportsConfig config) {
        return new SettlementJobs(manage, a.jobLeases(), config.settlementInterval());
    }

    /** The shop's refunds booked in this ledger (ADR 37 amendment): a PURCHASE_REFUNDED entry in the refund's transaction. */
    public RefundLedger refundLedger() {
        return refund -> manage.recordOrderRefund(new ManageSettlementUseCase.OrderRefund(refund.orderNo().value(), refund.at(), refund.by(),
                refund.reason()));
    }
}
