package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.NewRedemption;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link io.invitehub.application.shared.port.out.RedeemCodes}, for the fake and every adapter. */
public abstract class AbstractRedeemCodesContract extends StorageContractSupport {
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
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));

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
        txRun(() -> storage.codeUses().takeUseAndBind(code.id(), ALICE));

        RedeemCode locked = tx(() -> storage.codes().lockForRedemption(code.id(), ALICE));

        assertThat(locked.id()).isEqualTo(code.id());
        assertThat(locked.usedCount()).isEqualTo(1);
        assertThatThrownBy(() -> tx(() -> storage.codes().lockForRedemption(new RedeemCodeId(987_654_321L), ALICE)))
                .isInstanceOf(NoSuchElementException.class);
    }

    /** A refused redemption writes nothing, whichever storage (ADR 64): the caller redeems statement by statement. */
    @Test
    void redeemNewTakesNothingOnARefusal() {
        Team team = newTeam(5);
        RedeemCode usedUp = newCode(1);
        txRun(() -> storage.codeUses().takeUseAndBind(usedUp.id(), ALICE));
        RedeemCode disabled = newCode(1);
        txRun(() -> storage.codes().setActive(disabled.id(), false));
        RedeemCode boundToBob = newCode(2);
        txRun(() -> storage.codeUses().takeUseAndBind(boundToBob.id(), BOB));
        RedeemCode held = newCode(1);
        reserved(held, team, CAROL);
        RedeemCode fresh = newCode(1);

        assertThat(redeemNew(usedUp.code(), ALICE).outcome()).isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(disabled.code(), ALICE).outcome()).isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(boundToBob.code(), ALICE).outcome()).isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(nextCode(), ALICE).outcome()).isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        // a repeat of CAROL's redemption, and CAROL through another code (ALREADY_MEMBER)
        assertThat(redeemNew(held.code(), CAROL).outcome()).isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(fresh.code(), CAROL).outcome()).isEqualTo(NewRedemption.Outcome.NOT_TAKEN);

        assertThat(reload(usedUp).usedCount()).isEqualTo(1);
        assertThat(reload(disabled).usedCount()).isZero();
        assertThat(reload(boundToBob).usedCount()).isEqualTo(1);
        assertThat(reload(held).usedCount()).isZero(); // reserved(…) writes the invitation alone
        assertThat(reload(fresh).usedCount()).isZero();
        assertThat(reload(fresh).boundEmail()).isEmpty();
        assertThat(reload(team).seatsReserved()).isZero();
        assertThat(storage.invitations().openOfEmail(ALICE)).isEmpty();
        assertThat(storage.invitations().openOfEmail(CAROL)).hasSize(1);
    }

    /** Either nothing (the fakes) or all of it: one use, the bind, one seat and one RESERVED invitation holding the use. */
    @Test
    void redeemNewTakesEverythingOrNothing() {
        Team team = newTeam(5);
        RedeemCode code = newCode(2);

        NewRedemption result = redeemNew(code.code(), ALICE);

        if (result.outcome() == NewRedemption.Outcome.NOT_TAKEN) {
            assertThat(reload(code).usedCount()).isZero();
            assertThat(reload(team).seatsReserved()).isZero();
            assertThat(storage.invitations().openOfEmail(ALICE)).isEmpty();
            return;
        }
        assertThat(result.outcome()).isEqualTo(NewRedemption.Outcome.SEATED);
        assertThat(result.code().orElseThrow().id()).isEqualTo(code.id());
        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(reload(code).boundEmail()).contains(ALICE);
        assertThat(reload(team).seatsReserved()).isEqualTo(1);
        Invitation invitation = result.invitation().orElseThrow();
        assertThat(result.seat().orElseThrow().teamId()).isEqualTo(team.id());
        assertThat(result.seat().orElseThrow().teamName()).isEqualTo(team.name());
        assertThat(reload(invitation)).usingRecursiveComparison().isEqualTo(invitation);
        assertThat(invitation.state()).isEqualTo(InvitationState.RESERVED);
        assertThat(invitation.teamId()).contains(team.id());
        assertThat(invitation.email()).isEqualTo(ALICE);
        assertThat(invitation.isRebind()).isFalse();
        assertThat(storage.invitations().openOfEmail(ALICE)).extracting(Invitation::id).containsExactly(invitation.id());
    }

    protected NewRedemption redeemNew(Code code, Email email) {
        return tx(() -> storage.codes().redeemNew(code, email, NOW, NOW.minus(java.time.Duration.ofHours(24)), 3,
                AllocationPolicy.FILL_FIRST));
    }

    @Test
    void lockAllReturnsTheCodesInAscendingIdOrderAndLeavesUnknownIdsOut() {
        RedeemCode a = newCode(1);
        RedeemCode b = newCode(2);
        RedeemCode c = newCode(3);
        txRun(() -> storage.codeUses().takeUseAndBind(b.id(), ALICE));

        List<RedeemCode> locked = tx(() -> storage.codes().lockAll(
                List.of(c.id(), new RedeemCodeId(987_654_321L), a.id(), b.id(), c.id())));

        assertThat(locked).extracting(RedeemCode::id).containsExactly(a.id(), b.id(), c.id());
        assertThat(locked.get(1).usedCount()).isEqualTo(1);
        assertThat(tx(() -> storage.codes().lockAll(List.of()))).isEmpty();
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
