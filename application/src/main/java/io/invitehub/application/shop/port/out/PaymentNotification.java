package io.invitehub.application.shop.port.out;

import io.invitehub.domain.order.PayType;
import io.invitehub.domain.shared.Money;

import java.util.Objects;

/**
 * A notification whose signature and merchant the gateway adapter verified: which order
 * ({@code out_trade_no}, as sent), the gateway's trade number, the trade status, the amount paid and the channel.
 */
public record PaymentNotification(String outTradeNo, String tradeNo, String tradeStatus, Money paid, PayType payType) {
    public static final String TRADE_SUCCESS = "TRADE_SUCCESS";

    public PaymentNotification {
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(tradeNo, "tradeNo");
        Objects.requireNonNull(tradeStatus, "tradeStatus");
        Objects.requireNonNull(paid, "paid");
        Objects.requireNonNull(payType, "payType");
    }

    public boolean isSuccess() {
        return TRADE_SUCCESS.equals(tradeStatus);
    }
}
