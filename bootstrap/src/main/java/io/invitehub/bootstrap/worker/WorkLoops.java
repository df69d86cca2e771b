package io.invitehub.bootstrap.worker;

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
 */
final class WorkLoops implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkLoops.class);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

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
        while (running) {
            try {
                if (!pass.run()) {
                    wakeUps.await(work, pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
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

    /** Stops the threads and waits up to 5 s for each to finish its pass. */
    @Override
    public synchronized void close() {
        running = false;
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
