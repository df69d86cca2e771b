package io.invitehub.library.worker;

import io.invitehub.application.shared.port.out.JobLeases;
import io.invitehub.library.inprocess.InProcessJobLeases;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention job runs its purges batch after batch under its lease, and not at all while another node holds it. */
class OutboxRetentionTest {

    @Test
    void eachPurgeRunsUntilItFindsNothingAndTheLeaseIsReleased() {
        JobLeases leases = new InProcessJobLeases(Clock.systemUTC());
        Deque<Integer> mail = new ArrayDeque<>(List.of(1000, 1000, 3, 0));
        AtomicInteger webhookCalls = new AtomicInteger();
        try (OutboxRetention job = new OutboxRetention(List.of(mail::pop, () -> {
            webhookCalls.incrementAndGet();
            return 0;
        }), leases, Duration.ofHours(1))) {
            assertThat(job.runOnce()).isEqualTo(2003);
            assertThat(mail).isEmpty();
            assertThat(webhookCalls).hasValue(1);
            assertThat(leases.tryAcquire(OutboxRetention.JOB, Duration.ofMinutes(1))).as("released after the run").isPresent();
        }
    }

    @Test
    void anotherHolderOfTheLeaseMeansThisNodeSkips() {
        JobLeases leases = new InProcessJobLeases(Clock.systemUTC());
        assertThat(leases.tryAcquire(OutboxRetention.JOB, Duration.ofMinutes(5))).isPresent();
        AtomicInteger calls = new AtomicInteger();
        try (OutboxRetention job = new OutboxRetention(List.of(calls::incrementAndGet), leases, Duration.ofHours(1))) {
            assertThat(job.runOnce()).isEqualTo(-1);
        }
        assertThat(calls).hasValue(0);
    }
}
