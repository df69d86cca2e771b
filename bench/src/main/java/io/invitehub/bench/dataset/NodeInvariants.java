package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariants of a multi-node run ({@code bench --nodes N}, issue 17), read in SQL from the one PostgreSQL every
 * node writes to, so they hold over all nodes together: seats taken = successful redemptions, no team over
 * {@code max_seats}, no code over its uses and every {@code used_count} equal to a recount of the invitations holding
 * a use, no RESERVED invitation left from the run once the dispatchers drained. SQL stays in this package
 * (BenchArchitectureTest).
 */
public final class NodeInvariants {
    private NodeInvariants() {
    }

    /** The database before the load: its clock, the seats held and the invitations waiting. */
    public record Baseline(OffsetDateTime at, long seatsReserved, long waiting) {
    }

    /** What the checker read after the load, and what it found broken (empty: every invariant held). */
    public record Report(long invitationsCreated, long seatsTaken, long teamsOverMax, long codesOverUses, long usesMiscounted,
                         long reservedLeft, List<String> violations) {
        public boolean held() {
            return violations.isEmpty();
        }
    }

    public static Baseline baseline(PersistenceSettings database) {
        return OneConnection.call(database, dsl -> new Baseline(dsl.resultQuery("select now()").fetchOne(0, OffsetDateTime.class),
                count(dsl, "select coalesce(sum(seats_reserved), 0) from teams"),
                count(dsl, "select count(*) from invitations where state = 'WAITING'")));
    }

    /** RESERVED invitations created since the baseline: what the dispatchers of all nodes still have to send. */
    public static long reservedSince(PersistenceSettings database, Baseline baseline) {
        return OneConnection.call(database, dsl -> count(dsl,
                "select count(*) from invitations where state = 'RESERVED' and created_at >= cast(? as timestamptz)", baseline.at().toString()));
    }

    /** Waits (polling, at most {@code limit}) until no invitation created since the baseline is RESERVED; returns how many are left. */
    public static long awaitDrained(PersistenceSettings database, Baseline baseline, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long left = reservedSince(database, baseline);
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = reservedSince(database, baseline);
        }
        return left;
    }

    /** Checks every invariant against {@code successes}, the redemptions the load generators saw answered 200. */
    public static Report check(PersistenceSettings database, Baseline baseline, long successes) {
        return OneConnection.call(database, dsl -> {
            long created = count(dsl, "select count(*) from invitations where created_at >= cast(? as timestamptz)", baseline.at().toString());
            long taken = count(dsl, "select coalesce(sum(seats_reserved), 0) from teams") - baseline.seatsReserved()
                    + count(dsl, "select count(*) from invitations where state = 'WAITING'") - baseline.waiting();
            long overMax = count(dsl, "select count(*) from teams where seats_reserved + external_seats > max_seats");
            long overUses = count(dsl, "select count(*) from redeem_codes where used_count > max_uses");
            long miscounted = count(dsl, "select count(*) from redeem_codes c where c.used_count <> "
                    + "(select count(*) from invitations i where i.code_id = c.id and i.holds_use)");
            long reserved = count(dsl, "select count(*) from invitations where state = 'RESERVED' and created_at >= cast(? as timestamptz)", baseline.at().toString());
            List<String> broken = new ArrayList<>();
            if (taken != successes) {
                broken.add("seats taken (" + taken + ") differ from successful redemptions (" + successes + ")");
            }
            if (created != successes) {
                broken.add("invitations created (" + created + ") differ from successful redemptions (" + successes + ")");
            }
            if (overMax > 0) {
                broken.add(overMax + " team(s) over max_seats");
            }
            if (overUses > 0) {
                broken.add(overUses + " code(s) over their uses");
            }
            if (miscounted > 0) {
                broken.add(miscounted + " code(s) whose used_count differs from the invitations holding a use");
            }
            if (reserved > 0) {
                broken.add(reserved + " invitation(s) of the run still RESERVED after the dispatchers drained");
            }
            return new Report(created, taken, overMax, overUses, miscounted, reserved, List.copyOf(broken));
        });
    }

    private static long count(DSLContext dsl, String sql, Object... bindings) {
        Long n = dsl.resultQuery(sql, bindings).fetchOne(0, Long.class);
        if (n == null) {
            throw new IllegalStateException("no count from " + sql);
        }
        return n.longValue();
    }
}
