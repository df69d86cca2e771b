package io.invitehub.adapter.out.persistence;

import io.invitehub.domain.shared.Language;
import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.application.shared.port.out.OutgoingMail;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures behind the metrics (ADR 39): the trigger-kept invitations by state equal a count of the table
 * after concurrent redemptions (real threads), state changes and deletes; a writer never waits for a counter
 * row another transaction holds (ADR 28); the queue lengths equal the rows in each queue.
 */
class OperationalFiguresTest {
    private static JooqPersistence db;

    @BeforeEach
    void database() {
        db = TestPostgres.freshPersistence();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void invitationsByStateEqualTheTableUnderConcurrentWrites() throws Exception {
        User d = db.users().create("figures", "figures@dist.com", "x", Role.DISTRIBUTOR, Approval.APPROVED);
        db.transactions().inTransaction(() -> db.teams().create(new NewTeam("small", "acct-small", "cred", 30, Optional.empty())));
        int codeCount = 60;
        var generator = StatisticsRecount.counting("FG");
        List<Code> codes = new ArrayList<>();
        for (int i = 0; i < codeCount; i++) {
            codes.add(generator.next());
        }
        db.transactions().inTransaction(() -> db.codes().insertNew(codes,
                new CodeTerms(Optional.of(d.id()), 1, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()), Instant.now()));
        RedeemService redeem = new RedeemService(db.transactions(), db.codes(), db.codeUses(), db.invitations(), db.teams(),
                db.seats(), StatisticsRecount.unlimited(), StatisticsRecount.noWakeUps(), Clock.systemUTC(), RedemptionSettings.defaults(),
                new io.invitehub.application.recipients.service.RecipientPolicy(db.recipients(),
                        new io.invitehub.application.recipients.service.RecipientSettings(1_000_000, Duration.ZERO)));

        int threads = 8;
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        List<Throwable> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                try {
                    start.await();
                    for (int i = next.getAndIncrement(); i < codeCount; i = next.getAndIncrement()) {
                        redeem.redeem(new RedeemCommand(codes.get(i), Email.of("f" + i + "@example.com"), "10.0.0.1"));
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                } finally {
                    finished.countDown();
                }
            }).start();
        }
        start.countDown();
        assertThat(finished.await(120, TimeUnit.SECONDS)).isTrue();
        assertThat(unexpected).isEmpty();

        JooqOperationalFigures figures = db.operationalFigures();
        assertThat(figures.invitationsByState()).isEqualTo(counted());
        assertThat(figures.invitationsByState().get("RESERVED")).isEqualTo(30);
        assertThat(figures.invitationsByState().get("WAITING")).isEqualTo(30);

        db.dsl().execute("update invitations set state = 'INVITED', invited_at = now(), next_attempt_at = null "
                + "where id in (select id from invitations where state = 'RESERVED' order by id limit 10)");
        db.dsl().execute("update invitations set attempts = attempts + 1 where state = 'RESERVED'"); // no state change: no count moves
        db.dsl().execute("delete from invitations where id in (select id from invitations where state = 'WAITING' order by queue_seq desc limit 5)");
        assertThat(figures.invitationsByState()).isEqualTo(counted());
        assertThat(figures.invitationsByState()).containsEntry("INVITED", 10L).containsEntry("RESERVED", 20L).containsEntry("WAITING", 25L)
                .containsEntry("JOINED", 0L);

        JooqOperationalFigures.Queues queues = figures.queues(Instant.now().plusSeconds(3600));
        assertThat(queues.dispatch().length()).isEqualTo(20);
        assertThat(queues.dispatch().oldestDueAge()).as("an hour from now the oldest due invite is late").isGreaterThan(Duration.ofMinutes(59));
        assertThat(queues.waiting().length()).isEqualTo(25);
        assertThat(queues.removals().length()).isZero();
        assertThat(queues.removals().oldestDueAge()).isZero();
        assertThat(queues.fulfilment().length()).isZero();
        assertThat(queues.mail().length()).isZero();
        assertThat(queues.webhooks().length()).isZero();
        assertThat(figures.queues(Instant.EPOCH).dispatch().oldestDueAge()).as("nothing is due yet at the epoch").isZero();
    }

    /**
     * The state counts take no place in the lock order (ADR 28): with one transaction holding its counter row of
     * a state until it commits, another transaction changing the same state goes on at once (a wait here fails
     * with the lock timeout) — a writer that waited could close a cycle with the team or code locks it holds
     * (LockOrderConcurrencyTest's dispatcher pass saw 34 deadlocks so) — and the sum stays exact.
     */
    @Test
    void aWriterNeverWaitsForAnotherTransactionsCounterRow() throws Exception {
        db.dsl().execute("insert into teams (name, provider_account_id, max_seats) values ('held', 'acct-held', 10)");
        long team = db.dsl().fetchOne("select id from teams where provider_account_id = 'acct-held'").get(0, Long.class);
        db.dsl().execute("insert into redeem_codes (code, max_uses, used_count, validity_days) "
                + "select 'HLD' || g, 1, 1, 30 from generate_series(1, 2) g");
        String insert = "insert into invitations (code_id, team_id, email, state, created_at) select c.id, " + team
                + ", 'held-' || c.code || '@example.com', 'RESERVED', now() from redeem_codes c where c.code = ?";
        org.jooq.ConnectionProvider pool = db.dsl().configuration().connectionProvider();
        java.sql.Connection first = pool.acquire();
        java.sql.Connection second = pool.acquire();
        try {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try (java.sql.PreparedStatement s = first.prepareStatement(insert)) {
                s.setString(1, "HLD1");
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            long firstStripe = stripe(first);
            while (stripe(second) != firstStripe) { // the transaction the statistics would give the first one's stripe
                second.rollback();
            }
            try (java.sql.Statement timeout = second.createStatement()) {
                timeout.execute("set local lock_timeout = '2s'");
            }
            try (java.sql.PreparedStatement s = second.prepareStatement(insert)) {
                s.setString(1, "HLD2");
                assertThat(s.executeUpdate()).as("the second writer did not wait for the first one's counter row").isEqualTo(1);
            }
            second.commit();
            first.commit();
        } finally {
            first.setAutoCommit(true);
            second.setAutoCommit(true);
            pool.release(first);
            pool.release(second);
        }
        assertThat(db.operationalFigures().invitationsByState()).isEqualTo(counted()).containsEntry("RESERVED", 2L);
        assertThat(db.dsl().fetchOne("select count(*) from invitation_state_counts where state = 'RESERVED'").get(0, Long.class))
                .as("the second writer started a row of its own").isEqualTo(2L);
    }

    @Test
    void theMailOutboxIsAQueueUntilItsMailIsSent() {
        Instant queued = Instant.parse("2026-03-01T10:00:00Z");
        for (String to : List.of("one@example.com", "two@example.com", "three@example.com")) {
            db.transactions().inTransaction(() -> {
                db.mailOutbox().enqueue(new OutgoingMail(Email.of(to), Language.EN, MailTemplate.VERIFICATION_CODE,
                        Map.of("code", "123456", "minutes", "10")), queued);
                return null;
            });
        }
        db.dsl().execute("update mail_outbox set status = 'SENT', sealed_values = null where id = (select min(id) from mail_outbox)");

        JooqOperationalFigures.Queues queues = db.operationalFigures().queues(queued.plusSeconds(600));
        assertThat(queues.mail().length()).as("the two not sent yet").isEqualTo(2);
        assertThat(queues.mail().oldestDueAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(queues.webhooks().length()).isZero();
    }

    @Test
    void bulkInsertsAndDeletesAreCountedOncePerStatement() {
        Map<String, Long> before = db.operationalFigures().invitationsByState();
        db.dsl().execute("insert into teams (name, provider_account_id, max_seats) values ('bulk', 'acct-bulk', 1000)");
        long team = db.dsl().fetchOne("select id from teams where provider_account_id = 'acct-bulk'").get(0, Long.class);
        db.dsl().execute("insert into redeem_codes (code, max_uses, used_count, validity_days) "
                + "select 'BLK' || lpad(g::text, 12, '0'), 1, 1, 30 from generate_series(1, 20000) g");
        // one statement of 20 000 rows: counted by state in one pass over its rows (a row trigger on one counter row
        // would walk an ever longer chain of versions of it within the transaction)
        db.dsl().execute("insert into invitations (code_id, team_id, email, state, created_at, invited_at, ended_at) "
                + "select c.id, " + team + ", 'bulk' || c.id || '@example.com', "
                + "case when c.id % 4 = 0 then 'INVITED' else 'EXPIRED' end, now(), now(), case when c.id % 4 = 0 then null else now() end "
                + "from redeem_codes c where c.code like 'BLK%'");
        Map<String, Long> after = db.operationalFigures().invitationsByState();
        assertThat(after).isEqualTo(counted());
        assertThat(after.get("INVITED") + after.get("EXPIRED") - before.get("INVITED") - before.get("EXPIRED")).isEqualTo(20_000);

        db.dsl().execute("delete from invitations where email like 'bulk%' and state = 'EXPIRED'");
        assertThat(db.operationalFigures().invitationsByState()).isEqualTo(counted());
    }

    /** The transaction's stripe of the distributor statistics (statistics_stripe(): its id modulo 16). */
    private static long stripe(java.sql.Connection c) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery("select txid_current() % 16")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Map<String, Long> counted() {
        Map<String, Long> counts = new TreeMap<>();
        for (String state : new String[] {"WAITING", "RESERVED", "INVITED", "JOINED", "REMOVING", "CANCELLED", "FAILED", "REMOVED", "EXPIRED",
                "REBOUND"}) {
            counts.put(state, 0L);
        }
        db.dsl().fetch("select state, count(*) as n from invitations group by state")
                .forEach(r -> counts.put(r.get("state", String.class), r.get("n", Long.class)));
        return counts;
    }
}
