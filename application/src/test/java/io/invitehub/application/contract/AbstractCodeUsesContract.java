package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.EmailMismatchException;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.invitehub.application.contract.InvitationChanges.change;
import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link io.invitehub.application.shared.port.out.CodeUses} (uses and rebinds, each one conditional update), for the fake and every adapter. */
public abstract class AbstractCodeUsesContract extends StorageContractSupport {
    private Invitation invited(RedeemCode code, Team team, Email email, Instant at) {
        Invitation inv = reserved(code, team, email);
        return tx(() -> storage.invitations().apply(change(inv.id(), RESERVED, INVITED, at, null))).orElseThrow();
    }

    private Invitation joined(RedeemCode code, Team team, Email email) {
        Invitation inv = invited(code, team, email, NOW);
        return move(inv, INVITED, JOINED, null).orElseThrow();
    }

    @Test
    void usesAreTakenUpToMaxUsesThenRefusedUsedUp() {
        RedeemCode code = newCode(2);
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        assertThat(reload(code).usedCount()).isEqualTo(2);

        assertThatThrownBy(() -> txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CODE_USED_UP);
                    assertThat(e.getMessage()).isEqualTo("This code has no uses left.");
                });
        assertThat(reload(code).usedCount()).isEqualTo(2);
    }

    @Test
    void anUnlimitedCodeTakesAnyNumberOfUses() {
        RedeemCode code = newCode(0);
        for (int i = 0; i < 7; i++) {
            txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        }
        assertThat(reload(code).usedCount()).isEqualTo(7);
        assertThat(reload(code).maxUses()).isZero();
    }

    @Test
    void takeUseAndBindTakesAUseAndBindsInOneStep() {
        RedeemCode code = newCode(2);
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        assertThat(reload(code).usedCount()).isEqualTo(2);
        assertThat(reload(code).boundEmail()).contains(ALICE);

        assertThatThrownBy(() -> txRun(() -> storage.codeUses().takeUseAndBind(code.id(), BOB)))
                .as("used up is said before the mismatch")
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CODE_USED_UP));
        assertThat(reload(code).usedCount()).isEqualTo(2);
    }

    @Test
    void takeUseAndBindToAnotherEmailIsAMismatchAndTakesNoUse() {
        RedeemCode code = newCode(0);
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));

        assertThatThrownBy(() -> txRun(() -> storage.codeUses().takeUseAndBind(code.id(), BOB)))
                .isInstanceOfSatisfying(EmailMismatchException.class,
                        e -> assertThat(e.maskedBoundEmail()).isEqualTo("a***e@host.com"));
        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(reload(code).boundEmail()).contains(ALICE);
    }

    @Test
    void theFirstUseBindsAnUnboundCode() {
        RedeemCode code = newCode(1);
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        assertThat(reload(code).boundEmail()).contains(ALICE);
        assertThat(reload(code).usedCount()).isEqualTo(1);
    }

    @Test
    void aUseForTheSameEmailLeavesItBound() {
        RedeemCode code = newCode(2);
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        assertThat(reload(code).boundEmail()).contains(ALICE);
        assertThat(reload(code).usedCount()).isEqualTo(2);
    }

    @Test
    void aUseForAnotherEmailIsAMismatchAndKeepsTheFirst() {
        RedeemCode code = newCode(2);
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));

        assertThatThrownBy(() -> txRun(() -> storage.codeUses().takeUseAndBind(code.id(), BOB)))
                .isInstanceOfSatisfying(EmailMismatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_MISMATCH);
                    assertThat(e.maskedBoundEmail()).isEqualTo("a***e@host.com");
                });
        assertThat(reload(code).boundEmail()).contains(ALICE);
        assertThat(reload(code).usedCount()).isEqualTo(1);
    }

    @Test
    void giveUseBackReturnsTheUseOnlyOnce() {
        RedeemCode code = newCode(2);
        Team team = newTeam(5);
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        Invitation inv = reserved(code, team, ALICE);

        assertThat(tx(() -> storage.codeUses().giveUseBack(inv.id()))).isTrue();
        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(tx(() -> storage.codeUses().giveUseBack(inv.id()))).isFalse();
        assertThat(reload(code).usedCount()).isEqualTo(1);
    }

    @Test
    void giveUseBackOfTwoInvitationsReturnsTwoUses() {
        RedeemCode code = newCode(0);
        Team team = newTeam(5);
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        Invitation first = reserved(code, team, ALICE);
        Invitation second = reserved(code, team, BOB);

        assertThat(tx(() -> storage.codeUses().giveUseBack(first.id()))).isTrue();
        assertThat(tx(() -> storage.codeUses().giveUseBack(second.id()))).isTrue();
        assertThat(reload(code).usedCount()).isZero();
    }

    @Test
    void giveUseBackNeverGoesBelowZero() {
        RedeemCode code = newCode(1);
        Team team = newTeam(5);
        Invitation inv = reserved(code, team, ALICE);

        assertThat(tx(() -> storage.codeUses().giveUseBack(inv.id()))).isTrue();
        assertThat(reload(code).usedCount()).isZero();
    }

    @Test
    void giveUseBackOfAnInvitationThatHoldsNoUseGivesNothing() {
        RedeemCode code = newCode(1);
        Team team = newTeam(5);
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(code.id(), Optional.empty(),
                Optional.of(team.id()), ALICE, InvitationState.RESERVED, true, false, NOW)));

        assertThat(tx(() -> storage.codeUses().giveUseBack(rebind.id()))).isFalse();
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
                            storage.codeUses().takeUseAndBind(code.id(), ALICE);
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
    void moveUseCarriesTheUseToTheRebindInvitationOnce() {
        RedeemCode code = newCode(1);
        Team blue = newTeam(10);
        Team red = newTeam(10);
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));
        Invitation member = joined(code, blue, ALICE);
        Invitation rebind = tx(() -> storage.invitations().create(new NewInvitation(code.id(), code.owner(), Optional.of(red.id()),
                ALICE, RESERVED, true, false, NOW)));

        assertThat(tx(() -> storage.codeUses().moveUse(member.id(), rebind.id()))).isTrue();
        assertThat(tx(() -> storage.codeUses().moveUse(member.id(), rebind.id()))).isFalse();
        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(tx(() -> storage.codeUses().giveUseBack(member.id()))).as("the old one holds nothing now").isFalse();
        assertThat(tx(() -> storage.codeUses().giveUseBack(rebind.id()))).isTrue();
        assertThat(reload(code).usedCount()).isZero();
        assertThat(tx(() -> storage.codeUses().giveUseBack(rebind.id()))).isFalse();
    }

    @Test
    void rebindCountsAreTakenWhileLeftAndGivenBackNeverBelowZero() {
        RedeemCode code = newCode(new CodeTerms(Optional.empty(), 1, 30, Optional.empty(), Optional.empty(), 2, Optional.empty()));
        assertThat(tx(() -> storage.codeUses().takeRebind(code.id()))).isTrue();
        assertThat(tx(() -> storage.codeUses().takeRebind(code.id()))).isTrue();
        assertThat(tx(() -> storage.codeUses().takeRebind(code.id()))).isFalse();
        assertThat(reload(code).rebindCount()).isEqualTo(2);
        txRun(() -> storage.codeUses().giveRebindBack(code.id()));
        txRun(() -> storage.codeUses().giveRebindBack(code.id()));
        txRun(() -> storage.codeUses().giveRebindBack(code.id()));
        assertThat(reload(code).rebindCount()).isZero();
    }
}
