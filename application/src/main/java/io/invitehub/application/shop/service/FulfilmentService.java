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
 *
 * <p>An order whose remaining codes fit in one batch (every one-code order a shop sells) is claimed, delivered and
 * completed in one transaction (ADR 72): one commit instead of three, and a crash rolls the claim back with the
 * codes, so the order is due again at once instead of after a lease. When that transaction fails, the order is
 * fulfilled again the batched way, whose claim survives the failure and records the attempt and its error.
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

    /** What the one-transaction path did: nothing due, an order completed, or a claim left for the batched path. */
    private record Step(Optional<FulfilmentJob> claimed, boolean completed, int deliveries) {
        static final Step NOTHING = new Step(Optional.empty(), false, 0);
    }

    @Override
    public boolean fulfilNext() {
        Instant now = clock.instant();
        Step step;
        try {
            step = transactions.inTransaction(() -> claimAndFulfilWhole(now));
        } catch (RuntimeException e) {
            // rolled back whole, claim included: the batched path claims it again and records this attempt's failure
            LOG.log(Level.INFO, "one-transaction fulfilment failed; fulfilling the order the batched way", e);
            step = new Step(transactions.inTransaction(() -> orders.claimForFulfilment(now, settings.fulfilmentLease())), false, 0);
        }
        if (step.claimed().isEmpty()) {
            return false;
        }
        FulfilmentJob job = step.claimed().get();
        Order order = job.order();
        if (step.completed()) {
            completed(order, step.deliveries());
            return true;
        }
        try {
            deliver(job);
            int deliveries = transactions.inTransaction(() -> complete(job));
            if (deliveries < 0) {
                throw new LostClaim("order " + order.orderNo() + " was taken over before it could be completed");
            }
            completed(order, deliveries);
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

    /**
     * In the caller's transaction: claims the next due order and, when its remaining codes fit in one batch, delivers
     * them and completes it; a larger order is returned claimed, for the batched path.
     */
    private Step claimAndFulfilWhole(Instant now) {
        Optional<FulfilmentJob> claimed = orders.claimForFulfilment(now, settings.fulfilmentLease());
        if (claimed.isEmpty()) {
            return Step.NOTHING;
        }
        FulfilmentJob job = claimed.get();
        Order order = job.order();
        int delivered = order.fulfilment().delivered();
        int remaining = order.codesTotal() - delivered;
        if (remaining > settings.fulfilmentBatch()) {
            return new Step(claimed, false, 0);
        }
        deliverBatch(job, delivered, remaining);
        int deliveries = complete(job);
        if (deliveries < 0) {
            throw new IllegalStateException("order " + order.orderNo() + " was claimed in this transaction but could not be completed");
        }
        return new Step(claimed, true, deliveries);
    }

    /** Completes the claimed order and publishes {@code fulfilment.completed}: its deliveries, or -1 when the claim was lost. */
    private int complete(FulfilmentJob job) {
        Order order = job.order();
        if (!orders.completeFulfilment(job)) {
            return -1;
        }
        return events.publish(WebhookEvent.of(EventType.FULFILMENT_COMPLETED, order.buyer(), clock.instant(),
                "order_no", order.orderNo().value(), "codes", order.codesTotal(), "completed_at", clock.instant()));
    }

    /** After the commit that completed {@code order}: the webhook workers are told when the event has deliveries. */
    private void completed(Order order, int deliveries) {
        if (deliveries > 0 && wakeUps != null) {
            wakeUps.signal(WakeUps.Work.WEBHOOKS);
        }
        LOG.fine(() -> "order " + order.orderNo() + " fulfilled: " + order.codesTotal() + " codes");
    }

    private void deliver(FulfilmentJob job) {
        Order order = job.order();
        int delivered = order.fulfilment().delivered();
        while (delivered < order.codesTotal()) {
            int before = delivered;
            int count = Math.min(settings.fulfilmentBatch(), order.codesTotal() - delivered);
            transactions.inTransaction(() -> deliverBatch(job, before, count));
            delivered += count;
        }
    }

    /** One batch in the caller's transaction: {@code delivered_count} advanced under the claim, then the codes inserted. */
    private Void deliverBatch(FulfilmentJob job, int before, int count) {
        Order order = job.order();
        CodeTerms terms = new CodeTerms(order.buyer(), order.codeMaxUses(), order.codeValidityDays(), Optional.empty(),
                Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.of("order " + order.orderNo()));
        Instant now = clock.instant();
        if (!orders.recordDelivery(job, before, count, now.plus(settings.fulfilmentLease()))) {
            throw new LostClaim("order " + order.orderNo() + " was taken over after " + before + " codes");
        }
        newCodes.insert(count, terms, Optional.of(order.id()), now);
        return null;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
