package io.invitehub.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * A closed-loop HTTP load: {@code clients} threads each send the next request as soon as the previous
 * answer arrived, for a fixed duration or request count, recording every latency. Bounded in time
 * and count, loopback only.
 */
final class HttpLoad {
    private HttpLoad() {
    }

    /** The two tail thresholds a load counts its answers over: the service's first two timer buckets (5 and 10 ms, issue 17). */
    static final Duration OVER_A = Duration.ofMillis(5);
    static final Duration OVER_B = Duration.ofMillis(10);

    /**
     * What one load produced: counts, throughput and latency percentiles, and how many answers (failures included) took
     * longer than {@link #OVER_A} and {@link #OVER_B} — beside the service's own timer buckets of the same bounds (issue 17).
     */
    record Result(String name, long requests, long failures, double perSecond, Duration p50, Duration p95, Duration p99,
                  Duration max, long over5ms, long over10ms) {
        String row() {
            return String.format("| %-40s | %9d | %8d | %9.0f | %8.2f | %8.2f | %8.2f | %8.2f |", name, requests, failures,
                    perSecond, ms(p50), ms(p95), ms(p99), ms(max));
        }

        /** A table row for a measurement that could not be taken, with the reason. */
        static String skippedRow(String name, String why) {
            return String.format("| %-40s | %-86s |", name, "skipped: " + why);
        }

        static String header() {
            return "| measurement                              |   samples | failures |    req/s  | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |\n"
                    + "|------------------------------------------|-----------|----------|-----------|----------|----------|----------|----------|";
        }

        private static double ms(Duration d) {
            return d.toNanos() / 1_000_000.0;
        }
    }

    /**
     * Runs the load. {@code request} builds request number n (0, 1, 2, … across all clients);
     * {@code success} judges a status code. Stops at {@code maxRequests} or after {@code duration}.
     */
    static Result run(String name, HttpClient client, int clients, Duration duration, long maxRequests,
                      LongFunction<HttpRequest> request, IntPredicate success) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<long[]> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[clients];
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[] samples = new long[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024, maxRequests / clients + 1024))];
            perClient.add(samples);
            int index = c;
            Thread t = new Thread(() -> {
                int recorded = 0;
                try {
                    while (System.nanoTime() < deadline) {
                        long n = next.getAndIncrement();
                        if (n >= maxRequests || recorded == samples.length) {
                            break;
                        }
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> response = client.send(request.apply(n), HttpResponse.BodyHandlers.discarding());
                            if (!success.test(response.statusCode())) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        } catch (RuntimeException e) {
                            // Counted as a failure of this request and the client goes on (it used to end the thread
                            // silently: its samples lost, the load one client short). The first one is printed, so a
                            // systematic cause (a request that cannot be built) shows beside the failures column.
                            failures.incrementAndGet();
                            if (unexpected.getAndIncrement() == 0) {
                                System.err.println(name + ": request " + n + " failed unexpectedly (counted as a failure, the client "
                                        + "goes on; later ones are counted, not printed): " + e);
                            }
                        }
                        samples[recorded++] = System.nanoTime() - t0;
                    }
                } finally {
                    // even if an Error ends the thread, what it recorded is kept
                    counts[index] = recorded;
                }
            }, "bench-client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (unexpected.get() > 1) {
            System.err.println(name + ": " + unexpected.get() + " requests failed unexpectedly (each counted as a failure)");
        }
        long elapsed = System.nanoTime() - started;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        return summarise(name, all, failures.get(), elapsed);
    }

    /**
     * The result of {@code latencies} (nanoseconds, one per answer or failure; sorted here in place) of which
     * {@code failures} failed, over {@code elapsedNanos}: the closed loop's and the open loop's ({@link OpenLoad}) figures.
     */
    static Result summarise(String name, long[] latencies, long failures, long elapsedNanos) {
        Arrays.sort(latencies);
        int total = latencies.length;
        return new Result(name, total, failures, elapsedNanos <= 0 ? 0 : total / (elapsedNanos / 1e9), percentile(latencies, 50),
                percentile(latencies, 95), percentile(latencies, 99), total == 0 ? Duration.ZERO : Duration.ofNanos(latencies[total - 1]),
                over(latencies, OVER_A), over(latencies, OVER_B));
    }

    /** How many of {@code sorted} (nanoseconds, ascending) are longer than {@code bound}: a 5.000 ms answer is not over 5 ms. */
    static long over(long[] sorted, Duration bound) {
        long limit = bound.toNanos();
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return sorted.length - lo;
    }

    static Duration percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
    }
}
