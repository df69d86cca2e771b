package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.jooq.Record;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the server's processes did with relation pages between two readings of {@code pg_stat_io} (issue 17, phase 7:
 * the 100 000-code fulfilment at scale 1.0 takes longer than at 0.2 with the same WAL): per kind of process, the pages
 * found in shared buffers, read from the operating system, written out (by a client backend itself when it had to
 * evict a dirty page, else by the background writer or the checkpointer) and added to relations. With
 * {@code track_io_timing} on, the time reads and writes took too.
 *
 * <p>A backend adds its counts to {@code pg_stat_io} only when it flushes its statistics — at the end of a
 * transaction at most once a second, else after {@link #FLUSHED} idle — so {@link #since} first waits that long.
 */
public final class IoMeter {
    /** How long an idle backend may keep its counts before flushing them (PostgreSQL's PGSTAT_IDLE_INTERVAL, 10 s). */
    static final Duration FLUSHED = Duration.ofSeconds(11);

    private final PersistenceSettings superuser;
    private final Duration flushed;

    public IoMeter(PersistenceSettings superuser) {
        this(superuser, FLUSHED);
    }

    /** {@code flushed}: how long {@link #since} waits for idle backends' counts (a test flushes its own instead). */
    IoMeter(PersistenceSettings superuser, Duration flushed) {
        this.superuser = superuser;
        this.flushed = flushed;
    }

    /** One kind of process's counts (pages of 8 KiB; times in ms, 0 without track_io_timing). */
    public record Counts(long hits, long reads, double readMs, long writes, double writeMs, long evictions, long extends_) {
        Counts minus(Counts o) {
            return new Counts(hits - o.hits, reads - o.reads, readMs - o.readMs, writes - o.writes, writeMs - o.writeMs,
                    evictions - o.evictions, extends_ - o.extends_);
        }

        boolean isZero() {
            return hits == 0 && reads == 0 && writes == 0 && evictions == 0 && extends_ == 0;
        }
    }

    /** The counts per backend type ({@code client backend}, {@code checkpointer}, …) at one moment. */
    public record Reading(Map<String, Counts> byType, boolean timed) {
        /** What happened from {@code before} to this reading, per backend type that did anything. */
        public Reading minus(Reading before) {
            Map<String, Counts> delta = new TreeMap<>();
            byType.forEach((type, now) -> {
                Counts d = now.minus(before.byType.getOrDefault(type, new Counts(0, 0, 0, 0, 0, 0, 0)));
                if (!d.isZero()) {
                    delta.put(type, d);
                }
            });
            return new Reading(delta, timed);
        }

        /** The figures as one line: client backends first, then the others that did anything. */
        public String line() {
            if (byType.isEmpty()) {
                return "no relation page touched";
            }
            StringBuilder line = new StringBuilder();
            Counts client = byType.get("client backend");
            if (client != null) {
                line.append(part("client backends", client));
            }
            byType.forEach((type, c) -> {
                if (!type.equals("client backend")) {
                    line.append(line.length() == 0 ? "" : "; ").append(part(type, c));
                }
            });
            return line.append(timed ? "" : " (track_io_timing off: no times)").toString();
        }

        private String part(String who, Counts c) {
            String read = timed ? String.format(Locale.ROOT, " in %.0f ms", c.readMs()) : "";
            String written = timed ? String.format(Locale.ROOT, " in %.0f ms", c.writeMs()) : "";
            return String.format(Locale.ROOT, "%s %,d hits, %,d reads (%.1f MiB%s), %,d writes (%.1f MiB%s), %,d evictions, %,d extends",
                    who, c.hits(), c.reads(), c.reads() / 128.0, read, c.writes(), c.writes() / 128.0, written, c.evictions(), c.extends_());
        }
    }

    /** The counts now, as flushed so far. */
    public Reading read() {
        return OneConnection.call(superuser, db -> {
            boolean timed = "on".equals(db.fetchOne("show track_io_timing").get(0, String.class));
            Map<String, Counts> byType = new TreeMap<>();
            for (Record r : db.fetch("""
                    select backend_type, coalesce(sum(hits), 0)::bigint, coalesce(sum(reads), 0)::bigint,
                           coalesce(sum(read_time), 0)::float8, coalesce(sum(writes), 0)::bigint, coalesce(sum(write_time), 0)::float8,
                           coalesce(sum(evictions), 0)::bigint, coalesce(sum(extends), 0)::bigint
                    from pg_stat_io where object = 'relation' group by backend_type""")) {
                byType.put(r.get(0, String.class), new Counts(r.get(1, Long.class), r.get(2, Long.class), r.get(3, Double.class),
                        r.get(4, Long.class), r.get(5, Double.class), r.get(6, Long.class), r.get(7, Long.class)));
            }
            return new Reading(byType, timed);
        });
    }

    /** What happened since {@code before}, after waiting for idle backends to flush their counts. */
    public Reading since(Reading before) throws InterruptedException {
        Thread.sleep(flushed.toMillis());
        return read().minus(before);
    }
}
