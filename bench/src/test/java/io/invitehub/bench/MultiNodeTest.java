package io.invitehub.bench;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import io.invitehub.bench.dataset.NodeInvariants;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench --nodes 3} for real (issue 17): a small dataset on the test PostgreSQL, a real embedded Redis, three
 * service nodes as child JVMs on their own ports, three load generator JVMs; every invariant must hold over all
 * nodes. Then the checker is shown to fail: a code's {@code used_count} broken in SQL and a wrong success count are
 * flagged, and a lease taken while held is flagged by the lease check.
 */
class MultiNodeTest {
    @TempDir
    Path dir;

    @Test
    void threeNodesOnOnePostgresAndOneRedisKeepEveryInvariant() throws InterruptedException {
        PersistenceSettings database = TestPostgres.freshDatabase();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Bench.BenchOptions options = Bench.BenchOptions.parse(new String[] {"--scale", "0.001", "--clients", "6", "--seconds", "4"});
        List<NodeInvariants.Report> broken = new ArrayList<>();
        MultiNode.Outcome outcome = new MultiNode(3, options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run(
                new MultiNode.Databases(database, database), dir, false, (db, baseline, successes) -> {
                    // a correct run, then the checker against the same data given a wrong count, then a broken row
                    broken.add(NodeInvariants.check(db, baseline, successes + 1));
                    try (CloseableDSLContext dsl = DSL.using(db.jdbcUrl(), db.user(), db.password())) {
                        assertThat(dsl.execute("update redeem_codes set used_count = 0 where id = (select code_id from invitations "
                                + "where created_at >= cast(? as timestamptz) and holds_use order by id limit 1)", baseline.at().toString())).isEqualTo(1);
                    }
                    broken.add(NodeInvariants.check(db, baseline, successes));
                });
        String out = printed.toString(StandardCharsets.UTF_8);

        assertThat(outcome.held()).as(out).isTrue();
        assertThat(outcome.successes()).as(out).isPositive().isEqualTo(outcome.invariants().invitationsCreated());
        assertThat(outcome.invariants().reservedLeft()).isZero();
        assertThat(outcome.leases().grants()).as(out).containsKey("maintenance:statistics");
        assertThat(outcome.summariesAgree()).as(out).isTrue();
        assertThat(out).contains("functional run, 3 nodes: every invariant held", "node 1: pid", "node 2: pid", "node 3: pid",
                MultiNode.FUNCTIONAL_ONLY);

        assertThat(broken.get(0).held()).isFalse();
        assertThat(broken.get(0).violations()).anyMatch(v -> v.startsWith("seats taken"));
        assertThat(broken.get(1).held()).isFalse();
        assertThat(broken.get(1).violations()).containsExactly(
                "1 code(s) whose used_count differs from the invitations holding a use");
    }

    @Test
    void theLeaseCheckFlagsASecondHolderAndAWatchThatSawNothing() {
        List<LeaseWatch.Event> oneAtATime = List.of(new LeaseWatch.Event("maintenance:statistics", "set"),
                new LeaseWatch.Event("maintenance:statistics", "expire"), new LeaseWatch.Event("maintenance:statistics", "expired"),
                new LeaseWatch.Event("maintenance:statistics", "set"), new LeaseWatch.Event("lifecycle:expiry", "set"),
                new LeaseWatch.Event("lifecycle:expiry", "del"), new LeaseWatch.Event("lifecycle:expiry", "set"),
                new LeaseWatch.Event("acceptance-sync:team-1", "set"), new LeaseWatch.Event("acceptance-sync:team-12", "set"));
        LeaseWatch.Report ok = LeaseWatch.check(oneAtATime);
        assertThat(ok.held()).isTrue();
        assertThat(ok.grants()).containsEntry("maintenance:statistics", 2).containsEntry("lifecycle:expiry", 2);
        assertThat(ok.describe()).isEqualTo("acceptance-sync:team-* 2 over 2 keys, lifecycle:expiry 2, maintenance:statistics 2");

        List<LeaseWatch.Event> twoHolders = new ArrayList<>(oneAtATime);
        twoHolders.add(new LeaseWatch.Event("lifecycle:expiry", "set"));
        LeaseWatch.Report broken = LeaseWatch.check(twoHolders);
        assertThat(broken.held()).isFalse();
        assertThat(broken.overlaps()).containsExactly(java.util.Map.entry("lifecycle:expiry", 1));
        assertThat(broken.describe()).contains("lifecycle:expiry 3 (1 while held!)");

        assertThat(LeaseWatch.check(List.of()).held()).isFalse();
    }
}
