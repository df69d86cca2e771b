package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.StatisticsRecount;
import io.invitehub.adapter.out.persistence.TestPostgres;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark dataset (SPEC section 11) at scale 0.005 — 25 000 codes, 20 000 invitations, 50
 * distributors, 10 teams: its shape is consistent with what the service itself would have written,
 * the rollups rebuilt after the trigger-less load equal a recount, and the distributor read side's
 * hot queries (the SQL of the persistence adapter's {@code JooqDistributorRecords}) use indexes, never a
 * sequential scan of invitations or codes, for the largest and for the tiny distributor alike.
 */
class DatasetSeederTest {
    private static final double SCALE = 0.005;
    private static JooqPersistence db;
    private static CloseableDSLContext dsl;
    private static DatasetSeeder.Dataset dataset;

    @BeforeAll
    static void seed() {
        PersistenceSettings database = TestPostgres.freshDatabase();
        db = TestPostgres.connect(database);
        dsl = DSL.using(database.jdbcUrl(), database.user(), database.password());
        dataset = DatasetSeeder.seed(database, SCALE, "$2a$04$notarealhashnotarealhashnotarealhashnotarealhashnot");
    }

    @AfterAll
    static void close() {
        dsl.close();
        db.close();
    }

    @Test
    void theDatasetHasTheScaledSizesOfSpecSection11() {
        assertThat(dataset.codes()).isEqualTo(25_000);
        assertThat(dataset.invitations()).isEqualTo(20_000);
        assertThat(dataset.distributors()).isEqualTo(50);
        assertThat(dataset.teams()).isEqualTo(10);
        assertThat(count("select count(*) from redeem_codes where owner_id = ?", dataset.largest().id())).isEqualTo(5_000);
        assertThat(count("select count(*) from redeem_codes where owner_id = ?", dataset.tiny().id())).isEqualTo(10);
        assertThat(count("select count(*) from users where role = 'DISTRIBUTOR' and approval = 'APPROVED'")).isEqualTo(50);
        // each with the brand row the service's users trigger would have given it (the console loads it at sign-in)
        assertThat(count("select count(*) from users u join distributor_brands b on b.distributor_id = u.id "
                + "where u.role = 'DISTRIBUTOR' and b.slug = u.username")).isEqualTo(50);
        // the long tail: most distributors own codes, none more than the largest
        assertThat(count("select count(distinct owner_id) from redeem_codes")).isGreaterThan(40);
        assertThat(count("select max(n) from (select count(*) n from redeem_codes where owner_id <> ? group by owner_id) x",
                dataset.largest().id())).isLessThan(5_000);
    }

    @Test
    void codesAreValidAndTheirUsesMatchTheirInvitations() {
        dsl.fetch("select code from redeem_codes order by id limit 200").getValues(0, String.class).forEach(Code::new);
        assertThat(count("select count(*) from redeem_codes c where c.used_count <> "
                + "(select count(*) from invitations i where i.code_id = c.id and i.holds_use)")).isZero();
        assertThat(count("select count(*) from teams t where t.seats_reserved <> (select count(*) from invitations i "
                + "where i.team_id = t.id and i.state in ('RESERVED', 'INVITED', 'JOINED', 'REMOVING'))")).isZero();
        assertThat(count("select count(*) from invitations i join redeem_codes c on c.id = i.code_id "
                + "where i.distributor_id is distinct from c.owner_id or i.email <> c.bound_email")).isZero();
        // a state mix with few RESERVED, spread over ~180 days, all in the past
        List<String> states = dsl.fetch("select state from invitations group by state having count(*) > 100")
                .getValues(0, String.class);
        assertThat(states).contains("INVITED", "JOINED", "REMOVED", "FAILED", "EXPIRED").doesNotContain("RESERVED");
        assertThat(count("select count(*) from invitations where state = 'RESERVED'")).isPositive();
        assertThat(count("select extract(day from max(created_at) - min(created_at))::bigint from invitations")).isBetween(170L, 180L);
        assertThat(count("select count(*) from invitations where created_at > now() or accepted_at > now() or ended_at > now()"))
                .isZero();
    }

    @Test
    void theRebuiltRollupsEqualARecount() {
        Instant now = Instant.now();
        Money price = Money.ofMinor(1000, Money.CNY);
        StatisticsRecount recount = new StatisticsRecount(dsl, ZoneId.of("Asia/Shanghai"));
        for (DatasetSeeder.Distributor d : List.of(dataset.largest(), dataset.tiny())) {
            UserId id = new UserId(d.id());
            assertThat(db.statistics().summary(id, now, price)).as(d.username()).isEqualTo(recount.summary(id, now, price));
        }
    }

    @Test
    void salesPagesAreIndexRangesForLargestAndTiny() {
        for (DatasetSeeder.Distributor d : List.of(dataset.largest(), dataset.tiny())) {
            String sales = "select i.id, c.code, i.email, t.name, i.state, i.created_at, i.accepted_at from invitations i "
                    + "join redeem_codes c on c.id = i.code_id left join teams t on t.id = i.team_id "
                    + "where i.distributor_id = " + d.id() + " and not i.is_rebind %s order by i.created_at desc, i.id desc limit 51";
            assertIndexOnly(plan(String.format(sales, "")), "invitations_distributor_sales_idx");
            assertIndexOnly(plan(String.format(sales, "and (i.created_at, i.id) < (now() - interval '90 days', 10000)")),
                    "invitations_distributor_sales_idx");
        }
    }

    @Test
    void membersAndCodesAreIndexRangesForLargestAndTiny() {
        for (DatasetSeeder.Distributor d : List.of(dataset.largest(), dataset.tiny())) {
            assertIndexOnly(plan("select i.id, c.code, t.name from invitations i join redeem_codes c on c.id = i.code_id "
                    + "left join teams t on t.id = i.team_id where i.distributor_id = " + d.id() + " "
                    + "and i.state in ('INVITED', 'JOINED', 'REMOVING', 'REMOVED', 'EXPIRED', 'REBOUND') "
                    + "and (i.state in ('INVITED', 'JOINED', 'REMOVING') or i.ended_at >= now() - interval '30 days') "
                    + "order by i.created_at desc, i.id desc limit 51"), "invitations_distributor_members_v9_idx");
            assertIndexOnly(plan("select c.id from redeem_codes c where c.owner_id between " + d.id() + " and " + d.id()
                    + " order by c.owner_id desc, c.id desc limit 51"), "redeem_codes_owner_idx");
            assertIndexOnly(plan("select sum(enabled_codes) from distributor_code_expiry where distributor_id = " + d.id()
                    + " and expires_at < now()"), "distributor_code_expiry_pkey");
        }
    }

    private static void assertIndexOnly(String plan, String index) {
        assertThat(plan).contains(index).doesNotContain("Seq Scan on invitations").doesNotContain("Seq Scan on redeem_codes")
                .doesNotContain("Sort");
    }

    private static long count(String sql, Object... binds) {
        return dsl.fetchValue(sql, binds) instanceof Number n ? n.longValue() : -1;
    }

    private static String plan(String sql) {
        return String.join("\n", dsl.fetch("explain " + sql).getValues(0, String.class));
    }
}
