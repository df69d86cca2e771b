package io.invitehub.library.worker;

import io.invitehub.application.shared.port.out.WakeUps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads that run one pass of a background step over and over: again at once when the pass found work,
 * otherwise after a wake-up of {@code work} or the poll interval, whichever comes first (so a lost wake-up
 * only delays work). A failed pass is logged and retried after a short pause; nothing is lost, because the
 * work is in committed rows. Shared by the dispatcher, the queue promoter and the fulfilment workers.
 *
 * <p>Stopping lets a pass in progress finish (it is not interrupted: its connection and claims end
 * normally) and wakes only the threads that wait, so the caller can close the connection pool after
 * {@link #close()} returns; a pass that still fails during the stop is expected and not an error.
 */
final class WorkLoops implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkLoops.class);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
    /** How long a stop waits for a pass (or a scheduled run) in progress before interrupting it. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** One pass of the step; true when it found work (then the next pass starts at once). */
    public interface Pass {
        boolean run();
    }

    private final String name;
    private final int threads;
    private final Pass pass;
    private final WakeUps wakeUps;
    private final WakeUps.Work work;
    private final Duration pollInterval;
    private final List<Thread> workers = new ArrayList<>();
    /** The workers now inside a pass (not waiting): they are let finish, never interrupted by a stop. */
    private final java.util.Set<Thread> inPass = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    WorkLoops(String name, int threads, Pass pass, WakeUps wakeUps, WakeUps.Work work, Duration pollInterval) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.name = name;
        this.threads = threads;
        this.pass = pass;
        this.wakeUps = wakeUps;
        this.work = work;
        this.pollInterval = pollInterval;
    }

    /** Starts the threads ({@code name-0}, {@code name-1}…); a second call does nothing. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::loop, name + "-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    private void loop() {
        Thread self = Thread.currentThread();
        while (running) {
            try {
                boolean found;
                inPass.add(self);
                try {
                    found = pass.run();
                } finally {
                    inPass.remove(self);
                }
                if (!found && running) {
                    wakeUps.await(work, pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    LOG.debug("{} pass ended by the stop: {}", name, e.toString());
                    return;
                }
                LOG.error("{} pass failed; retrying in {}", name, ERROR_PAUSE, e);
                try {
                    Thread.sleep(ERROR_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Stops the threads: waiting ones are woken, a pass in progress is let finish (up to {@link #STOP_GRACE}
     * per thread, then it is interrupted); returns when they have ended.
     */
    @Override
    public synchronized void close() {
        running = false;
        for (Thread t : workers) {
            if (!inPass.contains(t)) {
                t.interrupt();
            }
        }
        for (Thread t : workers) {
            try {
                t.join(STOP_GRACE.toMillis());
                if (t.isAlive()) {
                    LOG.warn("{} did not finish its pass within {}; interrupting it", t.getName(), STOP_GRACE);
                    t.interrupt();
                    t.join(STOP_GRACE.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    /**
     * Stops a scheduler of periodic jobs the same way: no new run starts, a run in progress is let finish
     * (up to {@link #STOP_GRACE}, then interrupted).
     */
    static void stop(java.util.concurrent.ExecutorService scheduler) {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
                scheduler.awaitTermination(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
