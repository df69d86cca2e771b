package io.invitehub.application.shop.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The fulfilment's batch threads (ADR 83): runs the batches of one order at most {@code parallelism} at a time, each on
 * a thread of its own (where the caller opens its transaction). Threads start on demand and end after a minute idle;
 * {@link #close()} stops them with the service, after the fulfilment workers that use them.
 */
final class BatchThreads implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BatchThreads.class.getName());

    private final int parallelism;
    private final ThreadPoolExecutor pool;

    BatchThreads(int parallelism) {
        if (parallelism < 2) {
            throw new IllegalArgumentException("batch threads are for a parallelism of two or more, not " + parallelism);
        }
        this.parallelism = parallelism;
        AtomicInteger number = new AtomicInteger();
        // at most parallelism threads per fulfilment worker are busy: a worker waits for its batches
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "fulfilment-batch-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * {@code batch.accept(count)} for each of {@code counts}, in their order, at most {@code parallelism} at once: a new
     * batch starts when the oldest in flight ends. After a failure none starts, the ones in flight are waited for (no
     * batch outlives this call), and the earliest batch's failure is thrown as it was — one that {@code minor} accepts
     * (a lost claim) only when no batch failed otherwise.
     */
    void run(List<Integer> counts, IntConsumer batch, Predicate<Throwable> minor) {
        Deque<Future<?>> inFlight = new ArrayDeque<>();
        Throwable failure = null;
        int next = 0;
        while (true) {
            while (failure == null && next < counts.size() && inFlight.size() < parallelism) {
                int count = counts.get(next);
                try {
                    inFlight.addLast(pool.submit(() -> batch.accept(count)));
                } catch (RuntimeException notStarted) { // closing: the batches in flight are still waited for
                    failure = notStarted;
                    break;
                }
                next++;
            }
            if (inFlight.isEmpty()) {
                break;
            }
            Throwable batchFailure = outcome(inFlight.removeFirst());
            if (batchFailure != null && (failure == null || minor.test(failure) && !minor.test(batchFailure))) {
                failure = batchFailure;
            }
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Waits for one batch through interrupts (its transaction ends on its own; the interrupt is kept): its failure or null. */
    private static Throwable outcome(Future<?> batch) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    batch.get();
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warning("fulfilment batches still running after 30 s; leaving them to roll back with the process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
