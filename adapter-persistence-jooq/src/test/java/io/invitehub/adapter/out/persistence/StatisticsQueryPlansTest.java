package io.invitehub.adapter.out.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributor read side's hot queries are index-backed. 100 000 codes and invitations, half of
 * them of one big distributor, are seeded (triggers off for speed: the rollups are not under test
 * here) and analysed, so the plans are the planner's real choice. The SQL is what
 * {@link JooqDistributorRecords} and {@link JooqDistributorStatistics} send.
 */
class StatisticsQueryPlansTest {
    private static JooqPersistence db;

    @BeforeAll
    static void seed() {
        db = TestPostgres.freshPersistence();
        db.transactions().inTransaction(() -> {
            db.dsl().execute("set local session_replication_role = replica");
            db.dsl().execute("insert into users (username, password_hash, role, approval) "
                    + "select 'd' || g, 'x', 'DISTRIBUTOR', 'APPROVED' from generate_series(1, 50) g");
            db.dsl().execute("insert into teams (name, provider_account_id, max_seats) "
                    + "select 'team ' || g, 'acct-' || g, 100 from generate_series(1, 100) g");
            db.dsl().execute("insert into redeem_codes (code, owner_id, max_uses, used_count, validity_days, bound_email, expires_at, created_at) "
                    + "select 'HUB' || lpad(g::text, 12, '0'), case when g % 2 = 0 then 1 else 2 + g % 49 end, 1, 1, 30, "
                    + "'c' || g || '@example.com', now() + ((g % 400) - 200) * interval '1 hour', now() - g * interval '1 minute' "
                    + "from generate_series(1, 100000) g");
            db.dsl().execute("insert into invitations (code_id, distributor_id, team_id, email, state, created_at, invited_at, accepted_at, ended_at) "
                    + "select g, case when g % 2 = 0 then 1 else 2 + g % 49 end, 1 + g % 100, 'c' || g || '@example.com', "
                    + "case when g % 10 = 0 then 'JOINED' when g % 10 = 1 then 'INVITED' else 'FAILED' end, "
                    + "now() - g * interval '1 minute', now(), case when g % 10 = 0 then now() end, "
                    + "case when g % 10 > 1 then now() end from generate_series(1, 100000) g");
        });
        db.dsl().execute("analyze");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void salesFirstAndDeepPagesReadTheSalesIndex() {
        String sales = "select i.id, c.code, i.email, t.name, i.state, i.created_at, i.accepted_at from invitations i "
                + "join redeem_codes c on c.id = i.code_id left join teams t on t.id = i.team_id "
                + "where i.distributor_id = 1 and not i.is_rebind %s order by i.created_at desc, i.id desc limit 51";
        assertThat(plan(String.format(sales, ""))).contains("invitations_distributor_sales_idx")
                .doesNotContain("Seq Scan on invitations").doesNotContain("Seq Scan on redeem_codes").doesNotContain("Sort");
        assertThat(plan(String.format(sales, "and (i.created_at, i.id) < (now() - interval '60000 minutes', 60000)")))
                .contains("invitations_distributor_sales_idx").contains("Index Cond")
                .doesNotContain("Seq Scan on invitations").doesNotContain("Seq Scan on redeem_codes");
    }

    @Test
    void membersReadTheMembersIndex() {
        assertThat(plan("select i.id from invitations i join redeem_codes c on c.id = i.code_id "
                + "where i.distributor_id = 1 "
                + "and i.state in ('INVITED', 'JOINED', 'REMOVING', 'REMOVED', 'EXPIRED', 'REBOUND') "
                + "and (i.state in ('INVITED', 'JOINED', 'REMOVING') or i.ended_at >= now() - interval '30 days') "
                + "order by i.created_at desc, i.id desc limit 51"))
                .contains("invitations_distributor_members_v9_idx").doesNotContain("Seq Scan on invitations");
    }

    @Test
    void codesAreReadInIdOrderWithoutSorting() {
        // a small distributor: its range of the owner index, backwards
        assertThat(plan("select c.id from redeem_codes c where c.owner_id = 7 and c.id < 50000 order by c.id desc limit 51"))
                .contains("redeem_codes_owner_idx").doesNotContain("Seq Scan").doesNotContain("Sort");
        // the distributor owning half of all codes, in the shape JooqDistributorRecords uses: the owner
        // index, never the primary key walked backwards (which skips other distributors' newer codes)
        assertThat(plan("select c.id from redeem_codes c where c.owner_id between 1 and 1 and c.id < 50000 "
                + "order by c.owner_id desc, c.id desc limit 51"))
                .contains("redeem_codes_owner_idx").doesNotContain("Seq Scan").doesNotContain("Sort");
    }

    @Test
    void expiredCodesAreASumOfExpiryRollupRowsNeverACodeScan() {
        db.dsl().execute("insert into distributor_code_expiry (distributor_id, expires_at, stripe) "
                + "select d, now() - g * interval '1 hour', s from generate_series(1, 50) d, generate_series(1, 200) g, "
                + "generate_series(0, 15) s on conflict do nothing");
        db.dsl().execute("analyze distributor_code_expiry");
        assertThat(plan("select sum(enabled_codes) from distributor_code_expiry where distributor_id = 1 and expires_at < now()"))
                .contains("distributor_code_expiry_pkey").doesNotContain("Seq Scan").doesNotContain("redeem_codes");
    }

    @Test
    void theSummaryReadsRollupRowsByKey() {
        db.dsl().execute("insert into distributor_stats (distributor_id, stripe) select d, s from generate_series(1, 50) d, generate_series(0, 15) s");
        db.dsl().execute("insert into distributor_stats_daily (distributor_id, day, stripe) "
                + "select d, current_date - n, 0 from generate_series(1, 50) d, generate_series(0, 400) n");
        db.dsl().execute("analyze distributor_stats, distributor_stats_daily");
        assertThat(plan("select sum(codes) from distributor_stats where distributor_id = 7")).contains("distributor_stats_pkey")
                .doesNotContain("Seq Scan");
        assertThat(plan("select sum(redeemed) from distributor_stats_daily where distributor_id = 7 "
                + "and day >= current_date - 37 and day <= current_date")).contains("distributor_stats_daily_pkey")
                .doesNotContain("Seq Scan");
    }

    private static String plan(String sql) {
        List<String> lines = db.dsl().fetch("explain " + sql).getValues(0, String.class);
        return String.join("\n", lines);
    }
}
