package io.invitehub.adapter.out.persistence;

import io.invitehub.application.settlement.view.LedgerEntryView;
import io.invitehub.domain.settlement.LedgerKind;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger filtered by kind ({@code GET /me/ledger?kind=}, ADR 37) reads the kind index (V55) and a bounded number of
 * index entries: one distributor holds 150 000 entries of the bulk kind (adjustments stand in for the charges, which
 * need an invitation each) and a few dozen payments and refunds, among 19 others; the tables are analysed, so the
 * plans are the planner's real choice.
 */
class LedgerKindPlansTest {
    private static final long BIG = 1;
    private static final long OLD = 21;
    private static JooqPersistence db;

    @BeforeAll
    static void seed() {
        db = TestPostgres.freshPersistence();
        db.dsl().execute("insert into users (username, password_hash, role, approval) "
                + "select 'd' || g, 'x', 'DISTRIBUTOR', 'APPROVED' from generate_series(1, 21) g");
        String entry = "insert into ledger_entries (distributor_id, kind, amount_minor, balance_minor, currency, period, occurred_at, reason) ";
        // a distributor active only at the start: its 3 000 entries have the table's lowest ids
        db.dsl().execute(entry + "select " + OLD + ", 'ADJUSTMENT', 100, 100, 'CNY', date '2024-01-01', now(), 'x' from generate_series(1, 3000) g");
        // the big one's bulk entries over 24 months, interleaved with 50 000 of the 19 others; then its payments and refunds
        db.dsl().execute(entry + "select case when g % 4 = 0 then 2 + g % 19 else 1 end, 'ADJUSTMENT', 100, 100, 'CNY', "
                + "date '2024-01-01' + ((g / 8334) || ' months')::interval, now(), 'x' from generate_series(1, 200000) g");
        db.dsl().execute(entry + "select 1, case when g % 2 = 0 then 'PAYMENT' else 'REFUND' end, 500, -500, 'CNY', "
                + "date '2024-01-01' + ((g / 3) || ' months')::interval, now(), 'r' from generate_series(1, 60) g");
        db.dsl().execute("analyze");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void oneRareKindIsABackwardScanOfTheKindIndex() {
        String plan = plan(Set.of(LedgerKind.PAYMENT), Optional.empty(), Optional.empty());
        assertThat(plan).contains("ledger_entries_distributor_kind_idx").doesNotContain("Seq Scan on ledger_entries");
        assertThat(readEntries(plan)).as(plan).isLessThanOrEqualTo(2 * 51 + 51);
    }

    @Test
    void twoKindsMergeTwoBoundedScansAndTheNextPageToo() {
        Set<LedgerKind> kinds = EnumSet.of(LedgerKind.PAYMENT, LedgerKind.ADJUSTMENT);
        long before = db.dsl().fetchSingle("select max(id) - 1000 from ledger_entries where distributor_id = 1").get(0, Long.class);
        for (Optional<Long> cursor : List.of(Optional.<Long>empty(), Optional.of(before))) {
            String plan = plan(kinds, Optional.empty(), cursor);
            assertThat(plan).contains("ledger_entries_distributor_kind_idx").doesNotContain("Seq Scan on ledger_entries");
            // each branch stops at its limit: never the 150 000 bulk entries
            assertThat(readEntries(plan)).as(plan).isLessThanOrEqualTo(4 * 51);
        }
    }

    @Test
    void aKindWithinAMonthStaysBounded() {
        String plan = plan(Set.of(LedgerKind.REFUND), Optional.of(YearMonth.of(2024, 5)), Optional.empty());
        assertThat(plan).doesNotContain("Seq Scan on ledger_entries");
        assertThat(readEntries(plan)).as(plan).isLessThan(1_000);
    }

    @Test
    void theBulkKindWithinAMonthStaysBounded() {
        String plan = plan(Set.of(LedgerKind.ADJUSTMENT), Optional.of(YearMonth.of(2024, 5)), Optional.empty());
        assertThat(plan).doesNotContain("Seq Scan on ledger_entries");
        assertThat(readEntries(plan)).as(plan).isLessThan(1_000);
    }

    @Test
    void everyKindOfAnOldMonthReadsThatMonthNotTheTableFromItsEnd() {
        String plan = plan(Set.of(), Optional.of(YearMonth.of(2024, 5)), Optional.empty());
        assertThat(plan).doesNotContain("Seq Scan on ledger_entries");
        assertThat(readEntries(plan)).as(plan).isLessThan(1_000);
    }

    @Test
    void theWholeLedgerOfADistributorWhoseEntriesAreAllOldReadsItsOwnEntriesNotTheTableFromItsEnd() {
        String plan = plan(OLD, Set.of(), Optional.empty(), Optional.empty());
        assertThat(plan).doesNotContain("Seq Scan on ledger_entries");
        assertThat(readEntries(plan)).as(plan).isLessThan(1_000);
    }

    @Test
    void thePagesOfAFilterAreNewestFirstOfThoseKindsOnly() {
        JooqLedger ledger = (JooqLedger) db.ledger();
        Set<LedgerKind> kinds = EnumSet.of(LedgerKind.PAYMENT, LedgerKind.REFUND);
        List<LedgerEntryView> first = ledger.entries(new UserId(BIG), Optional.empty(), kinds, Optional.empty(), 25);
        List<LedgerEntryView> second = ledger.entries(new UserId(BIG), Optional.empty(), kinds, Optional.of(first.get(24).id()), 25);
        List<LedgerEntryView> third = ledger.entries(new UserId(BIG), Optional.empty(), kinds, Optional.of(second.get(24).id()), 25);
        List<Long> all = db.dsl().fetch("select id from ledger_entries where distributor_id = 1 and kind in ('PAYMENT', 'REFUND') order by id desc")
                .getValues(0, Long.class);
        List<Long> paged = java.util.stream.Stream.of(first, second, third).flatMap(List::stream).map(LedgerEntryView::id)
                .collect(Collectors.toList());
        assertThat(paged).isEqualTo(all);
        assertThat(third).hasSize(10);
    }

    /** The executed plan of the adapter's SQL, with the rows each node returned. */
    private static String plan(Set<LedgerKind> kinds, Optional<YearMonth> period, Optional<Long> before) {
        return plan(BIG, kinds, period, before);
    }

    private static String plan(long distributor, Set<LedgerKind> kinds, Optional<YearMonth> period, Optional<Long> before) {
        JooqLedger.KindPage q = JooqLedger.page(new UserId(distributor), period, kinds, before, 51);
        return String.join("\n", db.dsl().fetch("explain (analyze, costs off, timing off, summary off) " + q.sql(), q.binds().toArray())
                .getValues(0, String.class));
    }

    /** The index entries the scans on ledger_entries returned or read and removed by a filter, summed over the plan. */
    private static long readEntries(String plan) {
        long rows = 0;
        boolean inScan = false;
        java.util.regex.Pattern scan = java.util.regex.Pattern.compile(
                "Scan(?: Backward)? using ledger_entries_\\w+ on ledger_entries.*\\(actual rows=(\\d+)(?:\\.\\d+)? loops=(\\d+)\\)");
        java.util.regex.Pattern removed = java.util.regex.Pattern.compile("Rows Removed by Filter: (\\d+)");
        for (String line : plan.split("\n")) {
            java.util.regex.Matcher m = scan.matcher(line);
            if (m.find()) {
                rows += Long.parseLong(m.group(1)) * Long.parseLong(m.group(2));
                inScan = true;
                continue;
            }
            java.util.regex.Matcher r = removed.matcher(line);
            if (inScan && r.find()) {
                rows += Long.parseLong(r.group(1));
            } else if (line.contains("->")) {
                inScan = false;
            }
        }
        return rows;
    }
}
