package io.invitehub.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The garbage collections of this JVM while a measurement runs (issue 17, phase 7): the bench's service runs in the bench
 * JVM, so a stop-the-world pause lands in the read latencies. Since ADR 81 the read clients run in the load generator's
 * JVM, so what this sees is the service's collections alone (with {@code --in-process-load} the clients' too); the bench
 * says which at the end of each line. Listens to every
 * {@link GarbageCollectorMXBean}'s {@link GarbageCollectionNotificationInfo} from {@link #start()} until {@link #stop()}.
 * A collector whose name ends in {@code " Cycles"} (ZGC and Shenandoah on Java 17 report their concurrent cycles there,
 * their pauses under {@code " Pauses"}) is counted apart: its duration is not a pause. On Java 17, G1's remark and
 * cleanup pauses have no bean (JDK 20 added one), so for G1 the pauses seen are the young and mixed evacuations and
 * full collections.
 */
final class GcWatch {
    private static final String CONCURRENT = " Cycles";

    /** One collection as its notification reported it. */
    record Collection(String collector, String action, String cause, long durationMs) {
        boolean pause() {
            return !collector.endsWith(CONCURRENT);
        }
    }

    /** What a window saw: stop-the-world collections (count, total and longest pause) and concurrent cycles apart. */
    record Seen(int pauses, long pauseMs, long longestMs, int concurrentCycles, long concurrentMs, Set<String> collectors) {
        /** One line for the route {@code name} whose answers had {@code p50Ms} and {@code p99Ms}, measured over {@code seconds}. */
        String line(String name, double p50Ms, double p99Ms, double seconds) {
            return String.format(Locale.ROOT, "GC during %s: %d pauses, %d ms in total (%.2f %% of its %.1f s), longest %d ms%s; "
                            + "p99 − p50 = %.2f ms; collectors: %s", name, pauses, pauseMs, seconds <= 0 ? 0 : pauseMs / 10.0 / seconds,
                    seconds, longestMs, concurrentCycles == 0 ? "" : String.format(Locale.ROOT, "; %d concurrent cycles (%d ms, not pauses)",
                            concurrentCycles, concurrentMs), p99Ms - p50Ms, collectors.isEmpty() ? "none" : String.join(", ", collectors));
        }

        /** The figures table's line: the pauses of all {@code routes} read routes together, over their {@code seconds}. */
        String totalLine(int routes, double seconds) {
            return String.format(Locale.ROOT, "GC during the %d measured read routes: %d pauses, %d ms in total (%.2f %% of %.1f s), "
                            + "longest %d ms%s; collectors: %s", routes, pauses, pauseMs, seconds <= 0 ? 0 : pauseMs / 10.0 / seconds, seconds,
                    longestMs, concurrentCycles == 0 ? "" : String.format(Locale.ROOT, "; %d concurrent cycles (%d ms, not pauses)",
                            concurrentCycles, concurrentMs), collectors.isEmpty() ? "none" : String.join(", ", collectors));
        }

        Seen plus(Seen other) {
            java.util.SortedSet<String> names = new TreeSet<>(collectors);
            names.addAll(other.collectors);
            return new Seen(pauses + other.pauses, pauseMs + other.pauseMs, Math.max(longestMs, other.longestMs),
                    concurrentCycles + other.concurrentCycles, concurrentMs + other.concurrentMs, Collections.unmodifiableSortedSet(names));
        }

        static final Seen NONE = new Seen(0, 0, 0, 0, 0, Collections.emptySortedSet());
    }

    private final ConcurrentLinkedQueue<Collection> seen = new ConcurrentLinkedQueue<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::handle;

    private GcWatch() {
    }

    /** Starts listening to every collector of this JVM. */
    static GcWatch start() {
        GcWatch watch = new GcWatch();
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(watch.listener, null, null);
                watch.emitters.add(emitter);
            }
        }
        return watch;
    }

    private void handle(Notification notification, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            seen.add(new Collection(info.getGcName(), info.getGcAction(), info.getGcCause(), info.getGcInfo().getDuration()));
        }
    }

    /** Stops listening and sums what was seen. Notifications are sent after the collection, so a pause that ended just
     * before the stop may be missed — at most one per collector, and the stop comes after the window's last answer. */
    Seen stop() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone: nothing to remove
            }
        }
        emitters.clear();
        return sum(List.copyOf(seen));
    }

    /** The collections seen so far (notifications arrive on the JVM's service thread, shortly after each collection). */
    List<Collection> collections() {
        return List.copyOf(seen);
    }

    static Seen sum(List<Collection> collections) {
        int pauses = 0;
        long pauseMs = 0;
        long longest = 0;
        int cycles = 0;
        long cycleMs = 0;
        java.util.SortedSet<String> names = new TreeSet<>();
        for (Collection c : collections) {
            names.add(c.collector());
            if (c.pause()) {
                pauses++;
                pauseMs += c.durationMs();
                longest = Math.max(longest, c.durationMs());
            } else {
                cycles++;
                cycleMs += c.durationMs();
            }
        }
        return new Seen(pauses, pauseMs, longest, cycles, cycleMs, Collections.unmodifiableSortedSet(names));
    }

    /**
     * The collector in use, printed once at the start: the collectors' bean names and the flags that shape their pauses
     * (read from the running JVM, so {@code INVITEHUB_JAVA_OPTS} shows).
     */
    static String inUse() {
        List<String> beans = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList();
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        List<String> flags = new ArrayList<>();
        for (String flag : List.of("UseSerialGC", "UseParallelGC", "UseG1GC", "UseZGC", "UseShenandoahGC")) {
            String value = option(hotspot, flag);
            if ("true".equals(value)) {
                flags.add("-XX:+" + flag);
            }
        }
        for (String flag : List.of("MaxGCPauseMillis", "ParallelGCThreads", "ConcGCThreads", "G1HeapRegionSize", "NewSize", "MaxNewSize",
                "MaxHeapSize")) {
            String value = option(hotspot, flag);
            // an unsigned flag the collector leaves at its maximum (ZGC's MaxGCPauseMillis) reads back negative: not shown
            if (value != null && !value.startsWith("-")) {
                flags.add(flag + "=" + value);
            }
        }
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return "GC in use: " + String.join(", ", beans) + " (" + String.join(" ", flags) + "); JVM arguments: "
                + (arguments.isEmpty() ? "none" : String.join(" ", arguments));
    }

    private static String option(HotSpotDiagnosticMXBean hotspot, String name) {
        try {
            return hotspot.getVMOption(name).getValue();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
