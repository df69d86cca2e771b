package io.invitehub.application.shop.port.in;

import java.util.Map;

/** The gateway's payment notification (SPEC section 7). */
public interface PaymentNotificationUseCase {
    /** Handles the notification's parameters; true means answer {@code success}, false {@code fail}. */
    boolean handle(Map<String, String> parameters);
}
