package io.invitehub.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * An open-loop HTTP load (issue 17 phase 7, ADR 78): request n is due at {@code start + n / rate} by the wall clock,
 * whatever the answers to earlier requests do — the way a payment gateway calls back at the rate orders are paid, not
 * when the previous callback was answered. One sender thread waits for each due time and hands the request to
 * {@link HttpClient#sendAsync} without waiting for any answer; each latency runs from the request's <em>scheduled</em>
 * time to its answer, so a stall of the server or of the sender itself shows in the latency of every request due
 * during it (no coordinated omission). A late sender sends what is due at once and says at what rate it really sent
 * ({@link Result#kept()}): a row never silently measures a lower rate than its name says. Bounded: {@code count}
 * requests, each answer waited for at most {@link #ANSWER_TIMEOUT} (then a failure, its latency counted up to then).
 */
final class OpenLoad {
    /** The sender kept the rate when it sent at least this share of it over the schedule. */
    static final double KEPT = 0.95;
    /** The longest one answer is waited for; a request not answered by then is a failure. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private OpenLoad() {
    }

    private static long due(long start, double rate, int n) {
        return start + Math.round(n * 1e9 / rate);
    }

    /**
     * What an open-loop load produced: the answers' figures ({@link HttpLoad.Result}: latencies from the scheduled
     * times, answers per second), the rate asked for, the rate the requests were really handed to the client at, the
     * largest delay of a send behind its due time, every latency in schedule order (nanoseconds) and the
     * {@link System#nanoTime()} the schedule started at.
     */
    record Result(HttpLoad.Result answers, double rate, double sentPerSecond, Duration largestLag, long[] latencies, long start) {
        /** When request {@code n} was due ({@link System#nanoTime()}). */
        long due(int n) {
            return OpenLoad.due(start, rate, n);
        }

        /** Whether the sender kept the rate (at least {@value #KEPT} of it). */
        boolean kept() {
            return sentPerSecond >= KEPT * rate;
        }

        /** One line on how the load was sent: the schedule, the rate achieved, the largest lag, and a flag when behind. */
        String line() {
            return String.format(java.util.Locale.ROOT, "%s: %,d requests due at %.0f/s by the wall clock (%.1f s), sent at %.1f/s, "
                            + "largest send lag %.1f ms; every latency from its scheduled send time%s", answers.name(), answers.requests(),
                    rate, answers.requests() / rate, sentPerSecond, largestLag.toNanos() / 1e6,
                    kept() ? "" : String.format(java.util.Locale.ROOT, " — FELL BEHIND: the sender could not keep %.0f/s (below %.0f %%)",
                            rate, KEPT * 100));
        }
    }

    /**
     * Sends {@code count} requests at {@code rate} per second ({@code request} builds number n, {@code success} judges a
     * status) and returns when every one is answered or timed out. The row's name is {@code name}, followed by the rate
     * really sent at when the sender fell behind.
     */
    static Result run(String name, HttpClient client, double rate, int count, LongFunction<HttpRequest> request,
                      IntPredicate success) throws InterruptedException {
        if (!(rate > 0) || count < 0) {
            throw new IllegalArgumentException("an open load needs a positive rate and a count ≥ 0: " + rate + ", " + count);
        }
        double interval = 1e9 / rate;
        AtomicLongArray latencies = new AtomicLongArray(count);
        for (int n = 0; n < count; n++) {
            latencies.set(n, -1);
        }
        AtomicLong failures = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        CompletableFuture<?>[] answers = new CompletableFuture<?>[count];
        long start = System.nanoTime();
        lastAnswer.set(start);
        long largestLag = 0;
        long lastSent = start;
        for (int n = 0; n < count; n++) {
            long due = due(start, rate, n);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException("open load " + name + " interrupted at request " + n);
                }
            }
            int index = n;
            try {
                HttpRequest built = request.apply(n);
                long sent = System.nanoTime();
                largestLag = Math.max(largestLag, sent - due);
                lastSent = sent;
                answers[n] = client.sendAsync(built, HttpResponse.BodyHandlers.discarding())
                        .orTimeout(ANSWER_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)
                        .handle((response, error) -> {
                            long now = System.nanoTime();
                            if (latencies.compareAndSet(index, -1, now - due)) {
                                if (error != null || !success.test(response.statusCode())) {
                                    failures.incrementAndGet();
                                }
                                lastAnswer.accumulateAndGet(now, Math::max);
                            }
                            return null;
                        });
            } catch (RuntimeException e) {
                // as in HttpLoad: a failure of this request, its latency up to now; the first one printed
                long now = System.nanoTime();
                latencies.set(index, now - due);
                failures.incrementAndGet();
                lastSent = now;
                largestLag = Math.max(largestLag, now - due);
                if (unexpected.getAndIncrement() == 0) {
                    System.err.println(name + ": request " + n + " failed unexpectedly (counted as a failure; later ones are "
                            + "counted, not printed): " + e);
                }
                answers[n] = CompletableFuture.completedFuture(null);
            }
        }
        try {
            CompletableFuture.allOf(answers).get(ANSWER_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // each request's own timeout ends it; whatever is still open is counted below
        }
        long end = System.nanoTime();
        long[] all = new long[count];
        for (int n = 0; n < count; n++) {
            long recorded = latencies.get(n);
            if (recorded < 0 && latencies.compareAndSet(n, -1, end - due(start, rate, n))) {
                failures.incrementAndGet();
            }
            all[n] = latencies.get(n);
        }
        long[] inOrder = all.clone();
        double sentPerSecond = count == 0 ? rate : count / ((lastSent - start + interval) / 1e9);
        String rowName = sentPerSecond >= KEPT * rate ? name : String.format(java.util.Locale.ROOT, "%s (sent %.0f/s)", name, sentPerSecond);
        HttpLoad.Result figures = HttpLoad.summarise(rowName, all, failures.get(), Math.max(lastAnswer.get(), lastSent) - start);
        return new Result(figures, rate, sentPerSecond, Duration.ofNanos(Math.max(0, largestLag)), inOrder, start);
    }
}
