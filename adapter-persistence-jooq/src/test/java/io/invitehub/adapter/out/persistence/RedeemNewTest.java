package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.StorageContractSupport;
import io.invitehub.application.contract.StoragePorts;
import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.application.shared.port.out.NewRedemption;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code redeem_new} (R__redeem.sql, ADR 64) on real PostgreSQL: the three outcomes, and for every refusal of a
 * redemption "not taken" with nothing written — the service then refuses statement by statement. Where the function
 * is stricter than the Java checks (the instant of expiry itself), it still takes nothing.
 */
class RedeemNewTest extends StorageContractSupport {
    private static final Instant SINCE = NOW.minus(Duration.ofHours(24));

    @Override
    protected StoragePorts newStorage() {
        return JooqStorage.empty();
    }

    private JooqStorage jooq() {
        return (JooqStorage) storage;
    }

    private NewRedemption redeemNew(Code code, Email email, int cap, AllocationPolicy policy) {
        return tx(() -> storage.codes().redeemNew(code, email, NOW, SINCE, cap, policy));
    }

    private NewRedemption redeemNew(Code code, Email email) {
        return redeemNew(code, email, 3, AllocationPolicy.FILL_FIRST);
    }

    @Test
    void aNewRedemptionTakesUseSeatAndInvitationInOneCall() {
        newTeam(2);
        Team spreadTarget = newTeam(5);
        RedeemCode code = newCode(2);

        NewRedemption result = redeemNew(code.code(), ALICE, 3, AllocationPolicy.SPREAD);

        assertThat(result.outcome()).isEqualTo(NewRedemption.Outcome.SEATED);
        assertThat(result.code().orElseThrow().usedCount()).isZero(); // the row as locked, before the use
        Invitation invitation = result.invitation().orElseThrow();
        assertThat(invitation.teamId()).contains(spreadTarget.id()); // SPREAD: the team with the most free seats
        assertThat(result.seat().orElseThrow().teamName()).isEqualTo(spreadTarget.name());
        assertThat(invitation.state()).isEqualTo(InvitationState.RESERVED);
        assertThat(invitation.createdAt()).isEqualTo(NOW);
        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(reload(code).boundEmail()).contains(ALICE);
        assertThat(reload(spreadTarget).seatsReserved()).isEqualTo(1);
        assertThat(storage.invitations().openOfEmail(ALICE)).extracting(Invitation::id).containsExactly(invitation.id());
    }

    @Test
    void aGroupCodeSeatsInItsGroupOnly() {
        TeamGroupId gold = tx(() -> storage.teams().createGroup("gold"));
        newTeam(5);
        Team inGroup = newTeam(5, Optional.of(gold));
        RedeemCode code = newCode(groupTerms(1, gold));

        NewRedemption result = redeemNew(code.code(), ALICE);

        assertThat(result.outcome()).isEqualTo(NewRedemption.Outcome.SEATED);
        assertThat(result.invitation().orElseThrow().teamId()).contains(inGroup.id());
    }

    @Test
    void noRoomLeavesTheUseTakenAndNoInvitation() {
        Team full = newTeam(1);
        reserved(newCode(1), full, BOB);
        txRun(() -> storage.seats().reserveSeat(Optional.empty(), AllocationPolicy.FILL_FIRST));
        RedeemCode code = newCode(1);

        NewRedemption result = redeemNew(code.code(), ALICE);

        assertThat(result.outcome()).isEqualTo(NewRedemption.Outcome.NO_SEAT);
        assertThat(result.code().orElseThrow().id()).isEqualTo(code.id());
        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(reload(code).boundEmail()).contains(ALICE);
        assertThat(reload(full).seatsReserved()).isEqualTo(1);
        assertThat(storage.invitations().openOfEmail(ALICE)).isEmpty();
    }

    @Test
    void someoneWaitingInTheQueueLeavesTheSeatToThem() {
        Team team = newTeam(5);
        waiting(newCode(1), BOB);
        RedeemCode code = newCode(1);

        NewRedemption result = redeemNew(code.code(), ALICE);

        assertThat(result.outcome()).isEqualTo(NewRedemption.Outcome.NO_SEAT);
        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(reload(team).seatsReserved()).isZero();
    }

    @Test
    void everyRefusalTakesNothing() {
        Team team = newTeam(5);
        RedeemCode expiresNow = newCode(new CodeTerms(Optional.empty(), 1, 30, Optional.of(NOW), Optional.empty(), 1, Optional.empty()));
        RedeemCode expired = newCode(new CodeTerms(Optional.empty(), 1, 30, Optional.of(NOW.minusSeconds(1)), Optional.empty(), 1, Optional.empty()));
        RedeemCode memberOver = newCode(2);
        jooq().execute("update redeem_codes set activated_at = ?::timestamptz - interval '30 days', member_expires_at = ?::timestamptz"
                + " where id = ?", Rows.at(NOW), Rows.at(NOW), memberOver.id().value());
        RedeemCode disabled = newCode(1);
        txRun(() -> storage.codes().setActive(disabled.id(), false));
        RedeemCode boundToBob = newCode(2);
        txRun(() -> storage.codeUses().takeUseAndBind(boundToBob.id(), BOB));
        RedeemCode usedUp = newCode(1);
        txRun(() -> storage.codeUses().takeUseAndBind(usedUp.id(), ALICE));
        RedeemCode open = newCode(1);
        reserved(open, team, CAROL);
        RedeemCode fresh = newCode(1);
        Email blocked = Email.of("blocked@host.com");
        txRun(() -> storage.recipients().addBlock(BlockKind.EMAIL, blocked.value(), Optional.empty(), Optional.empty(), NOW));
        Email inBlockedDomain = Email.of("someone@mail.blocked.org");
        txRun(() -> storage.recipients().addBlock(BlockKind.DOMAIN, "blocked.org", Optional.empty(), Optional.empty(), NOW));
        Email optedOut = Email.of("no@host.com");
        txRun(() -> storage.recipients().optOut(optedOut, fresh.id(), NOW));
        Email busy = Email.of("busy@host.com");
        for (int i = 0; i < 3; i++) {
            RedeemCode c = newCode(1);
            Invitation inv = reserved(c, team, busy);
            move(inv, InvitationState.RESERVED, InvitationState.FAILED, "test");
        }

        assertThat(redeemNew(nextCode(), ALICE).outcome()).as("unknown").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(expiresNow.code(), ALICE).outcome()).as("expires at this instant").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(expired.code(), ALICE).outcome()).as("expired").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(memberOver.code(), ALICE).outcome()).as("membership over").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(disabled.code(), ALICE).outcome()).as("disabled").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(boundToBob.code(), ALICE).outcome()).as("bound to another").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(usedUp.code(), ALICE).outcome()).as("used up").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(open.code(), CAROL).outcome()).as("repeat").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(fresh.code(), CAROL).outcome()).as("already member").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(fresh.code(), blocked).outcome()).as("blocked").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(fresh.code(), inBlockedDomain).outcome()).as("blocked domain").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(fresh.code(), optedOut).outcome()).as("opted out").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);
        assertThat(redeemNew(fresh.code(), busy).outcome()).as("daily cap").isEqualTo(NewRedemption.Outcome.NOT_TAKEN);

        int seats = reload(team).seatsReserved();
        assertThat(reload(fresh).usedCount()).isZero();
        assertThat(reload(fresh).boundEmail()).isEmpty();
        assertThat(reload(expiresNow).usedCount()).isZero();
        assertThat(reload(memberOver).usedCount()).isZero();
        assertThat(reload(usedUp).usedCount()).isEqualTo(1);
        assertThat(reload(boundToBob).usedCount()).isEqualTo(1);
        assertThat(storage.invitations().openOfEmail(ALICE)).isEmpty();

        // one below the cap, the same e-mail goes through
        assertThat(redeemNew(fresh.code(), busy, 4, AllocationPolicy.FILL_FIRST).outcome()).isEqualTo(NewRedemption.Outcome.SEATED);
        assertThat(reload(team).seatsReserved()).isEqualTo(seats + 1);
    }
}
