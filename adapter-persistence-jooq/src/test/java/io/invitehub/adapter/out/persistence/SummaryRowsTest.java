package io.invitehub.adapter.out.persistence;

import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary of a distributor reads a fixed, small number of rollup rows whatever its size and
 * activity (SPEC 11: {@code /me/summary} independent of the distributor's size; ADR 23). A busy
 * distributor is given what live traffic leaves behind: all 16 stripes of {@code distributor_stats},
 * and of {@code distributor_stats_daily} for each of the last 40 days. Measured with
 * {@code EXPLAIN (ANALYZE, FORMAT JSON)} of the summary statement itself: rows produced by each table's scan.
 */
class SummaryRowsTest {
    private static final Pattern SCAN = Pattern.compile(
            "\"Relation Name\": \"(\\w+)\".*?\"Actual Rows\": (\\d+)", Pattern.DOTALL);
    private static final Money PRICE = Money.ofMinor(100, Money.CNY);
    private static JooqPersistence db;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
        db.statistics().useBusinessTimeZone(ZoneId.of("Asia/Shanghai"));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void foldingPastDaysKeepsEveryNumberAndBoundsTheDailyRowsASummaryReads() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        User busy = db.users().create("busy", "busy@dist.com", "x", Role.DISTRIBUTOR, Approval.APPROVED);
        long d = busy.id().value();
        db.dsl().execute("insert into distributor_stats (distributor_id, stripe, codes, enabled_codes, uses_taken)"
                + " select ?, s, 1000, 1000, 10 from generate_series(0, 15) s", d);
        db.dsl().execute("insert into distributor_stats_daily (distributor_id, day, stripe, redeemed, invited, accepted, removed)"
                + " select ?, statistics_day(cast(? as timestamptz)) - g, s, 3, 2, 1, g % 2"
                + " from generate_series(0, 39) g, generate_series(0, 15) s", d, OffsetDateTime.now());
        db.dsl().execute("analyze distributor_stats_daily");

        DistributorSummary before = db.statistics().summary(busy.id(), now, PRICE);
        List<TrendDay> trendBefore = db.statistics().trend(busy.id(), now, 30);
        assertThat(before.today().redeemed()).isEqualTo(16 * 3);
        Map<String, Long> rowsBefore = rowsRead(busy.id(), now);
        assertThat(rowsBefore.get("distributor_stats_daily")).as("unfolded: 16 stripes of every day since the month or week began")
                .isGreaterThan(16L);

        long folded = db.transactions().inTransaction(() -> db.statistics().compactDays(now));

        assertThat(folded).as("15 stripes of each of the 39 past days merged into stripe 0").isEqualTo(39 * 15);
        assertThat(db.statistics().summary(busy.id(), now, PRICE)).isEqualTo(before);
        assertThat(db.statistics().trend(busy.id(), now, 30)).isEqualTo(trendBefore);
        assertThat(db.transactions().inTransaction(() -> db.statistics().compactDays(now))).as("nothing left to fold").isZero();

        Map<String, Long> rows = rowsRead(busy.id(), now);
        // today's 16 stripes + at most 36 past days of this month or ISO week, one row each
        assertThat(rows.get("distributor_stats_daily")).isLessThanOrEqualTo(16L + 36L);
        assertThat(rows.get("distributor_stats")).isLessThanOrEqualTo(16L);
        assertThat(rows.getOrDefault("distributor_code_expiry", 0L)).isLessThanOrEqualTo(16L);
        assertThat(rows.keySet()).doesNotContain("redeem_codes", "invitations");
    }

    /** Rows produced by the scan of each table in the summary statement, from its actual plan. */
    private static Map<String, Long> rowsRead(UserId distributor, Instant now) {
        long d = distributor.value();
        OffsetDateTime at = Rows.at(now);
        String plan = db.dsl().fetch("explain (analyze, format json) " + JooqDistributorStatistics.SUMMARY,
                at, d, d, at, d, d).get(0).get(0, String.class);
        Map<String, Long> rows = new TreeMap<>();
        Matcher m = SCAN.matcher(plan);
        while (m.find()) {
            rows.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
        }
        return rows;
    }
}
