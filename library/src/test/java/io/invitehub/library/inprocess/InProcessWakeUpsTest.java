package io.invitehub.library.inprocess;

import io.invitehub.application.shared.port.out.WakeUps.Work;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessWakeUpsTest {
    private final InProcessWakeUps wakeUps = new InProcessWakeUps();

    @Test
    void aSignalWakesAWaitingWorker() throws Exception {
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            try {
                return wakeUps.await(Work.INVITE_DISPATCH, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        wakeUps.signal(Work.INVITE_DISPATCH);
        assertThat(woken.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSignalBeforeTheWaitIsNotLostAndIsConsumedOnce() throws Exception {
        wakeUps.signal(Work.INVITE_DISPATCH);
        assertThat(wakeUps.await(Work.INVITE_DISPATCH, Duration.ofMillis(10))).isTrue();
        assertThat(wakeUps.await(Work.INVITE_DISPATCH, Duration.ofMillis(10))).isFalse();
    }

    @Test
    void withoutASignalTheWaitEndsAfterItsTimeout() throws Exception {
        long started = System.nanoTime();
        assertThat(wakeUps.await(Work.INVITE_DISPATCH, Duration.ofMillis(100))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    }
}
