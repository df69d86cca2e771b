package io.invitehub.application.contract;

import io.invitehub.application.redemption.port.out.SeatsCache;
import io.invitehub.application.shared.view.SeatSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link SeatsCache} contract, for the in-process and the Redis cache. Expiry is real time (short TTLs). */
public abstract class AbstractSeatsCacheContract {
    private SeatsCache node;
    private SeatsCache otherNode;

    protected abstract SeatsCache newCache();

    /** The cache of another node sharing the last {@link #newCache} (itself for in-process). */
    protected abstract SeatsCache sameStateOtherNode();

    @BeforeEach
    void fresh() {
        node = newCache();
        otherNode = sameStateOtherNode();
    }

    @Test
    void emptyUntilStoredThenTheSameSummaryEverywhereUntilItsTimeToLivePasses() throws Exception {
        assertThat(node.cached()).isEmpty();
        SeatSummary summary = new SeatSummary(3, 300, 120, 180, 7);
        node.store(summary, Duration.ofMillis(300));
        assertThat(node.cached()).contains(summary);
        assertThat(otherNode.cached()).contains(summary);
        Thread.sleep(600);
        assertThat(node.cached()).isEmpty();
    }

    @Test
    void aNewerSummaryReplacesTheOlder() {
        node.store(new SeatSummary(1, 10, 1, 9, 0), Duration.ofSeconds(30));
        SeatSummary newer = new SeatSummary(1, 10, 2, 8, 0);
        otherNode.store(newer, Duration.ofSeconds(30));
        assertThat(node.cached()).contains(newer);
    }
}
