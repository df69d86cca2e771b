package io.invitehub.application.shop.port.out;

import io.invitehub.application.shop.view.PaymentAlert;

import java.util.List;
import java.util.Optional;

/** The admin-visible list of payment alerts. */
public interface PaymentAlerts {
    PaymentAlert record(PaymentAlert alert);

    /** Newest first, ids below {@code beforeId}. */
    List<PaymentAlert> latest(Optional<Long> beforeId, int limit);
}
