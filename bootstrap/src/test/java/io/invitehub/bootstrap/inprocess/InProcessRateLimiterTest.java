package io.invitehub.bootstrap.inprocess;

import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.port.out.RateLimiter.Limit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessRateLimiterTest {
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final InProcessRateLimiter limiter = new InProcessRateLimiter(clock);
    private final Limit fivePerMinute = new Limit("redeem-address", 5, Duration.ofMinutes(1));

    @Test
    void allowsThePermitsOfAWindowThenRefusesWithTheWaitUntilItEnds() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(fivePerMinute, "10.0.0.1")).isEmpty();
        }
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.tryAcquire(fivePerMinute, "10.0.0.1")).contains(Duration.ofSeconds(40));
        assertThat(limiter.blocked(fivePerMinute, "10.0.0.1")).contains(Duration.ofSeconds(40));
        assertThat(limiter.tryAcquire(fivePerMinute, "10.0.0.2")).as("keys are independent").isEmpty();

        clock.advance(Duration.ofSeconds(40));
        assertThat(limiter.blocked(fivePerMinute, "10.0.0.1")).isEmpty();
        assertThat(limiter.tryAcquire(fivePerMinute, "10.0.0.1")).as("a new window").isEmpty();
    }

    @Test
    void limitsWithTheSameKeyButDifferentNamesAreIndependent() {
        Limit other = new Limit("redeem-email", 1, Duration.ofMinutes(1));
        assertThat(limiter.tryAcquire(other, "k")).isEmpty();
        assertThat(limiter.tryAcquire(other, "k")).isPresent();
        assertThat(limiter.tryAcquire(fivePerMinute, "k")).isEmpty();
    }

    @Test
    void blockedCountsNothing() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.blocked(fivePerMinute, "k")).isEmpty();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(fivePerMinute, "k")).isEmpty();
        }
        assertThat(limiter.tryAcquire(fivePerMinute, "k")).isPresent();
    }

    @Test
    void concurrentCallersNeverGetMoreThanThePermits() throws Exception {
        Limit hundred = new Limit("burst", 100, Duration.ofMinutes(1));
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    if (limiter.tryAcquire(hundred, "hot").isEmpty()) {
                        allowed.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(allowed.get()).isEqualTo(100);
    }
}
