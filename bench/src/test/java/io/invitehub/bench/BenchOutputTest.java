package io.invitehub.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bench prints around its figures (issue 17): the redemption figure as a share of the TPC-B measured in
 * the same run, or why TPC-B was not measured; the in-process service's access log kept out of the output; and the CPU
 * per redemption and per TPC-B transaction with their ratio, where the load generator runs and what was not measured.
 */
class BenchOutputTest {

    @Test
    void theRedemptionFigureIsGivenAsAShareOfTpcB() {
        assertThat(Bench.versusTpcB(405, OptionalDouble.of(2158), Bench.TPCB_NOT_FOUND))
                .isEqualTo("redemptions: 405/s ÷ TPC-B 2158 tps = 0.19 (issue 17 target ≥ 0.40: not met)");
        assertThat(Bench.versusTpcB(900, OptionalDouble.of(2000), Bench.TPCB_NOT_FOUND)).endsWith("= 0.45 (issue 17 target ≥ 0.40: met)");
    }

    @Test
    void withoutPgbenchTheBenchSaysTpcBWasNotMeasured() {
        assertThat(Bench.versusTpcB(405, OptionalDouble.empty(), Bench.TPCB_NOT_FOUND))
                .isEqualTo("redemptions: 405/s; TPC-B not measured (pgbench not found)");
        assertThat(Bench.versusTpcB(405, OptionalDouble.empty(), Bench.TPCB_NOT_WANTED)).endsWith("TPC-B not measured (--no-tpcb)");
        assertThat(Bench.BenchOptions.parse(new String[] {"--no-tpcb"}).tpcB()).isFalse();
        assertThat(Bench.BenchOptions.parse(new String[0]).tpcB()).isTrue();
    }

    @Test
    void theBenchKeepsTheAccessLogOutOfItsOutput() {
        org.slf4j.Logger access = org.slf4j.LoggerFactory.getLogger(Bench.ACCESS_LOG);
        ch.qos.logback.classic.Logger logback = (ch.qos.logback.classic.Logger) access;
        ch.qos.logback.classic.Level before = logback.getLevel();
        try {
            logback.setLevel(null);
            assertThat(access.isInfoEnabled()).as("the service's own configuration logs one INFO line per request").isTrue();

            assertThat(Bench.quietAccessLog()).isEqualTo("access log: io.invitehub.http.requests set to WARN in the bench "
                    + "(one INFO line per request otherwise)");

            assertThat(access.isInfoEnabled()).isFalse();
            assertThat(access.isWarnEnabled()).isTrue();
        } finally {
            logback.setLevel(before);
        }
    }

    private static final long S = 1_000_000_000L;

    @Test
    void theRedemptionFigureIsWarmedAndSaysSoAndTheReadsWantTenThousandAnswers() {
        Bench.BenchOptions defaults = Bench.BenchOptions.parse(new String[0]);
        assertThat(defaults.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.readSamples()).isEqualTo(10_000);
        assertThat(defaults.readDuration()).as("the time cap of one read route").isEqualTo(Duration.ofSeconds(60));
        Bench.BenchOptions cold = Bench.BenchOptions.parse(new String[] {"--warmup-seconds", "0", "--read-samples", "500", "--read-seconds", "5"});
        assertThat(cold.warmup()).isZero();
        assertThat(cold.readSamples()).isEqualTo(500);
        assertThat(defaults.readWarmup()).as("warm-up answers per read route (ADR 70)").isEqualTo(2_000);
        assertThat(Bench.BenchOptions.parse(new String[] {"--read-warmup", "0"}).readWarmup()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bench.BenchOptions.parse(new String[] {"--read-warmup", "-1"}))
                .hasMessageContaining("--read-warmup in [0, 100000]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bench.BenchOptions.parse(new String[] {"--read-samples", "0"}))
                .hasMessageContaining("--read-samples in [1, 1000000]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bench.BenchOptions.parse(new String[] {"--warmup-seconds", "-1"}))
                .hasMessageContaining("--warmup-seconds in [0, 120]");

        assertThat(Bench.measuredName(Duration.ofSeconds(10))).isEqualTo("POST /public/redeem, after 10 s warm-up");
        assertThat(Bench.measuredName(Duration.ZERO)).isEqualTo("POST /public/redeem, cold (no warm-up)");
        assertThat(Bench.measuredName(Duration.ofSeconds(120)).length()).as("fits the table's name column").isLessThanOrEqualTo(40);
        assertThat(Bench.notifyBeside(1_000).length()).as("fits the table's name column").isLessThanOrEqualTo(40);
        assertThat(Bench.notifyAlone(1_000).length()).isLessThanOrEqualTo(40);
        assertThat(Bench.notifySaturation(defaults.readClients() * 4)).isEqualTo("POST /shop/notify, saturation, 8 clients").hasSizeLessThanOrEqualTo(40);
        assertThat(defaults.notifyRate()).as("open-loop notifies per second (ADR 78)").isEqualTo(100);
        assertThat(Bench.notifyAlone(defaults.notifyRate())).isEqualTo("POST /shop/notify, alone, open 100/s");
        assertThat(Bench.BenchOptions.parse(new String[] {"--notify-rate", "250"}).notifyRate()).isEqualTo(250);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bench.BenchOptions.parse(new String[] {"--notify-rate", "0"}))
                .hasMessageContaining("--notify-rate in [1, 1000]");
        assertThat(NotifyLoad.openOrders(100)).as("2 000 notifies due over 20 s").isEqualTo(2_000);
        assertThat(NotifyLoad.openDuration(2_000, 100)).isEqualTo(Duration.ofSeconds(20));
        assertThat(NotifyLoad.openOrders(10)).as("at most 60 s of schedule").isEqualTo(600);
        assertThat(Bench.codesFor(Duration.ofSeconds(10), 1_000)).isEqualTo(30_000);
        assertThat(Bench.codesFor(Duration.ofSeconds(1), 5_000)).isEqualTo(5_000);
        assertThat(Bench.codesFor(Duration.ofSeconds(600), 5_000)).isEqualTo(300_000);
    }

    /** 1 000 redemptions: the service 12.8 s, PostgreSQL 5.3 s over 25 processes, the load generator 1.5 s (2.0 s in all). */
    private static CpuReport.Redemptions separate() {
        return new CpuReport.Redemptions(1000, Duration.ofMillis(20_040), OptionalLong.of(12_800_000_000L), OptionalLong.of(5_300_000_000L),
                26, false, OptionalLong.of(1_500_000_000L), OptionalLong.of(2 * S));
    }

    @Test
    void theCpuOfARedemptionIsGivenPerServerProcessAndForTheLoadGenerator() {
        assertThat(CpuReport.lines(separate())).containsExactly(
                "CPU per successful redemption (1000 in 20.0 s of load, CPU read at its start and end):",
                "  service JVM:    12.80 ms (12.8 s CPU) — the service alone, the load generator in its own JVM",
                "  PostgreSQL:     5.30 ms (5.3 s CPU) — the postmaster and its 25 processes",
                "  load generator: 1.50 ms (1.5 s CPU) — 2.00 ms with its JVM's start and exit");
    }

    @Test
    void inProcessTheLoadGeneratorIsCountedWithTheServiceAndSaidSo() {
        CpuReport.Redemptions r = new CpuReport.Redemptions(1000, Duration.ofSeconds(20), OptionalLong.of(14 * S), OptionalLong.of(5 * S), 26,
                true, OptionalLong.empty(), OptionalLong.empty());
        assertThat(CpuReport.lines(r)).contains(
                "  service JVM:    14.00 ms (14.0 s CPU) — the load generator included (--in-process-load)",
                "  load generator: in the service JVM (--in-process-load), not told apart");
        assertThat(CpuReport.ratio(r, Optional.of(new CpuReport.TpcB(10_000, OptionalLong.of(5 * S), OptionalLong.of(2 * S)))))
                .isEqualTo("CPU ratio (TPC-B ÷ redemption): servers alone 0.50 ms (PostgreSQL) ÷ 19.00 ms "
                        + "(service with the load generator + PostgreSQL) = 0.026");
        assertThat(Bench.BenchOptions.parse(new String[] {"--in-process-load"}).inProcessLoad()).isTrue();
        assertThat(Bench.BenchOptions.parse(new String[0]).inProcessLoad()).as("the load generator in its own JVM by default").isFalse();
    }

    @Test
    void aPostgresqlSettingCanBeTriedButNotOneThatGivesUpDurability() {
        assertThat(Bench.BenchOptions.parse(new String[] {"--pg-setting", "commit_delay=1000", "--pg-setting", "commit_siblings=2"})
                .serverSettings()).isEqualTo(java.util.Map.of("commit_delay", "1000", "commit_siblings", "2"));
        assertThat(Bench.BenchOptions.parse(new String[0]).serverSettings()).isEmpty();
        for (String refused : new String[] {"synchronous_commit=off", "fsync=off", "FULL_PAGE_WRITES=off", "commit_delay", "=1",
                "commit_delay=1 -c fsync=off"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bench.BenchOptions.parse(new String[] {"--pg-setting", refused}))
                    .as(refused).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--pg-setting");
        }
    }

    @Test
    void tpcBCostsArePerTransactionAndTheRatioComparesLikeWithLike() {
        CpuReport.TpcB tpcB = new CpuReport.TpcB(46_000, OptionalLong.of(23 * S), OptionalLong.of(8_280_000_000L));
        assertThat(CpuReport.line(tpcB)).isEqualTo("TPC-B CPU per transaction (46000): PostgreSQL 0.50 ms (23.0 s CPU), "
                + "pgbench 0.18 ms (8.3 s CPU)");
        // servers: 0.50 ÷ (12.8 + 5.3); with the clients: (0.50 + 0.18) ÷ (12.8 + 5.3 + 1.5)
        assertThat(CpuReport.ratio(separate(), Optional.of(tpcB))).isEqualTo("CPU ratio (TPC-B ÷ redemption): servers alone "
                + "0.50 ms (PostgreSQL) ÷ 18.10 ms (service + PostgreSQL) = 0.028; with the clients 0.68 ms ÷ 19.60 ms = 0.035 "
                + "(issue 17 target ≥ 0.40 in throughput)");
    }

    @Test
    void whatCouldNotBeMeasuredIsSaidNotGuessed() {
        CpuReport.Redemptions noProc = new CpuReport.Redemptions(1000, Duration.ofSeconds(20), OptionalLong.of(12 * S), OptionalLong.empty(), 0,
                false, OptionalLong.of(S), OptionalLong.empty());
        assertThat(CpuReport.lines(noProc)).contains("  PostgreSQL:     not measured (needs Linux's /proc)",
                "  load generator: 1.00 ms (1.0 s CPU)");
        assertThat(CpuReport.line(new CpuReport.TpcB(100, OptionalLong.empty(), OptionalLong.empty())))
                .isEqualTo("TPC-B CPU per transaction (100): PostgreSQL not measured (needs Linux's /proc), pgbench not measured (needs Linux's /proc)");
        assertThat(CpuReport.ratio(noProc, Optional.of(new CpuReport.TpcB(100, OptionalLong.of(S), OptionalLong.of(S))))).endsWith("not computed "
                + "(needs TPC-B, PostgreSQL's CPU and a successful redemption)");
        assertThat(CpuReport.ratio(separate(), Optional.empty())).contains("not computed");
        assertThat(CpuReport.lines(new CpuReport.Redemptions(0, Duration.ofSeconds(20), OptionalLong.of(S), OptionalLong.of(S), 3, false,
                OptionalLong.of(S), OptionalLong.empty()))).containsExactly("CPU per redemption: not computed (no successful redemption)");
        assertThat(CpuReport.line(new CpuReport.TpcB(0, OptionalLong.of(S), OptionalLong.of(S)))).contains("not computed");
    }

    @Test
    void eachReadGcLineSaysWhoseCollectionsItCountsAndTheLoadGeneratorsCpu() {
        assertThat(Bench.readClients(false, OptionalLong.of(1_500_000_000L), 10_000))
                .isEqualTo("; service JVM only (read clients in the load generator: 1.50 s CPU, 150.0 µs per answer)");
        assertThat(Bench.readClients(false, OptionalLong.empty(), 10_000))
                .isEqualTo("; service JVM only (read clients in the load generator, its CPU not reported)");
        assertThat(Bench.readClients(true, OptionalLong.empty(), 10_000)).isEqualTo("; service JVM with the read clients in it (--in-process-load)");
        assertThat(Bench.readClients(false, OptionalLong.of(5), 0)).as("no answer, no division").endsWith("0.0 µs per answer)");
    }
}
