package io.invitehub.adapter.out.persistence;

import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reservation that waits for a locked team and finds it full once its holder commits keeps no lock on
 * it (ADR 28, level 4): PostgreSQL keeps the row lock of a waiting {@code FOR UPDATE} whose re-check
 * fails, so the wait runs in a savepoint that is rolled back. Without it, a transaction could hold a full
 * team while it waits for another, and two such transactions could wait for each other.
 */
class SeatWaitLocksTest {
    private static JooqPersistence db;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final CountDownLatch releaseSecond = new CountDownLatch(1);

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @AfterEach
    void stop() {
        releaseFirst.countDown();
        releaseSecond.countDown();
        threads.shutdownNow();
    }

    @Test
    void aReservationThatWaitedForATeamThatFilledUpHoldsNoLockOnIt() throws Exception {
        Team team = db.transactions().inTransaction(() -> db.teams().create(new NewTeam("last seat", "acct-last", "t", 1, Optional.empty())));
        CountDownLatch firstHoldsTheSeat = new CountDownLatch(1);
        threads.submit(() -> db.transactions().inTransaction(() -> {
            assertThat(db.seats().reserveSeat(Optional.empty(), AllocationPolicy.FILL_FIRST)).isPresent();
            firstHoldsTheSeat.countDown();
            await(releaseFirst);
        }));
        assertThat(firstHoldsTheSeat.await(10, TimeUnit.SECONDS)).isTrue();

        // the second sees a team with room (the first has not committed), waits for it, finds it full
        CompletableFuture<Optional<SeatReservation>> second = new CompletableFuture<>();
        threads.submit(() -> db.transactions().inTransaction(() -> {
            second.complete(db.seats().reserveSeat(Optional.empty(), AllocationPolicy.FILL_FIRST));
            await(releaseSecond); // stays open: whatever it still locks stays locked
        }));
        Thread.sleep(300);
        assertThat(second).as("waits for the first one's team").isNotDone();
        releaseFirst.countDown();

        assertThat(second.get(10, TimeUnit.SECONDS)).isEmpty();
        // while the second transaction is still open, the team row is free
        String locked = db.transactions().inTransaction(() -> db.dsl()
                .fetch("select name from teams where id = ? for update nowait", team.id().value()).get(0).get(0, String.class));
        assertThat(locked).isEqualTo("last seat");
        assertThat(db.dsl().fetchValue("select seats_reserved from teams where id = " + team.id().value(), Integer.class))
                .isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
