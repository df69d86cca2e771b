package io.invitehub.application.contract;

import io.invitehub.application.port.out.NewInvitation;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.EmailMismatchException;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link io.invitehub.application.port.out.RedeemCodes}, for the fake and every adapter. */
public abstract class AbstractRedeemCodesContract extends StorageContractSupport {

    @Override
    protected abstract StoragePorts newStorage();

    @Test
    void insertNewStoresTheCodesWithTheirTerms() {
        User owner = newDistributor();
        TeamGroupId group = tx(() -> storage.teams().createGroup("gold"));
        Instant expires = Instant.parse("2026-01-01T00:00:00.654321Z");
        CodeTerms terms = new CodeTerms(Optional.of(owner.id()), 3, 45, Optional.of(expires), Optional.of(group), 2,
                Optional.of("batch 1"));
        Code a = nextCode();
        Code b = nextCode();

        List<Code> inserted = tx(() -> storage.codes().insertNew(List.of(a, b), terms, NOW));

        assertThat(inserted).containsExactlyInAnyOrder(a, b);
        RedeemCode stored = storage.codes().findByCode(a).orElseThrow();
        assertThat(stored.code()).isEqualTo(a);
        assertThat(stored.owner()).contains(owner.id());
        assertThat(stored.group()).contains(group);
        assertThat(stored.maxUses()).isEqualTo(3);
        assertThat(stored.usedCount()).isZero();
        assertThat(stored.expiresAt()).contains(expires);
        assertThat(stored.validityDays()).isEqualTo(45);
        assertThat(stored.boundEmail()).isEmpty();
        assertThat(stored.activatedAt()).isEmpty();
        assertThat(stored.memberExpiresAt()).isEmpty();
        assertThat(stored.rebindCount()).isZero();
        assertThat(stored.rebindLimit()).isEqualTo(2);
        assertThat(stored.active()).isTrue();
        assertThat(storage.codes().findById(stored.id()).orElseThrow().code()).isEqualTo(a);
        assertThat(storage.codes().findByCode(b).orElseThrow().id()).isNotEqualTo(stored.id());
    }

    @Test
    void insertNewSkipsCodesThatExistAndReturnsOnlyTheInsertedOnes() {
        Code a = nextCode();
        Code b = nextCode();
        Code c = nextCode();
        tx(() -> storage.codes().insertNew(List.of(a, b), terms(1), NOW));

        List<Code> second = tx(() -> storage.codes().insertNew(List.of(b, c, a), terms(5), NOW));

        assertThat(second).containsExactly(c);
        assertThat(storage.codes().findByCode(b).orElseThrow().maxUses()).isEqualTo(1);
        assertThat(storage.codes().findByCode(c).orElseThrow().maxUses()).isEqualTo(5);
        assertThat(tx(() -> storage.codes().insertNew(List.of(), terms(1), NOW))).isEmpty();
    }

    @Test
    void unknownCodesAreNotFound() {
        assertThat(storage.codes().findByCode(nextCode())).isEmpty();
        assertThat(storage.codes().findById(new RedeemCodeId(987_654_321L))).isEmpty();
    }

    @Test
    void lockReturnsTheCurrentState() {
        RedeemCode code = newCode(3);
        txRun(() -> storage.codes().takeUse(code.id()));

        RedeemCode locked = tx(() -> storage.codes().lock(code.id()));

        assertThat(locked.id()).isEqualTo(code.id());
        assertThat(locked.usedCount()).isEqualTo(1);
    }

    @Test
    void lockOfAnUnknownCodeThrowsNoSuchElement() {
        assertThatThrownBy(() -> tx(() -> storage.codes().lock(new RedeemCodeId(987_654_321L))))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void lockForRedemptionReturnsTheCurrentStateLikeLock() {
        RedeemCode code = newCode(3);
        txRun(() -> storage.codes().takeUse(code.id()));

        RedeemCode locked = tx(() -> storage.codes().lockForRedemption(code.id(), ALICE));

        assertThat(locked.id()).isEqualTo(code.id());
        assertThat(locked.usedCount()).isEqualTo(1);
        assertThatThrownBy(() -> tx(() -> storage.codes().lockForRedemption(new RedeemCodeId(987_654_321L), ALICE)))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void lockAllReturnsTheCodesInAscendingIdOrderAndLeavesUnknownIdsOut() {
        RedeemCode a = newCode(1);
        RedeemCode b = newCode(2);
        RedeemCode c = newCode(3);
        txRun(() -> storage.codes().takeUse(b.id()));

        List<RedeemCode> locked = tx(() -> storage.codes().lockAll(
                List.of(c.id(), new RedeemCodeId(987_654_321L), a.id(), b.id(), c.id())));

        assertThat(locked).extracting(RedeemCode::id).containsExactly(a.id(), b.id(), c.id());
        assertThat(locked.get(1).usedCount()).isEqualTo(1);
        assertThat(tx(() -> storage.codes().lockAll(List.of()))).isEmpty();
    }

    @Test
    void takeUseCountsUpToMaxUsesThenRefusesUsedUp() {
        RedeemCode code = newCode(2);
        txRun(() -> storage.codes().takeUse(code.id()));
        txRun(() -> storage.codes().takeUse(code.id()));
        assertThat(reload(code).usedCount()).isEqualTo(2);

        assertThatThrownBy(() -> txRun(() -> storage.codes().takeUse(code.id())))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CODE_USED_UP);
                    assertThat(e.getMessage()).isEqualTo("This code has no uses left.");
                });
        assertThat(reload(code).usedCount()).isEqualTo(2);
    }

    @Test
    void unlimitedCodeTakesAnyNumberOfUses() {
        RedeemCode code = newCode(0);
        for (int i = 0; i < 7; i++) {
            txRun(() -> storage.codes().takeUse(code.id()));
        }
        assertThat(reload(code).usedCount()).isEqualTo(7);
        assertThat(reload(code).maxUses()).isZero();
    }

    @Test
    void takeUseAndBindTakesAUseAndBindsInOneStep() {
        RedeemCode code = newCode(2);
        txRun(() -> storage.codes().takeUseAndBind(code.id(), ALICE));
        txRun(() -> storage.codes().takeUseAndBind(code.id(), ALICE));
        assertThat(reload(code).usedCount()).isEqualTo(2);
        assertThat(reload(code).boundEmail()).contains(ALICE);

        assertThatThrownBy(() -> txRun(() -> storage.codes().takeUseAndBind(code.id(), BOB)))
                .as("used up is said before the mismatch")
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CODE_USED_UP));
        assertThat(reload(code).usedCount()).isEqualTo(2);
    }

    @Test
    void takeUseAndBindToAnotherEmailIsAMismatchAndTakesNoUse() {
        RedeemCode code = newCode(0);
        txRun(() -> storage.codes().takeUseAndBind(code.id(), ALICE));

        assertThatThrownBy(() -> txRun(() -> storage.codes().takeUseAndBind(code.id(), BOB)))
                .isInstanceOfSatisfying(EmailMismatchException.class,
                        e -> assertThat(e.maskedBoundEmail()).isEqualTo("a***e@host.com"));
        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(reload(code).boundEmail()).contains(ALICE);
    }

    @Test
    void bindEmailBindsAnUnboundCode() {
        RedeemCode code = newCode(1);
        txRun(() -> storage.codes().bindEmail(code.id(), ALICE));
        assertThat(reload(code).boundEmail()).contains(ALICE);
    }

    @Test
    void bindEmailToTheSameEmailLeavesItBound() {
        RedeemCode code = newCode(1);
        txRun(() -> storage.codes().bindEmail(code.id(), ALICE));
        txRun(() -> storage.codes().bindEmail(code.id(), ALICE));
        assertThat(reload(code).boundEmail()).contains(ALICE);
    }

    @Test
    void bindEmailToAnotherEmailIsAMismatchAndKeepsTheFirst() {
        RedeemCode code = newCode(1);
        txRun(() -> storage.codes().bindEmail(code.id(), ALICE));

        assertThatThrownBy(() -> txRun(() -> storage.codes().bindEmail(code.id(), BOB)))
                .isInstanceOfSatisfying(EmailMismatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_MISMATCH);
                    assertThat(e.maskedBoundEmail()).isEqualTo("a***e@host.com");
                });
        assertThat(reload(code).boundEmail()).contains(ALICE);
    }

    @Test
    void giveUseBackReturnsTheUseOnlyOnce() {
        RedeemCode code = newCode(2);
        Team team = newTeam(5);
        txRun(() -> storage.codes().takeUse(code.id()));
        txRun(() -> storage.codes().takeUse(code.id()));
        Invitation inv = reserved(code, team, ALICE);

        assertThat(tx(() -> storage.codes().giveUseBack(inv.id()))).isTrue();
        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(tx(() -> storage.codes().giveUseBack(inv.id()))).isFalse();
        assertThat(reload(code).usedCount()).isEqualTo(1);
    }

    @Test
    void giveUseBackOfTwoInvitationsReturnsTwoUses() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        txRun(() -> storage.codes().takeUse(code.id()));
        txRun(() -> storage.codes().takeUse(code.id()));
        Invitation first = reserved(code, team, ALICE);
        Invitation second = reserved(code, team, BOB);

        assertThat(tx(() -> storage.codes().giveUseBack(first.id()))).isTrue();
        assertThat(tx(() -> storage.codes().giveUseBack(second.id()))).isTrue();
        assertThat(reload(code).usedCount()).isZero();
    }

    @Test
    void giveUseBackNeverGoesBelowZero() {
        RedeemCode code = newCode(1);
        Team team = newTeam(5);
        Invitation inv = reserved(code, team, ALICE);

        assertThat(tx(() -> storage.codes().giveUseBack(inv.id()))).isTrue();
        assertThat(reload(code).usedCount()).isZero();
    }

    @Test
    void giveUseBackOfAnInvitationThatHoldsNoUseGivesNothing() {
        RedeemCode code = newCode(1);
        Team team = newTeam(5);
        txRun(() -> storage.codes().takeUse(code.id()));
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(code.id(), Optional.empty(),
                Optional.of(team.id()), ALICE, InvitationState.RESERVED, true, false, NOW)));

        assertThat(tx(() -> storage.codes().giveUseBack(rebind.id()))).isFalse();
        assertThat(reload(code).usedCount()).isEqualTo(1);
    }

    @Test
    void concurrentTakeUsesNeverExceedMaxUses() throws Exception {
        RedeemCode code = newCode(5);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ErrorCode>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<ErrorCode> attempt = () -> {
                    start.await();
                    try {
                        txRun(() -> {
                            storage.codes().lock(code.id());
                            storage.codes().takeUse(code.id());
                        });
                        return null;
                    } catch (DomainException e) {
                        return e.code();
                    }
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int taken = 0;
            int usedUp = 0;
            for (Future<ErrorCode> result : results) {
                ErrorCode outcome = result.get(30, TimeUnit.SECONDS);
                if (outcome == null) {
                    taken++;
                } else if (outcome == ErrorCode.CODE_USED_UP) {
                    usedUp++;
                }
            }
            assertThat(taken).isEqualTo(5);
            assertThat(usedUp).isEqualTo(3);
            assertThat(reload(code).usedCount()).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void activateSetsTheMembershipOnceFromTheFirstJoin() {
        RedeemCode code = newCode(1); // validity 30 days
        Instant firstJoin = NOW.plusSeconds(3600);

        assertThat(tx(() -> storage.codes().activate(code.id(), firstJoin))).isTrue();
        RedeemCode active = reload(code);
        assertThat(active.activatedAt()).contains(firstJoin);
        assertThat(active.memberExpiresAt()).contains(firstJoin.plus(java.time.Duration.ofDays(30)));

        // a later join (a rebind, a second member of a multi-use code) changes nothing
        assertThat(tx(() -> storage.codes().activate(code.id(), firstJoin.plusSeconds(86_400)))).isFalse();
        assertThat(reload(code).activatedAt()).contains(firstJoin);
        assertThat(reload(code).memberExpiresAt()).contains(firstJoin.plus(java.time.Duration.ofDays(30)));
    }
}
