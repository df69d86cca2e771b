package io.invitehub.library.worker;

import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shop.port.in.ExpireOrdersUseCase;
import io.invitehub.application.shop.port.in.FulfilOrdersUseCase;
import io.invitehub.application.shop.port.in.PaymentQueryUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The shop's background work: fulfilment threads that deliver paid orders (woken after a payment commits,
 * polling as a safety net, so a lost wake-up only delays), the periodic job that expires unpaid orders, and the
 * one that asks the gateway about returned orders without a notification (both on the one scheduler thread).
 * Several nodes may run them at once: claims use SKIP LOCKED and fenced writes, expiry is one conditional update.
 */
public final class ShopWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShopWorkers.class);

    private final WorkLoops fulfilmentLoops;
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "order-expiry");
        t.setDaemon(true);
        return t;
    });

    private final ExpireOrdersUseCase expire;
    private final PaymentQueryUseCase query;
    private final Duration expiryInterval;
    private final Duration queryInterval;
    private boolean started;

    public ShopWorkers(FulfilOrdersUseCase fulfilment, ExpireOrdersUseCase expire, PaymentQueryUseCase query, WakeUps wakeUps,
                       Duration pollInterval, int threads, Duration expiryInterval, Duration queryInterval) {
        this.fulfilmentLoops = new WorkLoops("order-fulfilment", threads, fulfilment::fulfilNext, wakeUps,
                WakeUps.Work.ORDER_FULFILMENT, pollInterval);
        this.expire = expire;
        this.query = query;
        this.expiryInterval = expiryInterval;
        this.queryInterval = queryInterval;
    }

    /** Starts the fulfilment threads and the scheduler of expiry and order query; a second call does nothing. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        expiry.scheduleWithFixedDelay(() -> {
            try {
                int expired = expire.expireDue();
                if (expired > 0) {
                    LOG.info("{} unpaid order(s) expired", expired);
                }
            } catch (RuntimeException e) {
                LOG.warn("order expiry failed; retrying at the next run", e);
            }
        }, 0, expiryInterval.toMillis(), TimeUnit.MILLISECONDS);
        // SPEC 7's fallback: ask the gateway about returned orders whose notification did not come (ADR 45)
        expiry.scheduleWithFixedDelay(() -> {
            try {
                int paid = query.queryDue();
                if (paid > 0) {
                    LOG.info("{} order(s) found paid by asking the gateway", paid);
                }
            } catch (RuntimeException e) {
                LOG.warn("order query failed; retrying at the next run", e);
            }
        }, queryInterval.toMillis(), queryInterval.toMillis(), TimeUnit.MILLISECONDS);
        fulfilmentLoops.start();
    }

    @Override
    public synchronized void close() {
        WorkLoops.stop(expiry);
        fulfilmentLoops.close();
    }
}
