package io.invitehub.application.shop.port.in;

import java.util.Map;

/** The gateway's payment notification (SPEC section 7). */
public interface PaymentNotificationUseCase {
    /** Handles the notification's parameters; true means answer {@code success}, false {@code fail}. */
    boolean handle(Map<String, String> parameters);

    /**
     * {@link #handle}, saying how the notification was judged ({@code verdict}: a {@code PaymentVerdict} name,
     * or {@code REFUSED} (signature or merchant wrong), {@code NOT_A_PAYMENT}, {@code UNKNOWN_ORDER},
     * {@code TRADE_REUSED}); for the service's metrics (ADR 39).
     */
    default Judgement judge(Map<String, String> parameters) {
        boolean success = handle(parameters);
        return new Judgement(success, success ? "SUCCESS" : "FAIL");
    }

    /** {@code success}: answer {@code success} to the gateway; {@code verdict}: what the notification was found to be. */
    record Judgement(boolean success, String verdict) {
    }
}
