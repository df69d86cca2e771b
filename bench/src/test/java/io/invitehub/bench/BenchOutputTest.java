package io.invitehub.bench;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bench prints around its figures (issue 17): the redemption figure as a share of the TPC-B measured in
 * the same run, or why TPC-B was not measured; and the in-process service's access log kept out of the output.
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
}
