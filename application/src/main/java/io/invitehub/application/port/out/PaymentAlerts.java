package io.invitehub.application.port.out;

import java.util.List;
import java.util.Optional;

/** The admin-visible list of payment alerts. */
public interface PaymentAlerts {
    PaymentAlert record(PaymentAlert alert);

    /** Newest first, ids below {@code beforeId}. */
    List<PaymentAlert> latest(Optional<Long> beforeId, int limit);
}
