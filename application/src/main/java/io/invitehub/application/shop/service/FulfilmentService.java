package io.invitehub.application.shop.service;

import io.invitehub.application.shared.port.out.CodeGenerator;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.port.out.WebhookEvent;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.domain.webhook.EventType;
import io.invitehub.application.shared.service.UniqueCodes;
import io.invitehub.application.shop.port.in.FulfilOrdersUseCase;
import io.invitehub.application.shop.port.out.FulfilmentJob;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.order.Order;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fulfilment worker's step (SPEC section 7). Claims one due order (PAID with fulfilment PENDING, or
 * PROCESSING whose lease ran out) and delivers its remaining codes in batches. Each batch is one
 * transaction that first advances {@code delivered_count} — only while this claim holds and exactly the
 * expected number was delivered before (fencing) — and then inserts the batch's codes, linked to the
 * order. A crash therefore loses at most the batch in flight, which rolls back whole; the next claim
 * resumes from {@code delivered_count}, without duplicates or gaps. A failed attempt is retried with
 * backoff and after the last attempt ends FAILED with its error.
 */
public final class FulfilmentService implements FulfilOrdersUseCase {
    private static final Logger LOG = Logger.getLogger(FulfilmentService.class.getName());
    static final int MAX_ERROR_LENGTH = 500;

    private final TransactionRunner transactions;
    private final Orders orders;
    private final UniqueCodes newCodes;
    private final Clock clock;
    private final ShopSettings settings;
    private final WebhookEvents events;
    private final WakeUps wakeUps;

    /** Without webhook events (tests of the fulfilment alone). */
    public FulfilmentService(TransactionRunner transactions, Orders orders, RedeemCodes codes, CodeGenerator generator,
                             Clock clock, ShopSettings settings) {
        this(transactions, orders, codes, generator, clock, settings, WebhookEvents.NONE, null);
    }

    /**
     * {@code events}: the webhook outbox, where a completed order publishes {@code fulfilment.completed} in the
     * transaction that completes it; {@code wakeUps} tells the webhook workers after commit.
     */
    public FulfilmentService(TransactionRunner transactions, Orders orders, RedeemCodes codes, CodeGenerator generator,
                             Clock clock, ShopSettings settings, WebhookEvents events, WakeUps wakeUps) {
        this.events = events;
        this.wakeUps = wakeUps;
        this.transactions = transactions;
        this.orders = orders;
        this.newCodes = new UniqueCodes(codes, generator);
        this.clock = clock;
        this.settings = settings;
    }

    /** The claim was taken over by another worker (this one's lease ran out): stop without writing. */
    private static final class LostClaim extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostClaim(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public boolean fulfilNext() {
        Instant now = clock.instant();
        Optional<FulfilmentJob> claimed = transactions.inTransaction(() -> orders.claimForFulfilment(now, settings.fulfilmentLease()));
        if (claimed.isEmpty()) {
            return false;
        }
        FulfilmentJob job = claimed.get();
        Order order = job.order();
        try {
            deliver(job);
            int deliveries = transactions.inTransaction(() -> {
                if (!orders.completeFulfilment(job)) {
                    return -1;
                }
                return events.publish(WebhookEvent.of(EventType.FULFILMENT_COMPLETED, order.buyer(), clock.instant(),
                        "order_no", order.orderNo().value(), "codes", order.codesTotal(), "completed_at", clock.instant()));
            });
            if (deliveries < 0) {
                throw new LostClaim("order " + order.orderNo() + " was taken over before it could be completed");
            }
            if (deliveries > 0 && wakeUps != null) {
                wakeUps.signal(WakeUps.Work.WEBHOOKS);
            }
            LOG.fine(() -> "order " + order.orderNo() + " fulfilled: " + order.codesTotal() + " codes");
        } catch (LostClaim lost) {
            LOG.warning(lost::getMessage);
        } catch (RuntimeException e) {
            int attempts = order.fulfilment().attempts();
            Optional<Instant> retryAt = attempts < settings.fulfilmentMaxAttempts()
                    ? Optional.of(clock.instant().plus(settings.backoff(attempts))) : Optional.empty();
            String error = truncate(e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.log(Level.WARNING, "fulfilment of order " + order.orderNo() + " failed (attempt " + attempts + "); "
                    + retryAt.map(at -> "retrying at " + at).orElse("giving up: FAILED"), e);
            transactions.inTransaction(() -> orders.fulfilmentAttemptFailed(job, error, retryAt));
        }
        return true;
    }

    private void deliver(FulfilmentJob job) {
        Order order = job.order();
        CodeTerms terms = new CodeTerms(order.buyer(), order.codeMaxUses(), order.codeValidityDays(), Optional.empty(),
                Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.of("order " + order.orderNo()));
        int delivered = order.fulfilment().delivered();
        while (delivered < order.codesTotal()) {
            int before = delivered;
            int count = Math.min(settings.fulfilmentBatch(), order.codesTotal() - delivered);
            transactions.inTransaction(() -> {
                Instant now = clock.instant();
                if (!orders.recordDelivery(job, before, count, now.plus(settings.fulfilmentLease()))) {
                    throw new LostClaim("order " + order.orderNo() + " was taken over after " + before + " codes");
                }
                newCodes.insert(count, terms, Optional.of(order.id()), now);
            });
            delivered += count;
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
