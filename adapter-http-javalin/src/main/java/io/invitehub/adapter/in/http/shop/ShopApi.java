package io.invitehub.adapter.in.http.shop;

import io.invitehub.application.shop.port.in.CancelOrderUseCase;
import io.invitehub.application.shop.port.in.ManagePlansUseCase;
import io.invitehub.application.shop.port.in.OrderAdminUseCase;
import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.invitehub.application.shop.port.in.PaymentQueryUseCase;
import io.invitehub.application.shop.port.in.RefundOrderUseCase;
import io.invitehub.application.shop.port.in.SandboxCheckoutUseCase;
import io.invitehub.application.shop.port.in.ShopUseCase;

import java.util.Currency;

/** The shop's use cases behind the HTTP API, and the currency plan prices are written in. */
public record ShopApi(ManagePlansUseCase plans, ShopUseCase shop, OrderAdminUseCase admin,
                      PaymentNotificationUseCase notifications, SandboxCheckoutUseCase sandbox, Currency currency,
                      CancelOrderUseCase cancel, RefundOrderUseCase refund, PaymentQueryUseCase query) {
}
