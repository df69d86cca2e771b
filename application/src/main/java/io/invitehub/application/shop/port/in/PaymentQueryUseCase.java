package io.invitehub.application.shop.port.in;

import java.util.Map;

/**
 * SPEC 7's order-query fallback: PENDING orders whose buyer came back from the gateway without a
 * notification arriving are asked about at the gateway, and paid ones are recorded as a notification would.
 */
public interface PaymentQueryUseCase {
    /** The return page's parameters (the gateway's, as it sends the buyer back): the named order's query becomes due soon. */
    void buyerReturned(Map<String, String> parameters);

    /** Asks the gateway about every order whose query is due; returns how many became PAID. */
    int queryDue();
}
