package io.invitehub.adapter.out.provider.simulated;

import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.team.TeamAccount;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.invitehub.adapter.out.provider.simulated.SimulatedTeamProviderTest.account;
import static io.invitehub.adapter.out.provider.simulated.SimulatedTeamProviderTest.assertError;
import static io.invitehub.adapter.out.provider.simulated.SimulatedTeamProviderTest.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedFaultsTest {
    private static final int CALLS = 2_000;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final TeamAccount team = account("ws-f");

    private SimulatedTeamProvider provider(SimulationSettings settings, long seed) {
        return new SimulatedTeamProvider(settings, clock, new Random(seed));
    }

    @Test
    void transientRateOneAlwaysFailsTransientAndNeverReachesTheWorkspace() {
        SimulatedTeamProvider provider = provider(SimulationSettings.defaults().withTransientErrorRate(1.0), 7);

        for (int i = 0; i < 200; i++) {
            assertError(() -> provider.invite(team, List.of(email("a"))), ProviderError.TRANSIENT);
        }
        assertThat(provider.inviteCalls()).isZero();
        assertThat(provider.callCount()).isEqualTo(200);
        assertThat(provider.pendingInvites("ws-f")).isEmpty();
    }

    @Test
    void rateLimitedRateOneAlwaysFailsRateLimitedWithTheConfiguredRetryAfter() {
        Duration retryAfter = Duration.ofSeconds(42);
        SimulatedTeamProvider provider = provider(SimulationSettings.defaults().withRateLimit(1.0, retryAfter), 7);

        for (int i = 0; i < 200; i++) {
            assertThatThrownBy(() -> provider.listPendingInvites(team))
                    .isInstanceOfSatisfying(TeamProviderException.class, e -> {
                        assertThat(e.error()).isEqualTo(ProviderError.RATE_LIMITED);
                        assertThat(e.error().isRetryable()).isTrue();
                        assertThat(e.retryAfter()).contains(retryAfter);
                    });
        }
    }

    @Test
    void transientFailuresCarryNoRetryAfter() {
        SimulatedTeamProvider provider = provider(SimulationSettings.defaults().withTransientErrorRate(1.0), 7);

        assertThatThrownBy(() -> provider.verify(team))
                .isInstanceOfSatisfying(TeamProviderException.class, e -> assertThat(e.retryAfter()).isEmpty());
    }

    @Test
    void ratesZeroNeverFailEvenWithAnActiveGeneratorAndLatencyRange() {
        SimulationSettings settings = SimulationSettings.defaults()
                .withTransientErrorRate(0.0).withRateLimit(0.0, Duration.ofSeconds(1)).withTimeouts(0.0, Duration.ofSeconds(5))
                .withLatency(Duration.ZERO, Duration.ofNanos(1_000));
        SimulatedTeamProvider provider = provider(settings, 7);
        provider.registerWorkspace("ws-f", CALLS);

        int sent = 0;
        for (int i = 0; i < CALLS; i++) {
            sent += provider.invite(team, List.of(email("z" + i))).get(0).isSent() ? 1 : 0;
        }
        assertThat(sent).isEqualTo(CALLS);
        assertThat(provider.inviteCalls()).isEqualTo(CALLS);
        assertThat(provider.pendingInvites("ws-f")).hasSize(CALLS);
    }

    @Test
    void timeoutSleepsTheConfiguredTimeoutThenFailsTransient() {
        Duration timeout = Duration.ofMillis(150);
        SimulatedTeamProvider provider = provider(SimulationSettings.defaults().withTimeouts(1.0, timeout), 7);

        long started = System.nanoTime();
        assertThatThrownBy(() -> provider.invite(team, List.of(email("a"))))
                .isInstanceOfSatisfying(TeamProviderException.class, e -> {
                    assertThat(e.error()).isEqualTo(ProviderError.TRANSIENT);
                    assertThat(e.getMessage()).endsWith("timeout");
                });
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(150);
        assertThat(provider.inviteCalls()).isZero();
    }

    @Test
    void interruptedTimeoutFailsTransientAndKeepsTheInterruptFlag() throws Exception {
        SimulatedTeamProvider provider = provider(SimulationSettings.defaults().withTimeouts(1.0, Duration.ofMinutes(5)), 7);
        List<Object> outcome = new ArrayList<>();
        Thread caller = new Thread(() -> {
            try {
                provider.verify(team);
            } catch (TeamProviderException e) {
                outcome.add(e.error());
                outcome.add(Thread.currentThread().isInterrupted());
            }
        });

        caller.start();
        Thread.sleep(50);
        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(outcome).containsExactly(ProviderError.TRANSIENT, true);
    }

    @Test
    void latencyIsSleptBeforeEveryCall() {
        SimulatedTeamProvider provider = provider(
                SimulationSettings.defaults().withLatency(Duration.ofMillis(20), Duration.ofMillis(30)), 7);

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            provider.seatCount(team);
        }
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(100);
    }

    @Test
    void seededMixedRunProducesExactlyTheCountsOfItsSeedAndPlausibleRates() {
        SimulationSettings settings = SimulationSettings.defaults()
                .withRateLimit(0.10, Duration.ofSeconds(3))
                .withTimeouts(0.05, Duration.ZERO)
                .withTransientErrorRate(0.20);
        long seed = 20250101L;

        Map<Outcome, Integer> counts = run(provider(settings, seed));

        // Independent oracle of the documented rule: one uniform draw per call, bands in the order
        // rate limit, timeout, transient.
        Map<Outcome, Integer> expected = new EnumMap<>(Outcome.class);
        Random oracle = new Random(seed);
        for (int i = 0; i < CALLS; i++) {
            double r = oracle.nextDouble();
            Outcome o = r < 0.10 ? Outcome.RATE_LIMITED : r < 0.15 ? Outcome.TIMEOUT : r < 0.35 ? Outcome.TRANSIENT : Outcome.OK;
            expected.merge(o, 1, Integer::sum);
        }
        assertThat(counts).isEqualTo(expected);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CALLS);
        // and the rates are what was asked for (5 sigma bands on 2000 calls)
        assertThat(counts.get(Outcome.RATE_LIMITED)).isBetween(133, 267);
        assertThat(counts.get(Outcome.TIMEOUT)).isBetween(51, 149);
        assertThat(counts.get(Outcome.TRANSIENT)).isBetween(311, 489);
        assertThat(counts.get(Outcome.OK)).isBetween(1193, 1407);
        // the same seed replays the same run
        assertThat(run(provider(settings, seed))).isEqualTo(counts);
    }

    @Test
    void settingsChangedAtRuntimeApplyToTheNextCall() {
        SimulatedTeamProvider provider = provider(SimulationSettings.defaults(), 7);
        provider.verify(team);

        provider.setSettings(SimulationSettings.defaults().withTransientErrorRate(1.0));
        assertError(() -> provider.verify(team), ProviderError.TRANSIENT);

        provider.setSettings(SimulationSettings.defaults());
        provider.verify(team);
        assertThat(provider.callCount()).isEqualTo(3);
        assertThat(provider.settings()).isEqualTo(SimulationSettings.defaults());
    }

    @Test
    void settingsRefuseImpossibleValues() {
        SimulationSettings d = SimulationSettings.defaults();
        assertThatThrownBy(() -> d.withTransientErrorRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withTransientErrorRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withTransientErrorRate(0.6).withRateLimit(0.6, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withLatency(Duration.ofMillis(5), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withAcceptanceDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withDefaultSeats(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.withTransientErrorRate(0.5).withRateLimit(0.5, Duration.ZERO).injectsFaults()).isTrue();
    }

    private enum Outcome { OK, RATE_LIMITED, TIMEOUT, TRANSIENT }

    private Map<Outcome, Integer> run(SimulatedTeamProvider provider) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (int i = 0; i < CALLS; i++) {
            Outcome outcome;
            try {
                provider.verify(team);
                outcome = Outcome.OK;
            } catch (TeamProviderException e) {
                if (e.error() == ProviderError.RATE_LIMITED) {
                    outcome = Outcome.RATE_LIMITED;
                } else if (e.error() == ProviderError.TRANSIENT && e.getMessage().endsWith("timeout")) {
                    outcome = Outcome.TIMEOUT;
                } else if (e.error() == ProviderError.TRANSIENT) {
                    outcome = Outcome.TRANSIENT;
                } else {
                    throw e;
                }
            }
            counts.merge(outcome, 1, Integer::sum);
        }
        return counts;
    }
}
