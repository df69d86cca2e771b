package io.invitehub.application.shop.view;

import java.util.Map;

/** A verified sandbox pay request and the signed notification that pays it. */
public record SandboxPayment(String outTradeNo, String name, String money, String payType, String notifyUrl,
                             String returnUrl, Map<String, String> paidNotification) {
    public SandboxPayment {
        paidNotification = Map.copyOf(paidNotification);
    }
}
