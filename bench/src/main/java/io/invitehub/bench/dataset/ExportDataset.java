package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import org.jooq.DSLContext;

import java.time.Duration;
import java.util.Objects;

/**
 * The export benchmark's dataset (ADR 35, docs/performance.md): one distributor, {@code bench-exporter}, whose
 * sales are {@code rows} invitations, each through a code of its own, with distinct e-mails, accepted and since
 * ended (EXPIRED, some REMOVED: no seat is held, so the service's own jobs have nothing to load), spread over 180 days. Loaded with set-based SQL in chunks with the triggers bypassed
 * ({@code session_replication_role = replica}, as {@link DatasetSeeder}), then the statistics rebuilt once and
 * the tables analysed. For a throw-away benchmark database only.
 */
public final class ExportDataset {
    public static final String USERNAME = "bench-exporter";
    private static final long CHUNK = 250_000;

    private ExportDataset() {
    }

    /** What was loaded, and how long it took. */
    public record Loaded(long userId, long rows, Duration took) {
    }

    public static Loaded seed(PersistenceSettings database, long rows, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash");
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be positive");
        }
        long started = System.nanoTime();
        return OneConnection.call(database, dsl -> {
            long user = dsl.fetchSingle("insert into users (username, password_hash, role, approval) values (?, ?, 'DISTRIBUTOR', "
                    + "'APPROVED') returning id", USERNAME, passwordHash).get(0, Long.class);
            long team = dsl.fetchSingle("insert into teams (name, provider_account_id, max_seats) values ('export team', "
                    + "'export-bench', 1) returning id").get(0, Long.class);
            long codeBase = dsl.fetchSingle("select coalesce(max(id), 0) from redeem_codes").get(0, Long.class);
            for (long from = 1; from <= rows; from += CHUNK) {
                long lo = from;
                long hi = Math.min(rows, lo + CHUNK - 1);
                replica(dsl, sql -> {
                    sql.execute("insert into redeem_codes (id, code, legacy, owner_id, max_uses, used_count, validity_days, bound_email, "
                            + "created_at, updated_at) overriding system value select ? + g, 'EX_' || lpad(g::text, 10, '0'), true, ?, 1, 1, "
                            + "30, 'customer' || g || '@export.example.com', now() - (g % 180) * interval '1 day', now() "
                            + "from generate_series(?::bigint, ?::bigint) g", codeBase, user, lo, hi);
                    sql.execute("insert into invitations (code_id, distributor_id, team_id, email, state, created_at, invited_at, "
                            + "accepted_at, ended_at, end_reason) select ? + g, ?, ?, 'customer' || g || '@export.example.com', "
                            + "case when g % 7 = 0 then 'REMOVED' else 'EXPIRED' end, now() - (g % 180) * interval '1 day' - g * interval '1 ms', "
                            + "now() - (g % 180) * interval '1 day', now() - (g % 180) * interval '1 day' + interval '1 hour', "
                            + "now(), case when g % 7 = 0 then 'removed by distributor' else 'membership over' end "
                            + "from generate_series(?::bigint, ?::bigint) g", codeBase, user, team, lo, hi);
                });
            }
            dsl.execute("select statistics_rebuild()");
            dsl.execute("analyze redeem_codes");
            dsl.execute("analyze invitations");
            return new Loaded(user, rows, Duration.ofNanos(System.nanoTime() - started));
        });
    }

    private static void replica(DSLContext dsl, java.util.function.Consumer<DSLContext> load) {
        dsl.transaction(tx -> {
            DSLContext sql = tx.dsl();
            sql.execute("set local session_replication_role = replica");
            load.accept(sql);
        });
    }
}
