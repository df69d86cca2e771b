package io.invitehub.adapter.out.persistence;

import io.invitehub.application.dispatch.service.DispatchSettings;
import io.invitehub.application.dispatch.service.InviteDispatchService;
import io.invitehub.application.fakes.MutableClock;
import io.invitehub.application.fakes.ScriptedTeamProvider;
import io.invitehub.application.membership.port.in.RemovalResult;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.membership.service.LifecycleSettings;
import io.invitehub.application.membership.service.MemberRemovalService;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.invitehub.application.contract.InvitationChanges.change;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC section 6 with real threads on real PostgreSQL: 100 concurrent identical removal requests take
 * the use back exactly once, call the provider exactly once, and every other request answers
 * "already removed" (200) or REMOVAL_IN_PROGRESS (409).
 */
class RemovalConcurrencyTest {
    private static JooqPersistence db;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void oneHundredIdenticalRemovalsGiveTheUseBackOnceWithOneProviderCall() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        ScriptedTeamProvider provider = new ScriptedTeamProvider();
        RedeemService redeem = new RedeemService(db.transactions(), db.codes(), db.codeUses(), db.invitations(), db.teams(), db.seats(), StatisticsRecount.unlimited(), StatisticsRecount.noWakeUps(), clock, RedemptionSettings.defaults(), new io.invitehub.application.recipients.service.RecipientPolicy(db.recipients(),
                        new io.invitehub.application.recipients.service.RecipientSettings(1_000_000, java.time.Duration.ZERO)));
        InviteDispatchService dispatch = new InviteDispatchService(db.transactions(), db.dispatchOutbox(), db.teams(),
                db.seats(), db.codes(), db.codeUses(), provider, StatisticsRecount.noWakeUps(), clock, DispatchSettings.defaults());
        MemberRemovalService removal = new MemberRemovalService(db.transactions(), db.invitations(), db.removalClaims(),
                db.rebinds(), db.teams(), db.seats(), db.codes(), db.codeUses(), db.users(), provider, db.audit(),
                StatisticsRecount.noWakeUps(), clock, LifecycleSettings.defaults());
        User distributor = db.transactions().inTransaction(() -> db.users().create("d", "d@d.com", "h", Role.DISTRIBUTOR, Approval.APPROVED));
        Team team = db.transactions().inTransaction(() -> db.teams().create(new NewTeam("Alpha", "acct-alpha", "t", 10, Optional.empty())));
        Code code = db.transactions().inTransaction(() -> db.codes().insertNew(List.of(Code.compose("HB", "23456789ABC")),
                new CodeTerms(Optional.of(distributor.id()), 3, 30, Optional.empty(), Optional.empty(), 1, Optional.empty()), clock.instant()))
                .get(0);
        Email alice = Email.of("alice@example.com");
        Invitation inv = redeem.redeem(new RedeemCommand(code, alice, "10.0.0.1")).invitation();
        dispatch.dispatchBatch();
        provider.accept("acct-alpha", "user-1", alice);
        db.transactions().inTransaction(() -> db.invitations().apply(change(inv.id(), InvitationState.INVITED, InvitationState.JOINED, clock.instant(), null)));
        assertThat(usedCount(code)).isEqualTo(1);

        int threads = 100;
        AtomicInteger removed = new AtomicInteger();
        AtomicInteger restored = new AtomicInteger();
        AtomicInteger alreadyRemoved = new AtomicInteger();
        Map<ErrorCode, Integer> refusals = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    RemovalResult result = removal.remove(new RemoveMemberCommand(distributor.id(), alice, team.id(), Optional.empty()));
                    if (result.outcome() == RemovalResult.Outcome.REMOVED) {
                        removed.incrementAndGet();
                    } else if (result.outcome() == RemovalResult.Outcome.ALREADY_REMOVED) {
                        alreadyRemoved.incrementAndGet();
                    }
                    if (result.codeUsageRestored()) {
                        restored.incrementAndGet();
                    }
                } catch (DomainException e) {
                    refusals.merge(e.code(), 1, Integer::sum);
                } catch (Throwable e) {
                    unexpected.add(e);
                } finally {
                    done.countDown();
                }
            }, "remover-" + i).start();
        }
        ready.await();
        go.countDown();
        assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();

        unexpected.forEach(Throwable::printStackTrace);
        assertThat(unexpected).isEmpty();
        assertThat(removed.get()).isEqualTo(1);
        assertThat(restored.get()).isEqualTo(1);
        assertThat(refusals.keySet()).isSubsetOf(ErrorCode.REMOVAL_IN_PROGRESS);
        assertThat(alreadyRemoved.get() + refusals.getOrDefault(ErrorCode.REMOVAL_IN_PROGRESS, 0)).isEqualTo(threads - 1);
        assertThat(provider.removals()).hasSize(1);
        assertThat(usedCount(code)).isZero();
        assertThat(db.dsl().fetchOne("select seats_reserved from teams where id = " + team.id().value()).get(0, Integer.class)).isZero();
        assertThat(db.dsl().fetchOne("select state from invitations where id = " + inv.id().value()).get(0, String.class)).isEqualTo("REMOVED");
        assertThat(db.dsl().fetchOne("select count(*) from audit_log where action = 'MEMBER_REMOVE'").get(0, Integer.class)).isEqualTo(1);
        assertThat(db.statistics().summary(distributor.id(), clock.instant(),
                io.invitehub.domain.shared.Money.ofMinor(0, io.invitehub.domain.shared.Money.CNY)).membersRemoved()).isEqualTo(1);
        System.out.println("100 removals: 1 removed, " + alreadyRemoved.get() + " already removed, "
                + refusals.getOrDefault(ErrorCode.REMOVAL_IN_PROGRESS, 0) + " in progress");
    }

    private static int usedCount(Code code) {
        return db.dsl().fetchOne("select used_count from redeem_codes where code = '" + code.value() + "'").get(0, Integer.class);
    }
}
