package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.JobLeases.Lease;
import io.invitehub.application.shared.port.out.JobLeases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link JobLeases} contract, for the in-process and the Redis leases. Expiry is real time (short TTLs). */
public abstract class AbstractJobLeasesContract {
    private JobLeases node;
    private JobLeases otherNode;

    /** Fresh leases with nothing held. */
    protected abstract JobLeases newLeases();

    /** Leases of another node sharing the state of the last {@link #newLeases} (itself for in-process). */
    protected abstract JobLeases sameStateOtherNode();

    @BeforeEach
    void fresh() {
        node = newLeases();
        otherNode = sameStateOtherNode();
    }

    @Test
    void oneHolderAtATimeUntilItReleases() {
        Lease lease = node.tryAcquire("maintenance", Duration.ofSeconds(30)).orElseThrow();
        assertThat(lease.job()).isEqualTo("maintenance");
        assertThat(otherNode.tryAcquire("maintenance", Duration.ofSeconds(30))).isEmpty();
        assertThat(node.tryAcquire("maintenance", Duration.ofSeconds(30))).as("not even the same node twice").isEmpty();
        assertThat(otherNode.tryAcquire("sync:team-1", Duration.ofSeconds(30))).as("jobs are independent").isPresent();

        node.release(lease);
        Lease next = otherNode.tryAcquire("maintenance", Duration.ofSeconds(30)).orElseThrow();
        assertThat(next.token()).isNotEqualTo(lease.token());
    }

    @Test
    void aLeaseEndsWhenItsTimeToLivePassesWithoutRenewal() throws Exception {
        node.tryAcquire("job", Duration.ofMillis(150)).orElseThrow();
        Thread.sleep(400);
        assertThat(otherNode.tryAcquire("job", Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void renewingKeepsTheLease() throws Exception {
        Lease lease = node.tryAcquire("job", Duration.ofMillis(300)).orElseThrow();
        assertThat(node.renew(lease, Duration.ofSeconds(30))).isTrue();
        Thread.sleep(500);
        assertThat(otherNode.tryAcquire("job", Duration.ofSeconds(30))).isEmpty();
        assertThat(node.renew(lease, Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aStaleHolderCanNeitherRenewNorReleaseTheNextHoldersLease() throws Exception {
        Lease stale = node.tryAcquire("job", Duration.ofMillis(150)).orElseThrow();
        Thread.sleep(400);
        Lease current = otherNode.tryAcquire("job", Duration.ofSeconds(30)).orElseThrow();

        assertThat(node.renew(stale, Duration.ofSeconds(30))).isFalse();
        node.release(stale);
        assertThat(node.tryAcquire("job", Duration.ofSeconds(30))).as("still held by the current holder").isEmpty();
        assertThat(otherNode.renew(current, Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aForgedTokenIsRefused() {
        node.tryAcquire("job", Duration.ofSeconds(30)).orElseThrow();
        Lease forged = new Lease("job", "guessed-token");
        assertThat(otherNode.renew(forged, Duration.ofSeconds(30))).isFalse();
        otherNode.release(forged);
        assertThat(otherNode.tryAcquire("job", Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void concurrentAcquirersOnTwoNodesGetExactlyOneLease() throws Exception {
        ConcurrentLinkedQueue<Lease> won = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            JobLeases leases = t % 2 == 0 ? node : otherNode;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                Optional<Lease> lease = leases.tryAcquire("contended", Duration.ofSeconds(30));
                lease.ifPresent(won::add);
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(won).hasSize(1);
    }
}
