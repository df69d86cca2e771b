package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.WakeUps.Work;
import io.invitehub.application.shared.port.out.WakeUps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link WakeUps} contract, for the in-process and the Redis wake-ups. */
public abstract class AbstractWakeUpsContract {
    private WakeUps node;
    private WakeUps otherNode;

    protected abstract WakeUps newWakeUps();

    /** Wake-ups of another node on the same transport as the last {@link #newWakeUps} (itself for in-process). */
    protected abstract WakeUps sameTransportOtherNode();

    /** Stops what the two nodes started (subscriber threads). */
    protected void closeNodes() {
    }

    @BeforeEach
    void fresh() {
        node = newWakeUps();
        otherNode = sameTransportOtherNode();
    }

    @AfterEach
    void close() {
        closeNodes();
    }

    @Test
    void awaitWithoutASignalReturnsFalseAfterTheWait() throws Exception {
        assertThat(node.await(Work.INVITE_DISPATCH, Duration.ofMillis(100))).isFalse();
    }

    @Test
    void aSignalGivenBeforeTheWaitIsNotLostOnItsOwnNode() throws Exception {
        node.signal(Work.INVITE_DISPATCH);
        assertThat(node.await(Work.INVITE_DISPATCH, Duration.ofSeconds(5))).isTrue();
        assertThat(node.await(Work.INVITE_DISPATCH, Duration.ofMillis(50))).as("consumed").isFalse();
    }

    @Test
    void aSignalOnOneNodeWakesAWaiterOnTheOther() throws Exception {
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            try {
                return node.await(Work.ORDER_FULFILMENT, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        // a subscriber may need a moment to connect: signal until the waiter wakes (a lost signal is allowed)
        for (int i = 0; i < 100 && !woken.isDone(); i++) {
            otherNode.signal(Work.ORDER_FULFILMENT);
            Thread.sleep(50);
        }
        assertThat(woken.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSignalWakesOnlyItsKindOfWork() throws Exception {
        otherNode.signal(Work.INVITE_DISPATCH);
        assertThat(node.await(Work.ORDER_FULFILMENT, Duration.ofMillis(300))).isFalse();
    }
}
