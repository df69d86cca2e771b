package io.invitehub.adapter.in.http.shop;

import io.invitehub.adapter.in.http.wire.Amounts;
import io.invitehub.application.shop.view.OrderStats;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.invitehub.adapter.in.http.wire.Amounts.text;

/** Response bodies of the shop (snake_case on the wire); amounts are decimal strings, never floats. */
final class ShopResponses {
    private ShopResponses() {
    }

    record PlanView(long id, String name, String planType, String price, String originalPrice, String currency, int codeCount,
                    int codeMaxUses, int validityDays, boolean active, boolean recommended, int sortOrder, String description) {
        static PlanView of(Plan p) {
            PlanSpec s = p.spec();
            return new PlanView(p.id().value(), s.name(), s.type().name(), text(s.price()),
                    s.originalPrice().map(Amounts::text).orElse(null),
                    s.price().currency().getCurrencyCode(), s.codeCount(), s.codeMaxUses(), s.validityDays(), s.active(),
                    s.recommended(), s.sortOrder(), s.description().orElse(null));
        }
    }

    /** A plan as the customers' official page shows it: what it sells and its price; nothing of the shop's bookkeeping. */
    record PublicPlan(long id, String name, String price, String originalPrice, String currency, int codeCount, int codeMaxUses,
                      int validityDays, boolean recommended, String description) {
        static PublicPlan of(Plan p) {
            PlanSpec s = p.spec();
            return new PublicPlan(p.id().value(), s.name(), text(s.price()), s.originalPrice().map(Amounts::text).orElse(null),
                    s.price().currency().getCurrencyCode(), s.codeCount(), s.codeMaxUses(), s.validityDays(), s.recommended(),
                    s.description().orElse(null));
        }
    }

    record Placed(String orderNo, String amount, String payUrl, Instant expireAt, String status, int codesTotal) {
    }

    record OrderView(String orderNo, long planId, Long buyerId, int quantity, int codesTotal, String amount, String finalAmount,
                     String currency, String status, String payType, String tradeNo, Instant createdAt, Instant expireAt,
                     Instant paidAt, String fulfillmentStatus, int deliveredCount, int fulfillmentAttempts,
                     String fulfillmentError, String payUrl) {
        static OrderView of(Order o) {
            return of(o, null);
        }

        static OrderView of(Order o, String payUrl) {
            return new OrderView(o.orderNo().value(), o.planId().value(), o.buyer().map(b -> b.value()).orElse(null),
                    o.quantity(), o.codesTotal(), text(o.amount()), text(o.finalAmount()),
                    o.finalAmount().currency().getCurrencyCode(), o.status().name(), o.payType().map(PayType::value).orElse(null),
                    o.tradeNo().orElse(null), o.createdAt(), o.expireAt(), o.paidAt().orElse(null),
                    o.fulfilment().status().name(), o.fulfilment().delivered(), o.fulfilment().attempts(),
                    o.fulfilment().error().orElse(null), payUrl);
        }
    }

    record Stats(Map<String, Long> countByStatus, Map<String, String> amountByStatus, String currency, long paidTodayCount,
                 String paidTodayAmount, long codesDelivered, long fulfillmentFailed, long fulfillmentOpen) {
        static Stats of(OrderStats s) {
            Map<String, Long> counts = new TreeMap<>();
            s.countByStatus().forEach((k, v) -> counts.put(k.name(), v));
            Map<String, String> amounts = new TreeMap<>();
            s.amountByStatus().forEach((k, v) -> amounts.put(k.name(), text(v)));
            return new Stats(counts, amounts, s.paidSinceAmount().currency().getCurrencyCode(), s.paidSinceCount(),
                    text(s.paidSinceAmount()), s.codesDelivered(), s.fulfilmentFailed(), s.fulfilmentOpen());
        }
    }

    record RefundView(OrderView order, int codesDisabled, int codesKept) {
    }

    /** {@code state}: OPEN or HANDLED; the handled_* fields are null while it is open. */
    record AlertView(long id, String kind, String orderNo, String tradeNo, String detail, Instant createdAt, String state,
                     Instant handledAt, Long handledBy, String handledByUsername, String handledNote) {
        static AlertView of(PaymentAlert a) {
            Optional<PaymentAlert.Handling> h = a.handled();
            return new AlertView(a.id(), a.kind().name(), a.orderNo().orElse(null), a.tradeNo().orElse(null), a.detail(), a.at(),
                    a.open() ? "OPEN" : "HANDLED", h.map(PaymentAlert.Handling::at).orElse(null),
                    h.flatMap(PaymentAlert.Handling::by).map(UserId::value).orElse(null),
                    h.flatMap(PaymentAlert.Handling::byUsername).orElse(null), h.map(PaymentAlert.Handling::note).orElse(null));
        }
    }
}
