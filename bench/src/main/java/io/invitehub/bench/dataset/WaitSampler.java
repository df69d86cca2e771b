package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.jooq.Record;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bench --statements} (issue 17, phase 7): what the database's client backends wait on during a measured
 * redemption stage. A thread of its own polls {@code pg_stat_activity} on its own superuser connection every
 * {@code interval} and counts each client backend of the database that is running a statement ({@code active}) or
 * holds a transaction open between statements ({@code idle in transaction}) by {@code wait_event_type:wait_event}
 * ({@code CPU} when active with no wait event). A backend waiting on a heavyweight lock is also counted by its top-level
 * statement's first 60 characters and the tables of the tuple locks it holds: a backend that waits in an update or a
 * {@code select … for update} for another transaction's row ({@code Lock:transactionid}) holds the tuple lock of that
 * row, so the table names the row; one that waits in an {@code insert … on conflict} (or any unique-index check) waits
 * in the index before locking a tuple, and shows none.
 */
public final class WaitSampler {
    private static final String POLL = """
            select a.state, a.wait_event_type, a.wait_event,
                   case when a.wait_event_type = 'Lock' then left(regexp_replace(a.query, '\\s+', ' ', 'g'), 60) end query,
                   case when a.wait_event_type = 'Lock' then (select string_agg(distinct l.relation::regclass::text, ',')
                        from pg_locks l where l.pid = a.pid and l.locktype = 'tuple' and l.granted) end tables
            from pg_stat_activity a
            where a.datname = current_database() and a.backend_type = 'client backend' and a.pid <> pg_backend_pid()
              and a.state in ('active', 'idle in transaction')""";

    private final Tally tally = new Tally();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final Duration interval;
    private volatile RuntimeException failure;

    private WaitSampler(PersistenceSettings superuser, Duration interval) {
        this.interval = interval;
        this.thread = new Thread(() -> poll(superuser), "bench-wait-sampler");
        this.thread.setDaemon(true);
    }

    /** Starts polling at once (the connection opened on the sampler's thread). */
    public static WaitSampler start(PersistenceSettings superuser, Duration interval) {
        WaitSampler sampler = new WaitSampler(superuser, interval);
        sampler.thread.start();
        return sampler;
    }

    private void poll(PersistenceSettings superuser) {
        try {
            OneConnection.run(superuser, db -> {
                long next = System.nanoTime();
                while (running.get()) {
                    List<Sample> samples = new ArrayList<>();
                    for (Record r : db.fetch(POLL)) {
                        samples.add(new Sample(r.get("state", String.class), r.get("wait_event_type", String.class),
                                r.get("wait_event", String.class), r.get("query", String.class), r.get("tables", String.class)));
                    }
                    synchronized (tally) {
                        tally.add(samples);
                    }
                    next += interval.toNanos();
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    } else {
                        next = System.nanoTime(); // a late poll: no burst to catch up
                    }
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Stops polling (waits for the poll in flight) and returns what was counted. */
    public Tally stop() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
        if (failure != null) {
            throw new IllegalStateException("the wait sampler failed", failure);
        }
        synchronized (tally) {
            return tally.copy();
        }
    }

    /** One backend in one poll: its state, wait event (null when none) and, for a lock wait, its statement and tables. */
    public record Sample(String state, String waitEventType, String waitEvent, String query, String tables) {
        /** {@code type:event}; {@code CPU} when active with no wait event; an idle-in-transaction backend is named so. */
        String key() {
            if ("idle in transaction".equals(state)) {
                return "idle in transaction (" + (waitEventType == null ? "no wait event" : waitEventType + ":" + waitEvent) + ")";
            }
            return waitEventType == null ? "CPU" : waitEventType + ":" + waitEvent;
        }

        boolean lock() {
            return "Lock".equals(waitEventType);
        }
    }

    /** The counts of the polls: by wait key, and the lock waits by statement and tables. */
    public static final class Tally {
        private long polls;
        private long samples;
        private final Map<String, Long> byWait = new LinkedHashMap<>();
        private final Map<String, Long> lockWaits = new LinkedHashMap<>();

        /** One poll's backends (an empty list is a poll with no backend busy). */
        public void add(List<Sample> poll) {
            polls++;
            for (Sample s : poll) {
                samples++;
                byWait.merge(s.key(), 1L, Long::sum);
                if (s.lock()) {
                    lockWaits.merge(s.key() + "  " + (s.tables() == null ? "(no tuple lock: a unique-index or ON CONFLICT wait)" : "holding a tuple lock on " + s.tables())
                            + "  " + (s.query() == null ? "" : s.query()), 1L, Long::sum);
                }
            }
        }

        public long polls() {
            return polls;
        }

        public long samples() {
            return samples;
        }

        /** The share (0–1) of all backend samples per wait key, the largest first. */
        public List<Map.Entry<String, Double>> shares() {
            return sharesOf(byWait);
        }

        /** The share (0–1) of all backend samples per lock wait, its tables and statement, the largest first. */
        public List<Map.Entry<String, Double>> lockShares() {
            return sharesOf(lockWaits);
        }

        /** The share (0–1) of all backend samples whose wait event type is {@code Lock}. */
        public double lockShare() {
            return samples == 0 ? 0 : byWait.entrySet().stream().filter(e -> e.getKey().startsWith("Lock:"))
                    .mapToLong(Map.Entry::getValue).sum() / (double) samples;
        }

        private List<Map.Entry<String, Double>> sharesOf(Map<String, Long> counts) {
            return counts.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), samples == 0 ? 0.0 : e.getValue() / (double) samples))
                    .sorted(Comparator.comparing((Map.Entry<String, Double> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
                    .toList();
        }

        Tally copy() {
            Tally t = new Tally();
            t.polls = polls;
            t.samples = samples;
            t.byWait.putAll(byWait);
            t.lockWaits.putAll(lockWaits);
            return t;
        }

        /** The lines of one phase: polls, backends per poll, the shares by wait, then the lock waits. */
        public List<String> lines(String phase, Duration interval) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "waits of the %s phase's measured stage: %,d polls of pg_stat_activity every %d ms, "
                    + "%,d client-backend samples (%.2f busy per poll: active or idle in transaction); share of the samples:", phase, polls,
                    interval.toMillis(), samples, polls == 0 ? 0 : samples / (double) polls));
            for (Map.Entry<String, Double> e : shares()) {
                lines.add(String.format(Locale.ROOT, "    %6.1f %%  %s", 100 * e.getValue(), e.getKey()));
            }
            if (!lockWaits.isEmpty()) {
                lines.add(String.format(Locale.ROOT, "  lock waits (%.1f %% of the samples) by the waiting backend's tuple locks and statement:",
                        100 * lockShare()));
                for (Map.Entry<String, Double> e : lockShares()) {
                    lines.add(String.format(Locale.ROOT, "    %6.1f %%  %s", 100 * e.getValue(), e.getKey()));
                }
            }
            return lines;
        }

        public void print(String phase, Duration interval, PrintStream out) {
            lines(phase, interval).forEach(out::println);
        }
    }

    public Duration interval() {
        return interval;
    }
}
