package io.invitehub.library.worker;

import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shop.port.in.ExpireOrdersUseCase;
import io.invitehub.application.shop.port.in.FulfilOrdersUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The shop's background work: fulfilment threads that deliver paid orders (woken after a payment commits,
 * polling as a safety net, so a lost wake-up only delays), and the periodic job that expires unpaid orders.
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

    public ShopWorkers(FulfilOrdersUseCase fulfilment, ExpireOrdersUseCase expire, WakeUps wakeUps, Duration pollInterval,
                       int threads, Duration expiryInterval) {
        this.fulfilmentLoops = new WorkLoops("order-fulfilment", threads, fulfilment::fulfilNext, wakeUps,
                WakeUps.Work.ORDER_FULFILMENT, pollInterval);
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
    }

    public void start() {
        fulfilmentLoops.start();
    }

    @Override
    public synchronized void close() {
        WorkLoops.stop(expiry);
        fulfilmentLoops.close();
    }
}
