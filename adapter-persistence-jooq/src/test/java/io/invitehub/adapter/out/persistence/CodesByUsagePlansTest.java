package io.invitehub.adapter.out.persistence;

import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeUsage;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code list's usage filter ({@code ?usage=unused|used}) is a range of its own partial index (V47) in the list's
 * order: no sort, no scan of the distributor's other codes. 120 000 codes, half of them one distributor's, a third of
 * those never used; analysed, so the plans are the planner's real choice. The rows are the port's own answer.
 */
class CodesByUsagePlansTest {
    private static JooqPersistence db;

    @BeforeAll
    static void seed() {
        db = TestPostgres.freshPersistence();
        db.transactions().inTransaction(() -> {
            db.dsl().execute("insert into users (username, password_hash, role, approval) "
                    + "select 'd' || g, 'x', 'DISTRIBUTOR', 'APPROVED' from generate_series(1, 20) g");
            db.dsl().execute("insert into redeem_codes (code, owner_id, max_uses, used_count, validity_days) "
                    + "select 'HUB' || lpad(g::text, 12, '0'), case when g % 2 = 0 then 1 else 2 + g % 19 end, 1, "
                    + "case when g % 3 = 0 then 0 else 1 end, 30 from generate_series(1, 120000) g");
        });
        db.dsl().execute("analyze");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void eachUsageIsOnePartialIndexRangeInTheListsOrder() {
        String shape = "select c.id from redeem_codes c where c.owner_id between 1 and 1 and c.id < 90000 and %s "
                + "order by c.owner_id desc, c.id desc limit 51";
        assertThat(plan(String.format(shape, "c.used_count = 0"))).contains("redeem_codes_owner_unused_idx")
                .doesNotContain("Seq Scan").doesNotContain("Sort");
        assertThat(plan(String.format(shape, "c.used_count > 0"))).contains("redeem_codes_owner_used_idx")
                .doesNotContain("Seq Scan").doesNotContain("Sort");
    }

    @Test
    void thePortAnswersOnlyTheCodesOfThatUsageNewestFirst() {
        Instant now = Instant.now();
        List<CodeView> unused = db.records().codes(new UserId(1), new CodeFilter(Optional.empty(), Optional.empty(),
                Optional.of(CodeUsage.UNUSED)), now, Optional.of(new RedeemCodeId(100)), 10);
        assertThat(unused).extracting(c -> c.id().value()).containsExactly(96L, 90L, 84L, 78L, 72L, 66L, 60L, 54L, 48L, 42L);
        assertThat(unused).allSatisfy(c -> assertThat(c.usedCount()).isZero());
        List<CodeView> used = db.records().codes(new UserId(1), new CodeFilter(Optional.empty(), Optional.empty(),
                Optional.of(CodeUsage.USED)), now, Optional.of(new RedeemCodeId(20)), 10);
        assertThat(used).extracting(c -> c.id().value()).containsExactly(16L, 14L, 10L, 8L, 4L, 2L);
    }

    private static String plan(String sql) {
        return String.join("\n", db.dsl().fetch("explain " + sql).getValues(0, String.class));
    }
}
