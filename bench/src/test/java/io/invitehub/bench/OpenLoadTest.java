package io.invitehub.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open-loop sender (ADR 78) over a real loopback server: latencies run from each request's scheduled time, so a
 * stall — the server's or the sender's own — shows in every request due during it (no coordinated omission), and a
 * sender that cannot keep its rate says so. The assertions are lower bounds that follow from causality (an answer
 * cannot come before the stall ends), so a slow machine cannot make them fail; only the counts are exact.
 */
class OpenLoadTest {
    private static final long STALL = Duration.ofMillis(200).toNanos();
    /** 1 ms of slack for the clock reads around the stall. */
    private static final long SLACK = Duration.ofMillis(1).toNanos();

    private HttpServer server;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicLong stallEnded = new AtomicLong();
    /** The arrival the server stalls on, or 0: only the first test stalls the server. */
    private volatile int stallOn;
    private URI target;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // one handler thread: while it stalls, every later request waits behind it, as behind a saturated server
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/notify", exchange -> {
            int n = answered.incrementAndGet();
            if (n == stallOn) {
                try {
                    Thread.sleep(STALL / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stallEnded.set(System.nanoTime());
            }
            exchange.sendResponseHeaders(n % 25 == 0 ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
        target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notify");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aServerStallShowsInTheLatencyOfEveryRequestDueDuringIt() throws Exception {
        stallOn = 30;
        OpenLoad.Result result = OpenLoad.run("notify, open 100/s", LoadGenerator.client(), 100, 100,
                n -> HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofString("n=" + n)).build(), s -> s == 200);

        assertThat(answered.get()).as("every request sent once").isEqualTo(100);
        assertThat(result.answers().requests()).isEqualTo(100);
        assertThat(result.answers().failures()).as("every 25th answer a 500").isEqualTo(4);
        long ended = stallEnded.get();
        assertThat(ended).as("the server stalled").isPositive();
        // every request due while the one handler thread was stuck cannot be answered before the stall ended
        long stallStart = ended - STALL;
        int during = 0;
        long[] latencies = result.latencies();
        for (int n = 0; n < latencies.length; n++) {
            long due = result.due(n);
            if (due >= stallStart && due < ended - SLACK) {
                during++;
                assertThat(latencies[n]).as("request %d, due %.1f ms before the stall ended", n, (ended - due) / 1e6)
                        .isGreaterThanOrEqualTo(ended - due - SLACK);
            }
        }
        assertThat(during).as("requests due during the 200 ms stall at 100/s").isGreaterThanOrEqualTo(15);
        assertThat(result.answers().max()).as("the request due when the stall began waited for all of it")
                .isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(result.answers().p95()).as("a fifth of the requests were due during the stall")
                .isGreaterThanOrEqualTo(Duration.ofMillis(40));
    }

    /**
     * The sender itself stalls 2 s building request 30 (as a long GC pause of the bench would): requests 30–59, all due
     * within 0.3 s of the stall's start, go out at least 1.7 s late; the server (not stalling here) answers them at
     * once, and still each latency counts from its scheduled time — a closed loop or a latency from the real send would
     * show the round trip alone (1–450 ms seen on a cold, loaded JVM, hence a stall far longer than that). The sender
     * says how late it was.
     */
    @Test
    void aSenderStallIsNotHiddenEither() throws Exception {
        long senderStall = Duration.ofSeconds(2).toNanos();
        OpenLoad.Result result = OpenLoad.run("notify, open 100/s", LoadGenerator.client(), 100, 60, n -> {
            if (n == 30) {
                LockSupportSleep.sleep(senderStall);
            }
            return HttpRequest.newBuilder(target).GET().build();
        }, s -> s == 200);

        long[] latencies = result.latencies();
        for (int n = 30; n < 60; n++) {
            long late = senderStall - (n - 30) * Duration.ofMillis(10).toNanos();
            assertThat(latencies[n]).as("request %d was due %d ms before the sender could send it", n, late / 1_000_000)
                    .isGreaterThanOrEqualTo(late - SLACK);
        }
        assertThat(result.largestLag()).isGreaterThanOrEqualTo(Duration.ofMillis(1_999));
        assertThat(result.line()).contains("60 requests due at 100/s").contains("largest send lag ");
    }

    @Test
    void aSenderThatCannotKeepTheRateSaysSoInItsRow() throws Exception {
        // building each request takes 5 ms: at most 200 sends/s against 1 000/s asked
        OpenLoad.Result result = OpenLoad.run("notify, open 1000/s", LoadGenerator.client(), 1_000, 100, n -> {
            LockSupportSleep.sleep(Duration.ofMillis(5).toNanos());
            return HttpRequest.newBuilder(target).GET().build();
        }, s -> s == 200);

        assertThat(result.kept()).isFalse();
        assertThat(result.sentPerSecond()).isLessThan(201);
        assertThat(result.answers().name()).startsWith("notify, open 1000/s (sent ").endsWith("/s)");
        assertThat(result.answers().row()).contains("(sent ");
        assertThat(result.line()).contains("FELL BEHIND: the sender could not keep 1000/s");
        assertThat(result.answers().requests()).as("still every request sent and counted").isEqualTo(100);
        assertThat(answered.get()).isEqualTo(100);
    }

    @Test
    void aSenderThatKeepsTheRateNamesItsRowAsGiven() throws Exception {
        OpenLoad.Result result = OpenLoad.run("notify, open 50/s", LoadGenerator.client(), 50, 20,
                n -> HttpRequest.newBuilder(target).GET().build(), s -> s == 200);

        // 20 sends due over 0.4 s: on a machine too loaded to keep even that, the row is flagged, not wrong
        assertThat(result.answers().name()).isEqualTo(result.kept() ? "notify, open 50/s"
                : String.format(java.util.Locale.ROOT, "notify, open 50/s (sent %.0f/s)", result.sentPerSecond()));
        assertThat(result.answers().requests()).isEqualTo(20);
        assertThat(java.util.Arrays.stream(result.latencies()).min().orElseThrow()).as("every request has a latency").isPositive();
    }

    /** A sleep that cannot end early. */
    private static final class LockSupportSleep {
        static void sleep(long nanos) {
            long until = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = until - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
        }
    }
}
