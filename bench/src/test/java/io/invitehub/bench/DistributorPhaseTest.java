package io.invitehub.bench;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import io.invitehub.adapter.out.security.BcryptPasswordHasher;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.distributors.view.PeriodCounts;
import io.invitehub.bench.dataset.DatasetSeeder;
import io.invitehub.bench.dataset.DistributorCodes;
import io.invitehub.bootstrap.InviteHub;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;
import io.invitehub.library.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's distributor-code phase (issue 17, phase 5): which distributors it redeems for and how many codes each
 * gets; the check that each owner's summary moved by exactly its redemptions, shown to fail on a summary that moved by
 * one too few and on a count that does not add up; and the phase for real — a small seeded dataset (scale 0.001) on
 * the test PostgreSQL, the real service, the load generator in its own JVM for a short window — after which every
 * owner's summary moved by exactly its redemptions and their sum is the load generator's successes. No timing is
 * asserted.
 */
class DistributorPhaseTest {
    @TempDir
    Path dir;

    private static DistributorCodes.Owner owner(long id, long codes) {
        return new DistributorCodes.Owner(id, "bench-d" + id, codes);
    }

    @Test
    void theLargestAndASpreadOfTheTailAreChosenNeverTheTiny() {
        List<DistributorCodes.Owner> bySize = new java.util.ArrayList<>();
        bySize.add(owner(1, 20_000));
        for (long id = 3; id < 203; id++) {
            bySize.add(owner(id, 6_000 - id * 25));
        }
        bySize.add(owner(2, 10));

        List<DistributorCodes.Owner> chosen = DistributorPhase.choose(bySize, 1, 2, DistributorPhase.DISTRIBUTORS);

        // the largest, then the tail at ranks 0, 1, 2, 4, 8, 16, 32
        assertThat(chosen).extracting(DistributorCodes.Owner::id).containsExactly(1L, 3L, 4L, 5L, 7L, 11L, 19L, 35L);
        // a small dataset: the tail's first owns more than the largest, which still comes first; the tiny never
        assertThat(DistributorPhase.choose(List.of(owner(3, 140), owner(1, 100), owner(2, 10), owner(4, 50)), 1, 2, 8))
                .extracting(DistributorCodes.Owner::id).containsExactly(1L, 3L, 4L);
    }

    @Test
    void thePhaseIsOnByDefaultAndItsRowSaysWhatItMeasured() {
        assertThat(Bench.BenchOptions.parse(new String[0]).distributorCodes()).isTrue();
        assertThat(Bench.BenchOptions.parse(new String[] {"--no-distributor-codes"}).distributorCodes()).isFalse();
        assertThat(Bench.distributorMeasuredName(Duration.ofSeconds(10))).isEqualTo("distributor codes, after 10 s warm-up");
        assertThat(Bench.distributorMeasuredName(Duration.ZERO)).isEqualTo("distributor codes, cold (no warm-up)");
        assertThat(Bench.distributorMeasuredName(Duration.ofSeconds(120)).length()).as("fits the table's name column").isLessThanOrEqualTo(40);
        assertThat(CpuReport.lines(new CpuReport.Redemptions(1000, Duration.ofSeconds(20), OptionalLong.of(2_000_000_000L),
                OptionalLong.of(3_000_000_000L), 10, false, OptionalLong.of(500_000_000L), OptionalLong.empty()), "distributor-code redemption").get(0))
                .isEqualTo("CPU per successful distributor-code redemption (1000 in 20.0 s of load, CPU read at its start and end):");
    }

    @Test
    void codesAreSharedInProportionToWhatEachOwnsAndAddUp() {
        List<DistributorCodes.Owner> owners = List.of(owner(1, 20_000), owner(3, 5_000), owner(4, 1_000), owner(5, 7));

        int[] shares = DistributorPhase.allocate(owners, 90_000);

        assertThat(Arrays.stream(shares).sum()).isEqualTo(90_000);
        assertThat(shares[0]).isBetween(69_100, 69_300);
        assertThat(shares[1]).isBetween(17_200, 17_400);
        assertThat(shares[3]).as("even the smallest gets codes").isPositive();
        assertThat(DistributorPhase.allocate(owners, 4)).containsExactly(1, 1, 1, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DistributorPhase.allocate(owners, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DistributorSummary summary(long id, long active, long depleted, long attempts, long invited, long today) {
        Money price = Money.ofMinor(100, Money.CNY);
        return new DistributorSummary(new UserId(id), LocalDate.of(2026, 12, 7), ZoneId.of("Asia/Shanghai"), active + depleted + 5,
                active, depleted, 3, 2, attempts, invited, 0, 0, 0, price, price, new PeriodCounts(today, today, 0, 0),
                new PeriodCounts(today, 0, 0, 0), new PeriodCounts(today, 0, 0, 0));
    }

    @Test
    void theCheckWantsEverySummaryMovedByExactlyItsRedemptionsAndTheSumToBeTheSuccesses() {
        List<DistributorCodes.Owner> owners = List.of(owner(1, 20_000), owner(3, 5_000));
        Map<Long, DistributorSummary> before = Map.of(1L, summary(1, 1_000, 50, 50, 40, 0), 3L, summary(3, 300, 0, 0, 0, 0));
        Map<Long, DistributorSummary> after = Map.of(1L, summary(1, 900, 150, 150, 140, 100), 3L, summary(3, 290, 10, 10, 10, 10));

        DistributorPhase.Checked held = DistributorPhase.check(owners, before, after, Map.of(1L, 100L, 3L, 10L), 110, 0, true);
        assertThat(held.held()).as(String.join("\n", held.lines())).isTrue();
        assertThat(held.lines()).hasSize(3);
        assertThat(held.lines().get(1)).isEqualTo("  bench-d1 (20,000 codes seeded): 100 redeemed; summary moved by exactly that "
                + "(redeem_attempts +100, today.redeemed +100, active_codes -100, depleted_codes +100, total_codes +0, invites_sent_success +100)");

        // the second owner's summary counted one redemption too few
        Map<Long, DistributorSummary> short_ = Map.of(1L, after.get(1L), 3L, summary(3, 291, 9, 9, 9, 9));
        DistributorPhase.Checked broken = DistributorPhase.check(owners, before, short_, Map.of(1L, 100L, 3L, 10L), 110, 0, true);
        assertThat(broken.held()).isFalse();
        assertThat(broken.violations()).singleElement().asString().startsWith("bench-d3: redeem_attempts moved +9, expected +10");
        assertThat(broken.lines().get(0)).contains("INVARIANT BROKEN");

        // the codes redeemed do not add up to what the load generator saw succeed; a code over its uses
        assertThat(DistributorPhase.check(owners, before, after, Map.of(1L, 100L, 3L, 10L), 111, 0, true).violations())
                .containsExactly("codes redeemed (110) differ from successful redemptions (111)");
        assertThat(DistributorPhase.check(owners, before, after, Map.of(1L, 100L, 3L, 10L), 110, 1, true).violations())
                .containsExactly("1 code(s) over their uses");
        // before the dispatcher drained the invited count is not compared, and the line says so
        assertThat(DistributorPhase.check(owners, before, Map.of(1L, summary(1, 900, 150, 150, 40, 100), 3L, after.get(3L)),
                Map.of(1L, 100L, 3L, 10L), 110, 0, false).lines().get(1)).endsWith("invites_sent_success not compared (the dispatcher had not drained))");
    }

    @Test
    void thePhaseRedeemsDistributorCodesAndEachSummaryMovesByExactlyItsRedemptions() throws Exception {
        PersistenceSettings database = TestPostgres.freshDatabase();
        DatasetSeeder.Dataset dataset = DatasetSeeder.seed(database, 0.001, new BcryptPasswordHasher().hash(Bench.PASSWORD.toCharArray()));
        Map<String, String> env = new HashMap<>(Map.of("INVITEHUB_DATA_DIR", dir.resolve("data").toString(), "INVITEHUB_HTTP_PORT", "0",
                "INVITEHUB_DEMO", "false", "INVITEHUB_LIFECYCLE_INTERVAL", "6h", "INVITEHUB_SIM_MAX_LATENCY", "0ms",
                // as Bench's own service: the invariants read the public seat summary, which must not come from the cache
                "INVITEHUB_SEATS_CACHE_TTL", "1ms",
                "INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", "1000000", "INVITEHUB_REDEEM_PER_EMAIL_PER_MINUTE", "1000000",
                "INVITEHUB_SECRETS_KEY", Base64.getEncoder().encodeToString("invitehub-test-secrets-key-32-by".getBytes(StandardCharsets.US_ASCII))));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Bench bench = new Bench(Bench.BenchOptions.parse(new String[] {"--clients", "4", "--seconds", "2", "--warmup-seconds", "1"}),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        Bench.Distributed run;
        try (InviteHub hub = InviteHub.builder(Settings.from(env)).persistence(database).start()) {
            HttpClient client = LoadGenerator.client();
            run = bench.distributorRedemptions(hub, client, "http://127.0.0.1:" + hub.httpPort().orElseThrow(), null, dir.resolve("loadgen"),
                    OptionalLong.empty(), database, dataset, java.time.Instant.now());
        }
        String out = printed.toString(StandardCharsets.UTF_8);

        assertThat(run.checked().held()).as(out).isTrue();
        assertThat(out).doesNotContain("INVARIANT BROKEN").contains("distributor-code phase: created")
                .contains("after the distributor-code redemption load").contains("after the distributor-code phase the dispatcher had dispatched");
        assertThat(run.redeemed().successes()).as(out).isPositive();
        assertThat(run.redeemed().result().name()).isEqualTo("distributor codes, after 1 s warm-up");
        // one line per owner after the total: the largest first, and several owners redeemed, each moved by exactly its count
        List<String> owners = run.checked().lines().subList(1, run.checked().lines().size());
        assertThat(owners).hasSizeGreaterThanOrEqualTo(3).allMatch(l -> l.contains("summary moved by exactly that"));
        assertThat(owners.get(0)).startsWith("  bench-largest (1,000 codes seeded): ").doesNotContain(": 0 redeemed");
        assertThat(owners.stream().filter(l -> !l.contains(": 0 redeemed")).count()).as(out).isGreaterThanOrEqualTo(3);
        assertThat(run.checked().lines().get(0)).contains(String.format(java.util.Locale.ROOT, "%,d successful redemptions",
                run.redeemed().successes())).contains(", 0 codes over their uses");
    }
}
