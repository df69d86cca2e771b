package io.invitehub.application.shop.view;

import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something about a payment that an admin must look at (a payment for a closed order, a wrong amount,
 * a second payment…): usually money to refund. {@code id} is 0 before it is stored. {@code handled}: staff marked
 * it handled with a note (ADR 17, amendment on handling); an alert is never deleted.
 */
public record PaymentAlert(long id, Kind kind, Optional<String> orderNo, Optional<String> tradeNo, String detail, Instant at,
                           Optional<Handling> handled) {
    public enum Kind { ORDER_CLOSED, AMOUNT_MISMATCH, PAY_TYPE_MISMATCH, PAID_TWICE, TRADE_REUSED, UNKNOWN_ORDER }

    /** Which alerts a list shows: the open ones (not handled yet), the handled ones, or all. */
    public enum State { OPEN, HANDLED, ALL }

    /** Who marked the alert handled, when, and the note (how the money went back). {@code by} is empty if that account was deleted. */
    public record Handling(Instant at, Optional<UserId> by, Optional<String> byUsername, String note) {
        public Handling {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(byUsername, "byUsername");
            Objects.requireNonNull(note, "note");
        }
    }

    public PaymentAlert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(tradeNo, "tradeNo");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(handled, "handled");
    }

    /** A new, open alert. */
    public PaymentAlert(long id, Kind kind, Optional<String> orderNo, Optional<String> tradeNo, String detail, Instant at) {
        this(id, kind, orderNo, tradeNo, detail, at, Optional.empty());
    }

    public boolean open() {
        return handled.isEmpty();
    }

    public boolean in(State state) {
        return state == State.ALL || (state == State.OPEN) == open();
    }
}
