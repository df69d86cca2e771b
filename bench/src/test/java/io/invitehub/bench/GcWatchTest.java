package io.invitehub.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's GC watch (issue 17, phase 7): a real young collection, forced by allocation in this JVM, is seen with its
 * collector and counted as a pause; concurrent cycles (ZGC's and Shenandoah's " Cycles" beans) are summed apart from the
 * pauses; once stopped, the watch counts no more.
 */
class GcWatchTest {
    /** Kept reachable briefly so the allocations are not optimised away; small arrays, so they are young, not humongous. */
    private static final byte[][] RING = new byte[256][];

    @Test
    void aYoungCollectionForcedByAllocationIsSeenAndCounted() throws InterruptedException {
        GcWatch watch = GcWatch.start();
        long allocated = 0;
        long cap = 16 * Runtime.getRuntime().maxMemory();
        long deadline = System.nanoTime() + 60_000_000_000L;
        int i = 0;
        // notifications come on the service thread after the collection: allocate until one has arrived (bounded)
        while (watch.collections().stream().noneMatch(c -> c.action().contains("minor")) && allocated < cap && System.nanoTime() < deadline) {
            for (int k = 0; k < 1024; k++) {
                RING[i++ & 255] = new byte[16 * 1024];
                allocated += 16 * 1024;
            }
            if (allocated % (64L << 20) == 0) {
                Thread.sleep(1);
            }
        }
        Thread.sleep(200);
        List<GcWatch.Collection> collections = watch.collections();
        GcWatch.Seen seen = watch.stop();

        assertThat(collections).anySatisfy(c -> {
            assertThat(c.action()).isEqualTo("end of minor GC");
            assertThat(c.pause()).isTrue();
            assertThat(c.durationMs()).isGreaterThanOrEqualTo(0);
        });
        long minor = collections.stream().filter(c -> c.pause()).count();
        assertThat(seen.pauses()).isEqualTo((int) minor).isGreaterThanOrEqualTo(1);
        assertThat(seen.pauseMs()).isEqualTo(collections.stream().filter(GcWatch.Collection::pause).mapToLong(GcWatch.Collection::durationMs).sum());
        assertThat(seen.longestMs()).isLessThanOrEqualTo(seen.pauseMs());
        assertThat(seen.collectors()).isNotEmpty().containsAll(collections.stream().map(GcWatch.Collection::collector).toList());

        // stopped: a further collection is not counted
        System.gc();
        Thread.sleep(200);
        assertThat(watch.collections()).hasSize(collections.size());
    }

    @Test
    void concurrentCyclesAreSummedApartFromThePauses() {
        GcWatch.Seen seen = GcWatch.sum(List.of(
                new GcWatch.Collection("ZGC Cycles", "end of GC cycle", "Allocation Rate", 120),
                new GcWatch.Collection("ZGC Pauses", "end of GC pause", "Allocation Rate", 1),
                new GcWatch.Collection("ZGC Pauses", "end of GC pause", "Allocation Rate", 3),
                new GcWatch.Collection("G1 Young Generation", "end of minor GC", "G1 Evacuation Pause", 7)));
        assertThat(seen).isEqualTo(new GcWatch.Seen(3, 11, 7, 1, 120, Set.of("ZGC Cycles", "ZGC Pauses", "G1 Young Generation")));
        assertThat(seen.plus(GcWatch.Seen.NONE)).isEqualTo(seen);
        assertThat(seen.line("largest /me/summary", 2.0, 7.5, 10.0)).isEqualTo("GC during largest /me/summary: 3 pauses, 11 ms in "
                + "total (0.11 % of its 10.0 s), longest 7 ms; 1 concurrent cycles (120 ms, not pauses); p99 − p50 = 5.50 ms; "
                + "collectors: G1 Young Generation, ZGC Cycles, ZGC Pauses");
        assertThat(seen.plus(new GcWatch.Seen(1, 20, 20, 0, 0, Set.of("G1 Old Generation"))).totalLine(2, 20.0)).isEqualTo(
                "GC during the 2 measured read routes: 4 pauses, 31 ms in total (0.16 % of 20.0 s), longest 20 ms; 1 concurrent cycles "
                        + "(120 ms, not pauses); collectors: G1 Old Generation, G1 Young Generation, ZGC Cycles, ZGC Pauses");
    }

    @Test
    void theCollectorInUseIsNamedWithItsFlags() {
        String line = GcWatch.inUse();
        // this JVM is Surefire's (-XX:+UseParallelGC, pom.xml): its MaxGCPauseMillis is unset (reads back negative), not shown
        assertThat(line).startsWith("GC in use: ").contains("-XX:+Use").contains("MaxHeapSize=").doesNotContain("=-");
    }
}
