package io.invitehub.bootstrap.worker;

import io.invitehub.application.port.in.ExpireOrdersUseCase;
import io.invitehub.application.port.in.FulfilOrdersUseCase;
import io.invitehub.application.port.out.WakeUps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shop's background work: fulfilment threads that deliver paid orders (woken after a payment commits,
 * polling as a safety net, so a lost wake-up only delays), and the periodic job that expires unpaid orders.
 * Several nodes may run them at once: claims use SKIP LOCKED and fenced writes, expiry is one conditional update.
 */
public final class ShopWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShopWorkers.class);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

    private final FulfilOrdersUseCase fulfilment;
    private final WakeUps wakeUps;
    private final Duration pollInterval;
    private final int threads;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "order-expiry");
        t.setDaemon(true);
        return t;
    });

    public ShopWorkers(FulfilOrdersUseCase fulfilment, ExpireOrdersUseCase expire, WakeUps wakeUps, Duration pollInterval,
                       int threads, Duration expiryInterval) {
        this.fulfilment = fulfilment;
        this.wakeUps = wakeUps;
        this.pollInterval = pollInterval;
        this.threads = threads;
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

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::loop, "order-fulfilment-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    private void loop() {
        while (running.get()) {
            try {
                if (!fulfilment.fulfilNext()) {
                    wakeUps.await(WakeUps.Work.ORDER_FULFILMENT, pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("order fulfilment pass failed; retrying in {}", ERROR_PAUSE, e);
                try {
                    Thread.sleep(ERROR_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        running.set(false);
        expiry.shutdownNow();
        workers.forEach(Thread::interrupt);
        for (Thread t : workers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }
}
