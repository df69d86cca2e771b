package io.invitehub.application.shop.port.out;

import io.invitehub.application.shop.view.OrderStats;
import io.invitehub.domain.order.NewOrder;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderId;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.user.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** Storage of orders. State changes are conditional updates; fulfilment writes are fenced by the claim token. */
public interface Orders {

    /** @throws io.invitehub.domain.shared.DomainException CONFLICT when the order number exists (the caller draws another) */
    Order create(NewOrder order);

    Optional<Order> findByNo(OrderNo orderNo);

    /** Locks the order's row until the transaction ends and returns it as it is now. */
    Optional<Order> lockByNo(OrderNo orderNo);

    /**
     * {@link #lockByNo} and, in the same statement, the other order that {@code tradeNo} already paid (trade numbers
     * are unique; the locked order itself is not "other"): a payment's notification takes its lock and learns whether
     * its trade is reused in one round trip (ADR 73).
     */
    Optional<OrderToPay> lockForPayment(OrderNo orderNo, String tradeNo);

    /**
     * PENDING → PAID with the trade number and time, fulfilment due at once (the outbox row). False when
     * the order was not PENDING.
     */
    boolean markPaid(OrderId id, String tradeNo, Instant paidAt);

    /** PENDING orders whose {@code expire_at <= now} → EXPIRED, at most {@code limit}; returns how many. */
    int expireDue(Instant now, int limit);

    /** Newest first after {@code after}: a buyer's orders, or every order when {@code buyer} is empty. */
    List<Order> list(Optional<UserId> buyer, Optional<OrderStatus> status, Optional<OrderKey> after, int limit);

    /** Amounts of orders in {@code currency} (the platform's). */
    OrderStats stats(Instant paidSince, Currency currency);

    /**
     * Claims one PAID order whose fulfilment is PENDING and due, or PROCESSING with its lease run out
     * ({@code FOR UPDATE SKIP LOCKED}): PROCESSING, attempts + 1, a new claim token, leased until now + lease.
     */
    Optional<FulfilmentJob> claimForFulfilment(Instant now, Duration lease);

    /**
     * Counts {@code count} more codes delivered when the claim still holds and {@code delivered_count + count} does not
     * pass {@code codes_total}, and extends the lease. Called in the transaction that inserts those codes; the batches of
     * one order may commit in any order (ADR 83), so the count they add to is the one committed when the fence runs.
     */
    boolean recordDelivery(FulfilmentJob job, int count, Instant leaseUntil);

    /** PROCESSING → COMPLETED when the claim holds and every code was delivered. */
    boolean completeFulfilment(FulfilmentJob job);

    /**
     * After a failed attempt (claim still held): back to PENDING, due at {@code retryAt}, or FAILED when
     * {@code retryAt} is empty; the error is kept either way.
     */
    boolean fulfilmentAttemptFailed(FulfilmentJob job, String error, Optional<Instant> retryAt);

    /** FAILED → PENDING, due at {@code now}, attempts from zero (admin retry). False when not FAILED. */
    boolean retryFulfilment(OrderId id, Instant now);

    /** PENDING → CANCELLED (the buyer's cancellation). False when the order was not PENDING. */
    boolean cancel(OrderId id, Instant now);

    /**
     * PAID → REFUNDED; a fulfilment not COMPLETED ends FAILED ("refunded"), so no worker delivers more (its
     * fenced writes require PAID). False when the order was not PAID.
     */
    boolean refund(OrderId id, Instant now);

    /**
     * The buyer came back from the gateway: a PENDING order's gateway query (SPEC 7's fallback) becomes due at
     * {@code queryAt} (or stays due earlier). The first return time is kept. False when not PENDING.
     */
    boolean returnedFromGateway(OrderNo orderNo, Instant now, Instant queryAt);

    /**
     * Claims at most {@code limit} PENDING orders whose gateway query is due at {@code now}
     * ({@code FOR UPDATE SKIP LOCKED}): each counts one more query and is due again after {@code backoff}
     * doubled per query already made, at most {@code maxBackoff}.
     */
    List<Order> claimDueQueries(Instant now, Duration backoff, Duration maxBackoff, int limit);
}
