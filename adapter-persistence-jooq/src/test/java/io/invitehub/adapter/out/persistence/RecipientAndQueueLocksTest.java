package io.invitehub.adapter.out.persistence;

import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamGroupId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two advisory locks of ADR 28 on real PostgreSQL, held by an open transaction: the recipient's
 * lock (taken with the code row by {@code lockForRedemption}) makes a second redemption to the same
 * e-mail wait until the first commits, and no other e-mail; the queue's lock (taken by creating a
 * WAITING invitation) makes a second WAITING invitation of the same queue wait, and no other queue.
 */
class RecipientAndQueueLocksTest {
    private static final long SHOWS_IT_WAITS_MS = 400;
    private static JooqPersistence db;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private int codeSerial;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void empty() {
        db.dsl().execute("truncate invitations, redeem_codes, teams, team_groups, users restart identity cascade");
    }

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
    }

    @Test
    void aSecondRedemptionToTheSameEmailWaitsForTheFirstAndAnotherEmailDoesNot() throws Exception {
        RedeemCode first = code(Optional.empty());
        RedeemCode second = code(Optional.empty());
        RedeemCode third = code(Optional.empty());
        holdInTransaction(() -> db.codes().lockForRedemption(first.id(), Email.of("alice@example.com")));

        Future<RedeemCode> sameEmail = inTransaction(() -> db.codes().lockForRedemption(second.id(), Email.of("alice@example.com")));
        Future<RedeemCode> otherEmail = inTransaction(() -> db.codes().lockForRedemption(third.id(), Email.of("bob@example.com")));

        assertThat(otherEmail.get(10, TimeUnit.SECONDS).id()).isEqualTo(third.id());
        assertThatThrownBy(() -> sameEmail.get(SHOWS_IT_WAITS_MS, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        release.countDown();
        assertThat(sameEmail.get(10, TimeUnit.SECONDS).id()).isEqualTo(second.id());
    }

    @Test
    void aSecondWaitingInvitationOfTheSameQueueWaitsForTheFirstAndAnotherQueueDoesNot() throws Exception {
        TeamGroupId gold = db.transactions().inTransaction(() -> db.teams().createGroup("gold"));
        RedeemCode first = code(Optional.empty());
        RedeemCode second = code(Optional.empty());
        RedeemCode grouped = code(Optional.of(gold));
        holdInTransaction(() -> db.invitations().create(waiting(first, "one@example.com")));

        Future<Long> sameQueue = inTransaction(() -> db.invitations().create(waiting(second, "two@example.com")).queueSeq().orElseThrow());
        Future<Long> otherQueue = inTransaction(() -> db.invitations().create(waiting(grouped, "three@example.com")).queueSeq().orElseThrow());

        assertThat(otherQueue.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThatThrownBy(() -> sameQueue.get(SHOWS_IT_WAITS_MS, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        release.countDown();
        assertThat(sameQueue.get(10, TimeUnit.SECONDS)).isNotNull();
        // the one that waited has the later sequence number: sequence order is commit order in a queue
        assertThat(db.dsl().fetch("select email from invitations where queue_group_id is null order by queue_seq")
                .getValues(0, String.class)).containsExactly("one@example.com", "two@example.com");
    }

    /** Runs {@code work} in a transaction on another thread that stays open until the test releases it. */
    private void holdInTransaction(Supplier<?> work) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        threads.submit(() -> db.transactions().inTransaction(() -> {
            work.get();
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).as("the first transaction holds its locks").isTrue();
    }

    private <T> Future<T> inTransaction(Supplier<T> work) {
        return threads.submit(() -> db.transactions().inTransaction(work));
    }

    private static NewInvitation waiting(RedeemCode code, String email) {
        return new NewInvitation(code.id(), Optional.empty(), Optional.empty(), Email.of(email), InvitationState.WAITING,
                false, true, Instant.now());
    }

    private RedeemCode code(Optional<TeamGroupId> group) {
        Code code = StatisticsRecount.counting("HQ" + io.invitehub.domain.code.CodeAlphabet.at(codeSerial++)).next();
        db.transactions().inTransaction(() -> db.codes().insertNew(List.of(code),
                new CodeTerms(Optional.empty(), 1, 30, Optional.empty(), group, 1, Optional.empty()), Instant.now()));
        return db.codes().findByCode(code).orElseThrow();
    }
}
