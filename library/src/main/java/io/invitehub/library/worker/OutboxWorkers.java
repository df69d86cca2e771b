package io.invitehub.library.worker;

import io.invitehub.application.shared.port.out.WakeUps;

import java.time.Duration;

/**
 * The threads that drain an outbox of mail or webhook deliveries (ADR 41, 42): woken after a commit wrote to
 * it, polling as a safety net. Each pass claims one row under a lease with a fencing token (SKIP LOCKED), so
 * several nodes and threads never send the same row at once and a row whose worker died is taken again when
 * its lease ends.
 */
public final class OutboxWorkers implements AutoCloseable {
    private final WorkLoops loops;

    /** {@code step}: one delivery; true when there was one. */
    public OutboxWorkers(String name, int threads, WorkLoops.Pass step, WakeUps wakeUps, WakeUps.Work work, Duration pollInterval) {
        this.loops = new WorkLoops(name, threads, step, wakeUps, work, pollInterval);
    }

    public void start() {
        loops.start();
    }

    @Override
    public void close() {
        loops.close();
    }
}
