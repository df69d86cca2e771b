package io.invitehub.application.shop.port.out;

import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The admin-visible list of payment alerts; an alert is never deleted, staff mark it handled (V54). */
public interface PaymentAlerts {
    PaymentAlert record(PaymentAlert alert);

    /** Newest first, ids below {@code beforeId}, those in {@code state}. */
    List<PaymentAlert> latest(PaymentAlert.State state, Optional<Long> beforeId, int limit);

    Optional<PaymentAlert> find(long id);

    /**
     * Marks the alert handled if it is still open, in one conditional update (the first of two concurrent callers
     * wins); false when it does not exist or is handled already (nothing changed then).
     */
    boolean markHandled(long id, UserId by, String note, Instant at);
}
