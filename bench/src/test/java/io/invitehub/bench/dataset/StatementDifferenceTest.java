package io.invitehub.bench.dataset;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench --statements} (issue 17, phase 7): what the distributor-code redemptions run beyond the platform-code ones,
 * statement by statement per redemption — a statement only the later phase runs appears whole, one only the earlier ran
 * appears negative, shared ones by their difference, the largest time difference first, equal ones left out.
 */
class StatementDifferenceTest {

    private static StatementCounts.Statement st(boolean top, String query, double calls, double wal, double ms) {
        return new StatementCounts.Statement(top, query, calls, calls, 10 * calls, 0, calls, 0, wal, ms);
    }

    @Test
    void theLaterPhaseMinusTheEarlierStatementByStatement() {
        Map<String, StatementCounts.Statement> platform = Map.of(
                "top 1", st(true, "select redeem($1)", 1, 900, 0.50),
                "nested 2", st(false, "update redeem_codes", 1, 300, 0.10),
                "nested 3", st(false, "select platform_only()", 0.5, 0, 0.01),
                "top 4", st(true, "commit", 2, 0, 0.02));
        Map<String, StatementCounts.Statement> distributor = Map.of(
                "top 1", st(true, "select redeem($1)", 1, 1500, 0.90),
                "nested 2", st(false, "update redeem_codes", 1, 300, 0.10),
                "nested 5", st(false, "insert into distributor_stats", 2, 400, 0.30),
                "top 4", st(true, "commit", 2, 0, 0.02));

        List<StatementCounts.Statement> d = StatementCounts.difference(platform, distributor);

        assertThat(d).extracting(StatementCounts.Statement::query)
                .containsExactly("select redeem($1)", "insert into distributor_stats", "select platform_only()");
        assertThat(d.get(0).calls()).isZero();
        assertThat(d.get(0).wal()).isEqualTo(600);
        assertThat(d.get(0).ms()).isCloseTo(0.40, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.get(1)).isEqualTo(st(false, "insert into distributor_stats", 2, 400, 0.30));
        assertThat(d.get(2).calls()).isEqualTo(-0.5);
        assertThat(d.get(2).dirtied()).isEqualTo(-0.5);
        assertThat(d.get(2).toplevel()).isFalse();
        assertThat(d.get(1).row()).contains("nested").contains("insert into distributor_stats").contains("400.0");
    }
}
