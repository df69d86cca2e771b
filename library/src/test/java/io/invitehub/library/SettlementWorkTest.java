package io.invitehub.library;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.TestPostgres;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly settlement statements (ADR 37) are background work of the library like the others (ADR 38): one
 * pass of {@link InviteHubLibrary#runBackgroundWorkOnce()} writes them under the job's lease (once per
 * {@code INVITEHUB_SETTLEMENT_INTERVAL}), and their thread exists only after {@link InviteHubLibrary#startWorkers()}.
 */
class SettlementWorkTest {
    private static final String SECRETS_KEY = Base64.getEncoder().encodeToString("settlement-work-test-secrets-32b".getBytes());

    @Test
    void aBackgroundPassWritesTheEndedMonthsStatementsOncePerIntervalAndNoThreadRunsUntilStarted() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-10T01:00:00Z"));
        SimulatedTeamProvider provider = new SimulatedTeamProvider(SimulationSettings.defaults(), clock, new Random(7));
        try (JooqPersistence db = TestPostgres.freshPersistence();
             InviteHubLibrary hub = InviteHubLibrary.builder().persistence(db).teamProvider(provider).secretsKey(SECRETS_KEY)
                     .clock(clock).build()) {
            assertThat(settlementThreads()).as("building the library starts no settlement thread").isEmpty();
            UserId admin = hub.accounts().ensureAdmin("admin", "admin-password".toCharArray()).orElseThrow().id();
            UserId distributor = hub.distributors().create(Actor.system(), "dist-w", "dist-w@example.com", "dist-w-pw".toCharArray()).id();
            hub.settlement().adjust(admin, distributor, 400, "setup fee");

            assertThat(hub.runBackgroundWorkOnce().statementsWritten()).as("November is still running: nothing to write").isZero();
            assertThat(hub.settlementQueries().statements(admin, distributor)).allMatch(s -> s.id().isEmpty());

            clock.set(Instant.parse("2026-12-02T01:00:00Z"));
            assertThat(hub.runBackgroundWorkOnce().statementsWritten()).as("November ended: its statement is written").isEqualTo(1);
            assertThat(hub.settlementQueries().statements(admin, distributor)).anyMatch(s -> s.id().isPresent()
                    && s.period().toString().equals("2026-11") && s.totals().closing() == 400);

            clock.advance(Duration.ofMinutes(5));
            assertThat(hub.runBackgroundWorkOnce().statementsWritten()).as("the interval's lease is taken: the next pass skips the job")
                    .isZero();
            assertThat(hub.settlement().writeStatements()).as("by hand it still runs (refreshes the OPEN statement)").isEqualTo(1);
            assertThat(settlementThreads()).as("passes run on the caller's thread").isEmpty();
        }

        try (JooqPersistence db = TestPostgres.freshPersistence();
             InviteHubLibrary hub = InviteHubLibrary.builder().persistence(db).teamProvider(provider).secretsKey(SECRETS_KEY)
                     .clock(clock).build()) {
            hub.startWorkers();
            assertThat(settlementThreads()).as("startWorkers starts the monthly job").isNotEmpty();
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!settlementThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(settlementThreads()).as("close() stops it").isEmpty();
    }

    private static Set<String> settlementThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.equals("settlement")).collect(Collectors.toSet());
    }
}
