package io.invitehub.adapter.out.persistence;

import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.application.recipients.service.RecipientSettings;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one redemption costs PostgreSQL (docs/performance.md, ADR 23, ADR 64): the statements the adapters send
 * (each one round trip; the commit is one more) and the trigger functions they fire. One connection,
 * so the function counters of {@code pg_stat_user_functions} are this session's and can be flushed on
 * demand. A distributor's code with an expiry, so every statistics trigger has work to do.
 */
class RedemptionRoundTripsTest {
    private static JooqPersistence db;
    private static final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    private RedeemService service;
    private User distributor;

    @BeforeAll
    static void database() {
        db = TestPostgres.connect(TestPostgres.freshDatabase().withMaxPoolSize(1));
        db.dsl().execute("set track_functions = 'all'");
        db.dsl().configuration().set(new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.add(ctx.sql());
            }
        }));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void service() {
        db.dsl().execute("truncate invitations, redeem_codes, teams, team_groups, users restart identity cascade");
        WakeUps ignored = new WakeUps() {
            @Override
            public void signal(Work work) {
            }

            @Override
            public boolean await(Work work, Duration max) {
                return false;
            }
        };
        service = new RedeemService(db.transactions(), db.codes(), db.codeUses(), db.invitations(), db.teams(), db.seats(),
                io.invitehub.application.fakes.InMemoryRateLimiter.unlimited(), ignored, Clock.systemUTC(),
                RedemptionSettings.defaults(), new RecipientPolicy(db.recipients(), new RecipientSettings(3, Duration.ZERO)));
        distributor = db.users().create("d", "d@dist.com", "x", Role.DISTRIBUTOR, Approval.APPROVED);
        db.transactions().inTransaction(() -> db.teams().create(new NewTeam("t1", "acct-t1", "token", 10, Optional.empty())));
    }

    @Test
    void aNewRedemptionWithASeatIsOneStatementAndOneCommit() {
        Code code = code("HUB", "AAAAAAAAAAB");

        Cost cost = measure(() -> service.redeem(new RedeemCommand(code, Email.of("alice@example.com"), "10.0.0.1")),
                r -> assertThat(r.invitation().state()).isEqualTo(InvitationState.RESERVED));

        // redeem_new (ADR 64): findByCode, lock, open invitations of the e-mail, recipient screening, use + bind,
        // queue check + seat and insert run inside the one function call
        assertThat(cost.statements()).as(cost.sql()).hasSize(1);
        assertThat(cost.statements().get(0)).startsWith("select r.out_outcome").contains("from redeem_new(");
        // one run of each row trigger (one code update, one invitation insert) and the rollup upserts they need,
        // and the invitation insert's statement trigger of the state counts with its one count added (ADR 39)
        // (SQL functions such as statistics_stripe() are inlined and not counted)
        // (redeem_codes_member_ends is not called: its WHEN clause sees no change of the membership end, ADR 63)
        // (statistics_add once, for the code's use: a RESERVED invitation's insert changes none of the distributor's
        // totals — no invite sent, accepted, active or removed yet — so its trigger does not call it, ADR 79)
        Map<String, Long> functions = new TreeMap<>(cost.functions());
        assertThat(functions.remove("redeem_new")).isEqualTo(1L);
        assertThat(functions).containsExactlyInAnyOrderEntriesOf(Map.of(
                "redeem_codes_statistics", 1L,
                "invitations_member_ends_on_insert", 1L, "invitations_statistics", 1L,
                "statistics_add", 1L, "statistics_add_expiry", 1L, "statistics_add_daily", 1L, "statistics_day", 1L,
                "invitation_state_counts_inserted", 1L, "invitation_state_count_add", 1L));
    }

    /**
     * With the webhook outbox (ADR 42), as the service runs: one statement more, and with no endpoint
     * subscribed it writes nothing.
     */
    @Test
    void theWebhookOutboxCostsOneStatementAndWritesNothingWithoutSubscribers() {
        RedeemService withEvents = new RedeemService(db.transactions(), db.codes(), db.codeUses(), db.invitations(), db.teams(), db.seats(),
                io.invitehub.application.fakes.InMemoryRateLimiter.unlimited(), new WakeUps() {
                    @Override
                    public void signal(Work work) {
                    }

                    @Override
                    public boolean await(Work work, Duration max) {
                        return false;
                    }
                }, Clock.systemUTC(), RedemptionSettings.defaults(),
                new RecipientPolicy(db.recipients(), new RecipientSettings(3, Duration.ZERO)), db.webhookEvents());
        Code code = code("HUB", "AAAAAAAAAAD");

        Cost cost = measure(() -> withEvents.redeem(new RedeemCommand(code, Email.of("bob@example.com"), "10.0.0.1")),
                r -> assertThat(r.invitation().state()).isEqualTo(InvitationState.RESERVED));

        assertThat(cost.statements()).as(cost.sql()).hasSize(2);
        assertThat(cost.statements().get(1)).startsWith("with ep as");
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("webhook_events"))).isZero();
    }

    @Test
    void anIdempotentRepeatIsTheFunctionThatTakesNothingThenFourReads() {
        Code code = code("HUB", "AAAAAAAAAAC");
        service.redeem(new RedeemCommand(code, Email.of("alice@example.com"), "10.0.0.1"));

        Cost cost = measure(() -> service.redeem(new RedeemCommand(code, Email.of("alice@example.com"), "10.0.0.1")),
                r -> assertThat(r.repeated()).isTrue());

        // redeem_new answers "not taken" (ADR 64), then findByCode, lock, open invitations of the e-mail, the
        // team's name; nothing written
        assertThat(cost.statements()).as(cost.sql()).hasSize(5);
        assertThat(cost.statements().get(0)).contains("from redeem_new(");
        assertThat(cost.functions()).isEqualTo(Map.of("redeem_new", 1L));
    }

    /**
     * The JDBC driver prepares a statement on the server after a few executions, and PostgreSQL may
     * then switch to a generic plan, planned without the bound values: a bound {@code state = ?} can
     * no longer use a partial index {@code WHERE state = 'WAITING'}, and "is anyone waiting?" became a
     * sequential scan of every invitation (the bench's redemptions slowed down with the table's size).
     * Forced generic plans, then redemptions past the driver's threshold: no sequential scan of the big tables.
     */
    @Test
    void redemptionsNeverScanInvitationsOrCodesEvenWithGenericPlans() {
        db.dsl().execute("insert into redeem_codes (code, max_uses, used_count, validity_days, bound_email) "
                + "select 'HUB' || lpad(g::text, 12, '0'), 1, 1, 30, 'old' || g || '@example.com' from generate_series(1, 20000) g");
        db.dsl().execute("insert into invitations (code_id, email, state, created_at, ended_at, holds_use) "
                + "select g, 'old' || g || '@example.com', 'FAILED', now() - interval '2 days', now() - interval '2 days', false "
                + "from generate_series(1, 20000) g");
        db.dsl().execute("analyze");
        db.dsl().execute("set plan_cache_mode = force_generic_plan");
        try {
            Map<String, Long> before = seqScans();
            for (int i = 0; i < 8; i++) {
                Code code = code("HUB", "AAAAAAAAB" + "CDEFGHJKMN".charAt(i) + "P");
                assertThat(service.redeem(new RedeemCommand(code, Email.of("new" + i + "@example.com"), "10.0.0.1"))
                        .invitation().state()).isEqualTo(InvitationState.RESERVED);
            }
            assertThat(seqScans()).isEqualTo(before);
        } finally {
            db.dsl().execute("reset plan_cache_mode");
        }
    }

    /**
     * The dispatcher's share (ADR 56): twenty RESERVED invitations, ten in each of two teams, are one claim transaction
     * (select and update), one read of each team's account, one provider call of ten per team and one transaction per
     * call for their INVITED outcomes — three transactions, not twenty-one.
     */
    @Test
    void dispatchingTwentyInvitationsIsOneClaimAndOneTransactionPerProviderCall() {
        db.transactions().inTransaction(() -> db.teams().create(new NewTeam("t2", "acct-t2", "token", 10, Optional.empty())));
        for (int i = 0; i < 20; i++) {
            Code code = code("HUB", "AAAAAAAAC" + "CDEFGHJKMN".charAt(i % 10) + "PQ".charAt(i / 10));
            assertThat(service.redeem(new RedeemCommand(code, Email.of("d" + i + "@example.com"), "10.0.0.1"))
                    .invitation().state()).isEqualTo(InvitationState.RESERVED);
        }
        int[] transactions = {0};
        io.invitehub.application.shared.port.out.TransactionRunner counting = new io.invitehub.application.shared.port.out.TransactionRunner() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                transactions[0]++;
                return db.transactions().inTransaction(work);
            }
        };
        io.invitehub.application.fakes.ScriptedTeamProvider provider = new io.invitehub.application.fakes.ScriptedTeamProvider();
        io.invitehub.application.dispatch.service.InviteDispatchService dispatcher = new io.invitehub.application.dispatch.service.InviteDispatchService(
                counting, db.dispatchOutbox(), db.teams(), db.seats(), db.codes(), db.codeUses(), provider, new WakeUps() {
                    @Override
                    public void signal(Work work) {
                    }

                    @Override
                    public boolean await(Work work, Duration max) {
                        return false;
                    }
                }, Clock.systemUTC(), io.invitehub.application.dispatch.service.DispatchSettings.defaults());
        statements.clear();

        assertThat(dispatcher.dispatchBatch()).isEqualTo(20);

        List<String> sent = List.copyOf(statements);
        assertThat(provider.calls()).hasSize(2);
        assertThat(transactions[0]).isEqualTo(3);
        assertThat(sent).as(String.join("\n", sent)).hasSize(6);
        assertThat(sent.stream().filter(q -> q.startsWith("update \"invitations\" set \"state\""))).hasSize(2);
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("invitations").where("state = 'INVITED'"))).isEqualTo(20);
    }

    private static Map<String, Long> seqScans() {
        db.dsl().execute("select pg_stat_force_next_flush()");
        db.dsl().execute("select pg_stat_clear_snapshot()");
        Map<String, Long> scans = new TreeMap<>();
        db.dsl().fetch("select relname, seq_scan from pg_stat_user_tables where relname in ('invitations', 'redeem_codes')")
                .forEach(r -> scans.put(r.get(0, String.class), r.get(1, Long.class)));
        return scans;
    }

    private Code code(String prefix, String body) {
        Code code = Code.compose(prefix, body);
        db.transactions().inTransaction(() -> db.codes().insertNew(List.of(code),
                new CodeTerms(Optional.of(distributor.id()), 1, 30, Optional.of(Instant.now().plus(Duration.ofDays(30))),
                        Optional.empty(), 1, Optional.empty()), Instant.now()));
        return code;
    }

    private record Cost(List<String> statements, Map<String, Long> functions) {
        /** The statements' beginnings, for a failure message. */
        String sql() {
            return String.join("\n", statements.stream().map(q -> q.length() > 90 ? q.substring(0, 90) + "…" : q).toList());
        }
    }

    private Cost measure(java.util.function.Supplier<RedemptionResult> redemption,
                         java.util.function.Consumer<RedemptionResult> check) {
        Map<String, Long> before = functionCalls();
        statements.clear();
        RedemptionResult result = redemption.get();
        List<String> sent = List.copyOf(statements);
        check.accept(result);
        Map<String, Long> after = functionCalls();
        Map<String, Long> fired = new TreeMap<>();
        after.forEach((name, calls) -> {
            long delta = calls - before.getOrDefault(name, 0L);
            if (delta != 0) {
                fired.put(name, delta);
            }
        });
        return new Cost(sent, fired);
    }

    /** Calls per function of this (the only) connection, flushed first so the counters are current. */
    private static Map<String, Long> functionCalls() {
        db.dsl().execute("select pg_stat_force_next_flush()");
        db.dsl().execute("select pg_stat_clear_snapshot()");
        Map<String, Long> calls = new TreeMap<>();
        db.dsl().fetch("select funcname, calls from pg_stat_user_functions")
                .forEach(r -> calls.put(r.get(0, String.class), r.get(1, Long.class)));
        return calls;
    }
}
