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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fulfilment worker's step (SPEC section 7). Claims one due order (PAID with fulfilment PENDING, or
 * PROCESSING whose lease ran out) and delivers its remaining codes in batches. Each batch is one
 * transaction that inserts the batch's codes, linked to the order, and advances {@code delivered_count} by
 * their number — only while this claim holds and without passing {@code codes_total} (the fence). The order's
 * codes are therefore always exactly {@code delivered_count} many; a crash loses at most the batches in flight,
 * each rolled back whole; the next claim resumes from {@code delivered_count}, without duplicates or gaps. A
 * failed attempt is retried with backoff and after the last attempt ends FAILED with its error.
 *
 * <p>With a parallelism above one (ADR 83) that many batches of one order are in flight at once, each in its own
 * transaction on its own thread (and connection), so the per-row work of PostgreSQL runs on more than one core.
 * Each such batch inserts its codes first and takes the fence last: a fence is an update of the order's row, held
 * until commit, so a batch that took it first would make the next batch wait for its whole transaction. The batches
 * are independent: one that fails rolls back alone, the ones beside it may commit, and the attempt records the
 * first batch's real error; a lost claim fails every fence, and no further batch is started. With a parallelism of
 * one the batches run one after the other on the worker's thread and take the fence first, as before ADR 83.
 *
 * <p>An order whose remaining codes fit in one batch (every one-code order a shop sells) is claimed, delivered and
 * completed in one transaction (ADR 72): one commit instead of three, and a crash rolls the claim back with the
 * codes, so the order is due again at once instead of after a lease. When that transaction fails, the order is
 * fulfilled again the batched way, whose claim survives the failure and records the attempt and its error.
 */
public final class FulfilmentService implements FulfilOrdersUseCase, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FulfilmentService.class.getName());
    static final int MAX_ERROR_LENGTH = 500;

    private final TransactionRunner transactions;
    private final Orders orders;
    private final UniqueCodes newCodes;
    private final Clock clock;
    private final ShopSettings settings;
    private final WebhookEvents events;
    private final WakeUps wakeUps;
    /** The batch threads when the parallelism is above one (ADR 83). */
    private final Optional<BatchThreads> batches;

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
        this.batches = settings.fulfilmentParallelism() > 1
                ? Optional.of(new BatchThreads(settings.fulfilmentParallelism())) : Optional.empty();
    }

    /** Stops the batch threads (after the fulfilment workers, whose batches they run, have stopped). */
    @Override
    public void close() {
        batches.ifPresent(BatchThreads::close);
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
        deliverBatch(job, remaining);
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

    /**
     * The remaining codes in batches: one after the other on this thread, or (ADR 83) at most the parallelism at once on
     * the batch threads, codes first and fence last, the earliest failed batch's error thrown once none is in flight.
     */
    private void deliver(FulfilmentJob job) {
        Order order = job.order();
        List<Integer> counts = new ArrayList<>();
        for (int delivered = order.fulfilment().delivered(); delivered < order.codesTotal(); delivered += counts.get(counts.size() - 1)) {
            counts.add(Math.min(settings.fulfilmentBatch(), order.codesTotal() - delivered));
        }
        if (batches.isPresent()) {
            batches.get().run(counts, count -> transactions.inTransaction(() -> deliverBatchFenceLast(job, count)),
                    failure -> failure instanceof LostClaim);
            return;
        }
        for (int count : counts) {
            transactions.inTransaction(() -> deliverBatch(job, count));
        }
    }

    /** One batch in the caller's transaction: {@code delivered_count} advanced under the claim, then the codes inserted. */
    private Void deliverBatch(FulfilmentJob job, int count) {
        Instant now = clock.instant();
        fence(job, count, now);
        newCodes.insert(count, terms(job.order()), Optional.of(job.order().id()), now);
        return null;
    }

    /**
     * One batch delivered beside others (ADR 83), in the caller's transaction: the codes inserted, then
     * {@code delivered_count} advanced under the claim. The fence comes last so that the order row it locks until
     * commit is held only for the commit, not for the insert: the next batch's insert runs meanwhile.
     */
    private Void deliverBatchFenceLast(FulfilmentJob job, int count) {
        Instant now = clock.instant();
        newCodes.insert(count, terms(job.order()), Optional.of(job.order().id()), now);
        fence(job, count, now);
        return null;
    }

    private void fence(FulfilmentJob job, int count, Instant now) {
        if (!orders.recordDelivery(job, count, now.plus(settings.fulfilmentLease()))) {
            throw new LostClaim("order " + job.order().orderNo() + " was taken over (a batch of " + count + " codes not delivered)");
        }
    }

    private static CodeTerms terms(Order order) {
        return new CodeTerms(order.buyer(), order.codeMaxUses(), order.codeValidityDays(), Optional.empty(),
                Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.of("order " + order.orderNo()));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
