package io.invitehub.application.contract;

import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.shared.port.out.RateLimiter.Limit;
import io.invitehub.application.shared.port.out.RateLimiter.Lockout;
import io.invitehub.application.shared.port.out.RateLimiter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link RateLimiter} contract, for the in-process and the Redis limiter. Time comes from the
 * clock the limiter is given; windows start with a key's first event.
 */
public abstract class AbstractRateLimiterContract {
    protected final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final Limit fivePerMinute = new Limit("redeem-address", 5, Duration.ofMinutes(1));
    private final Lockout tenThenFifteen = new Lockout("code-lock", 10, Duration.ofMinutes(15), Duration.ofMinutes(15));
    private RateLimiter limiter;
    private RateLimiter otherNode;

    /** A fresh limiter on {@code clock} with no counts. */
    protected abstract RateLimiter newLimiter(MutableClock clock);

    /** A limiter of another node sharing the state of the last {@link #newLimiter} (itself for in-process). */
    protected abstract RateLimiter sameStateOtherNode(MutableClock clock);

    @BeforeEach
    void fresh() {
        limiter = newLimiter(clock);
        otherNode = sameStateOtherNode(clock);
    }

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
    void theCountIsSharedByEveryNodeOfTheSameState() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(fivePerMinute, "k")).isEmpty();
        }
        assertThat(otherNode.tryAcquire(fivePerMinute, "k")).isEmpty();
        assertThat(otherNode.tryAcquire(fivePerMinute, "k")).isEmpty();
        assertThat(limiter.tryAcquire(fivePerMinute, "k")).isPresent();
        assertThat(otherNode.blocked(fivePerMinute, "k")).isPresent();
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
    void tenFailuresLockAKeyForTheWholeLockCountedFromTheTenthEvenPastTheWindowEnd() {
        for (int i = 0; i < 9; i++) {
            assertThat(limiter.recordFailure(tenThenFifteen, "CODE")).isEmpty();
        }
        assertThat(limiter.locked(tenThenFifteen, "CODE")).isEmpty();
        clock.advance(Duration.ofMinutes(14));
        assertThat(otherNode.recordFailure(tenThenFifteen, "CODE")).as("the tenth, late in the window")
                .contains(Duration.ofMinutes(15));
        assertThat(limiter.locked(tenThenFifteen, "CODE")).contains(Duration.ofMinutes(15));
        assertThat(limiter.locked(tenThenFifteen, "OTHER")).isEmpty();

        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.locked(tenThenFifteen, "CODE")).as("past the end of the failures' window")
                .contains(Duration.ofMinutes(5));
        assertThat(limiter.recordFailure(tenThenFifteen, "CODE")).as("failures while locked report the lock")
                .contains(Duration.ofMinutes(5));

        clock.advance(Duration.ofMinutes(5));
        assertThat(limiter.locked(tenThenFifteen, "CODE")).isEmpty();
        for (int i = 0; i < 9; i++) {
            assertThat(limiter.recordFailure(tenThenFifteen, "CODE")).as("counting starts again").isEmpty();
        }
        assertThat(limiter.recordFailure(tenThenFifteen, "CODE")).contains(Duration.ofMinutes(15));
    }

    @Test
    void failuresSpreadOverMoreThanAWindowDoNotLock() {
        for (int i = 0; i < 9; i++) {
            assertThat(limiter.recordFailure(tenThenFifteen, "CODE")).isEmpty();
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(limiter.recordFailure(tenThenFifteen, "CODE")).as("a new window").isEmpty();
        assertThat(limiter.locked(tenThenFifteen, "CODE")).isEmpty();
    }

    @Test
    void concurrentCallersOnTwoNodesNeverGetMoreThanThePermits() throws Exception {
        Limit hundred = new Limit("burst", 100, Duration.ofMinutes(1));
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            RateLimiter node = t % 2 == 0 ? limiter : otherNode;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    if (node.tryAcquire(hundred, "hot").isEmpty()) {
                        allowed.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(allowed.get()).isEqualTo(100);
    }
}
