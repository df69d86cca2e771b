package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.domain.team.Team;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Bulk-loads the benchmark dataset of SPEC section 11 into an empty (migrated) database with
 * set-based SQL ({@code insert … select … from generate_series}), in chunks. At scale 1.0: 5 000 000
 * codes, 4 000 000 invitations, 10 000 distributors (the largest owning 1 000 000 codes, a tiny one
 * owning 10, a long tail in between), 2 000 teams. Smaller scales shrink everything proportionally
 * but keep one largest (a fifth of the codes) and one tiny distributor.
 *
 * <p>The statistics triggers (and the foreign-key triggers) are bypassed during the load with
 * {@code session_replication_role = replica} — allowed for a superuser, which the embedded
 * database's user is — and the rollups are then recomputed once by {@code statistics_rebuild()}
 * and the past expiry buckets folded by {@code statistics_compact_expiry(…)}, as the hourly job
 * would; finally everything is analysed. The load runs on a connection of its own (plain SQL through
 * jOOQ), not through the service's persistence adapter: it is a tool, not a port. The data is shaped for the read side: invitation states mixed
 * (mostly FAILED, EXPIRED, REMOVED, JOINED, INVITED; few RESERVED), {@code created_at} spread over
 * the last 180 days, distinct e-mails (the one-open-invitation-per-e-mail index holds), codes'
 * {@code used_count} equal to their invitations holding a use (FAILED and REMOVED gave theirs back),
 * teams' {@code seats_reserved} equal to their live invitations. Seeded RESERVED invitations are due
 * only in 30 days, so a running dispatcher leaves them alone. Every distributor gets the same
 * password hash, so a benchmark can sign in as any of them.
 *
 * <p>For benchmarks and tests, never for a database with real data: it writes a fixed dataset
 * and refuses to run when distributors named {@code bench-…} exist already.
 */
public final class DatasetSeeder {
    /** Codes of the largest distributor at scale 1 are a fifth of all codes (1 000 000 of 5 000 000). */
    private static final int LARGEST_SHARE = 5;
    private static final int TINY_CODES = 10;
    private static final long CHUNK = 250_000;

    private DatasetSeeder() {
    }

    /** A seeded distributor: its user id, its username (password: the one whose hash was given). */
    public record Distributor(long id, String username, long codes) {
    }

    /** What was seeded and how long it took. */
    public record Dataset(double scale, long codes, long invitations, int distributors, int teams, Distributor largest,
                          Distributor tiny, Duration loading, Duration rebuild, Duration analyse) {
        public Duration total() {
            return loading.plus(rebuild).plus(analyse);
        }
    }

    /** Row counts for a scale (at least 2 distributors, 1 team, and the tiny distributor's codes). */
    record Sizes(long codes, long invitations, int distributors, int teams) {
        static Sizes of(double scale) {
            if (!(scale > 0 && scale <= 2)) {
                throw new IllegalArgumentException("scale must be in (0, 2]");
            }
            long codes = Math.max(1_000, Math.round(5_000_000 * scale));
            return new Sizes(codes, codes - codes / 5, (int) Math.max(3, Math.round(10_000 * scale)),
                    (int) Math.max(1, Math.round(2_000 * scale)));
        }
    }

    /** Seeds the migrated, empty database at {@code database} (as its superuser) and returns what it holds. */
    public static Dataset seed(PersistenceSettings database, double scale, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash");
        Sizes sizes = Sizes.of(scale);
        return OneConnection.call(database, dsl -> seed(dsl, sizes, scale, passwordHash));
    }

    private static Dataset seed(DSLContext dsl, Sizes sizes, double scale, String passwordHash) {
        if (dsl.fetchExists(dsl.selectOne().from("users").where("username like 'bench-%'"))) {
            throw new IllegalStateException("the database holds a benchmark dataset already");
        }
        // one clock for the whole dataset, so every derived timestamp is consistent
        OffsetDateTime now = dsl.fetchSingle("select now()").get(0, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
        long started = System.nanoTime();
        long userBase = dsl.fetchSingle("select coalesce(max(id), 0) from users").get(0, Long.class);
        long teamBase = dsl.fetchSingle("select coalesce(max(id), 0) from teams").get(0, Long.class);
        long codeBase = dsl.fetchSingle("select coalesce(max(id), 0) from redeem_codes").get(0, Long.class);
        long largestCodes = sizes.codes() / LARGEST_SHARE;

        replica(dsl, sql -> {
            sql.execute(FUNCTIONS);
            // distributor 1 is the largest, 2 the tiny one, 3… the long tail
            sql.execute("insert into users (id, username, password_hash, role, approval, created_at) overriding system value "
                    + "select ? + k, case k when 1 then 'bench-largest' when 2 then 'bench-tiny' "
                    + "else 'bench-d' || lpad(k::text, 6, '0') end, ?, 'DISTRIBUTOR', 'APPROVED', ?::timestamptz - interval '400 days' "
                    + "from generate_series(1, ?) k", userBase, passwordHash, now, sizes.distributors());
            // the brand row the users trigger gives a new distributor (R__distributor_brands.sql), which replica mode skips:
            // without it GET /me/profile answers 404 and the console never opens for a seeded distributor (ADR 68)
            sql.execute("insert into distributor_brands (distributor_id, slug) "
                    + "select id, distributor_default_slug(username, id) from users where id > ? order by id", userBase);
            // next member sync spread over the default interval (3 min), as a service that has been running has it:
            // all due at once, the start would sync every dataset team (each reading its seat holders) in one burst
            // that overlaps the measurements and grows with the scale (issue 17)
            sql.execute("insert into teams (id, name, provider_account_id, max_seats, created_at, next_sync_at) overriding system value "
                    + "select ? + k, 'dataset team ' || k, 'dataset-' || k, " + Team.MAX_SEATS_LIMIT
                    + ", ?::timestamptz - interval '400 days', ?::timestamptz + (k % 180) * interval '1 second' "
                    + "from generate_series(1, ?) k", teamBase, now, now, sizes.teams());
        });
        for (long from = 1; from <= sizes.codes(); from += CHUNK) {
            long lo = from;
            long hi = Math.min(sizes.codes(), lo + CHUNK - 1);
            replica(dsl, sql -> {
                // g: the code's number; its invitation (if any) is a pure function of g, so codes and
                // invitations agree without reading each other back
                sql.execute("insert into redeem_codes (id, code, owner_id, max_uses, used_count, expires_at, validity_days, "
                        + "bound_email, activated_at, member_expires_at, active, created_at, updated_at) overriding system value "
                        + "select ? + g, bench_code(g), ? + bench_owner(g, ?, ?), 1, "
                        + "case when st is null or st in ('FAILED', 'REMOVED') then 0 else 1 end, "
                        + "created + case when g % 10 = 0 then interval '90 days' else interval '400 days' end, 30, "
                        + "case when st is not null then 'b' || g || '@bench.example.com' end, "
                        + "case when st is not null then inv end, case when st is not null then inv + interval '30 days' end, "
                        + "g % 50 <> 5, created, created "
                        + "from (select g, bench_state(g) st, ?::timestamptz - interval '200 days' + (g % 86400) * interval '1 second' created, "
                        + "bench_created(g, ?::timestamptz) inv from generate_series(?::bigint, ?::bigint) g) x",
                        codeBase, userBase, largestCodes, sizes.distributors(), now, now, lo, hi);
                sql.execute("insert into invitations (code_id, distributor_id, team_id, email, state, holds_use, attempts, "
                        + "next_attempt_at, created_at, invited_at, accepted_at, ended_at, end_reason, updated_at) "
                        + "select ? + g, ? + bench_owner(g, ?, ?), ? + 1 + g % ?, 'b' || g || '@bench.example.com', st, "
                        + "st not in ('FAILED', 'REMOVED'), case when st = 'RESERVED' then 0 else 1 end, "
                        + "case when st = 'RESERVED' then now + interval '30 days' end, inv, "
                        + "case when st in ('INVITED', 'JOINED', 'REMOVED', 'EXPIRED') then inv + interval '5 seconds' end, "
                        + "case when st in ('JOINED', 'REMOVED') then least(now, inv + interval '1 hour') end, "
                        + "case st when 'FAILED' then least(now, inv + interval '1 minute') "
                        + "when 'EXPIRED' then least(now, inv + interval '7 days') "
                        + "when 'REMOVED' then least(now, inv + interval '20 days') end, "
                        + "case st when 'FAILED' then 'provider refused' when 'EXPIRED' then 'not accepted in time' "
                        + "when 'REMOVED' then 'removed by distributor' end, inv "
                        + "from (select g, bench_state(g) st, bench_created(g, ?::timestamptz) inv, ?::timestamptz now "
                        + "from generate_series(?::bigint, ?::bigint) g) x where st is not null",
                        codeBase, userBase, largestCodes, sizes.distributors(), teamBase, sizes.teams(), now, now, lo, hi);
            });
        }
        replica(dsl, sql -> {
            sql.execute("update teams t set seats_reserved = x.n, max_seats = least(" + Team.MAX_SEATS_LIMIT
                    + ", x.n + 25) from (select team_id, count(*) n from invitations "
                    + "where state in ('RESERVED', 'INVITED', 'JOINED', 'REMOVING') and team_id > ? group by team_id) x "
                    + "where t.id = x.team_id", teamBase);
            sql.execute("update teams set max_seats = 25 where id > ? and seats_reserved = 0", teamBase);
            sql.execute(DROP_FUNCTIONS);
            for (String table : new String[] {"users", "teams", "redeem_codes"}) {
                sql.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), (select max(id) from " + table + "))");
            }
        });
        long loaded = System.nanoTime();
        dsl.transaction(tx -> tx.dsl().execute("select statistics_rebuild()"));
        // the steady state of a running service: the hourly job has folded the expiry rollup of the
        // past (the seeded codes each have their own expiry instant, so there is much to fold), and
        // vacuum has removed the folded rows before anyone reads
        dsl.transaction(tx -> tx.dsl().execute("select statistics_compact_expiry(now())"));
        dsl.execute("vacuum distributor_code_expiry");
        long rebuilt = System.nanoTime();
        dsl.execute("analyze");
        long analysed = System.nanoTime();

        long invitations = dsl.fetchSingle("select count(*) from invitations where distributor_id > ?", userBase).get(0, Long.class);
        Distributor largest = new Distributor(userBase + 1, "bench-largest", largestCodes);
        Distributor tiny = new Distributor(userBase + 2, "bench-tiny", TINY_CODES);
        return new Dataset(scale, sizes.codes(), invitations, sizes.distributors(), sizes.teams(), largest, tiny,
                Duration.ofNanos(loaded - started), Duration.ofNanos(rebuilt - loaded), Duration.ofNanos(analysed - rebuilt));
    }

    /** One transaction of the load, with the triggers (statistics and foreign keys) bypassed. */
    private static void replica(DSLContext dsl, Consumer<DSLContext> load) {
        dsl.transaction(tx -> {
            DSLContext sql = tx.dsl();
            sql.execute("set local session_replication_role = replica");
            load.accept(sql);
        });
    }

    /**
     * Helper functions of the load (dropped at its end): a valid code (prefix {@code BEN}, eight
     * base-31 digits of g, the check character of {@code CodeAlphabet}), the owner, the invitation
     * state (null: the code was never redeemed — every fifth code) and the invitation's creation time.
     */
    private static final String FUNCTIONS = """
            create or replace function bench_code(g bigint) returns varchar language plpgsql immutable as $$
            declare
                a constant text := '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
                body text := ''; n bigint := g; s int := 0; p text;
            begin
                for i in 1..8 loop body := substr(a, (n % 31)::int + 1, 1) || body; n := n / 31; end loop;
                p := 'BEN' || body;
                for i in 1..length(p) loop
                    s := (s + (i % 30 + 1) * (strpos(a, substr(p, length(p) - i + 1, 1)) - 1)) % 31;
                end loop;
                return p || substr(a, (31 - s) % 31 + 1, 1);
            end
            $$;
            create or replace function bench_owner(g bigint, largest bigint, distributors int) returns bigint
                language sql immutable as $$
                select case when g <= largest then 1
                            when g <= largest + 10 then 2
                            -- the long tail: a few big, many small distributors (squared uniform)
                            else 3 + least(distributors - 3,
                                   floor((distributors - 2) * power(((g * 2654435761) % 4294967296) / 4294967296.0, 2))::bigint)
                       end
            $$;
            create or replace function bench_state(g bigint) returns varchar language sql immutable as $$
                select case when g % 5 = 0 then null
                            when h < 5 then 'RESERVED' when h < 150 then 'INVITED' when h < 400 then 'JOINED'
                            when h < 550 then 'REMOVED' when h < 750 then 'FAILED' else 'EXPIRED' end
                from (select (g * 7919) % 1000 h) x
            $$;
            create or replace function bench_created(g bigint, now timestamptz) returns timestamptz language sql immutable as $$
                select now - (((g * 40503) % 15552000) + (g % 997) / 1000.0) * interval '1 second'
            $$;
            """;

    private static final String DROP_FUNCTIONS = "drop function bench_code(bigint); drop function bench_owner(bigint, bigint, int); "
            + "drop function bench_state(bigint); drop function bench_created(bigint, timestamptz)";
}
