package io.invitehub.bootstrap.worker;

import io.invitehub.application.port.in.DispatchInvitationsUseCase;
import io.invitehub.application.port.out.WakeUps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Threads that drain the invite outbox: each claims a batch; when there is nothing to do it sleeps
 * until a wake-up or the poll interval, so a lost wake-up only delays work. Pending work left by a
 * previous run is picked up by the first poll (claims expire after their lease).
 */
public final class DispatchWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchWorkers.class);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

    private final DispatchInvitationsUseCase dispatcher;
    private final WakeUps wakeUps;
    private final Duration pollInterval;
    private final int threads;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> workers = new ArrayList<>();

    public DispatchWorkers(DispatchInvitationsUseCase dispatcher, WakeUps wakeUps, Duration pollInterval, int threads) {
        this.dispatcher = dispatcher;
        this.wakeUps = wakeUps;
        this.pollInterval = pollInterval;
        this.threads = threads;
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::loop, "invite-dispatcher-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    private void loop() {
        while (running.get()) {
            try {
                if (dispatcher.dispatchBatch() == 0) {
                    wakeUps.await(WakeUps.Work.INVITE_DISPATCH, pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("invite dispatch pass failed; retrying in {}", ERROR_PAUSE, e);
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
