package io.invitehub.application.contract;

import io.invitehub.domain.code.EmailMismatchException;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link io.invitehub.application.shared.port.out.TransactionRunner}: commit, rollback of
 * everything on a runtime exception (rethrown unchanged), nested calls joining the outer transaction.
 */
public abstract class AbstractTransactionRunnerContract extends StorageContractSupport {

    @Override
    protected abstract StoragePorts newStorage();

    @Test
    void returnsTheResultAndCommits() {
        RedeemCode code = newCode(3);

        String result = tx(() -> {
            storage.codes().takeUse(code.id());
            storage.codes().bindEmail(code.id(), ALICE);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(reload(code).boundEmail()).contains(ALICE);
    }

    @Test
    void runnableVariantCommits() {
        RedeemCode code = newCode(3);
        storage.transactions().inTransaction(() -> storage.codes().takeUse(code.id()));
        assertThat(reload(code).usedCount()).isEqualTo(1);
    }

    @Test
    void aRuntimeExceptionRollsEverythingBackAndIsRethrownUnchanged() {
        RedeemCode code = newCode(3);
        Team team = newTeam(2);
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> tx(() -> {
            storage.codes().takeUse(code.id());
            storage.codes().bindEmail(code.id(), ALICE);
            storage.teams().reserveSeat(Optional.empty(), AllocationPolicy.FILL_FIRST).orElseThrow();
            storage.invitations().create(new io.invitehub.application.shared.port.out.NewInvitation(code.id(), Optional.empty(),
                    Optional.of(team.id()), ALICE, io.invitehub.domain.invitation.InvitationState.RESERVED, false, true, NOW));
            storage.users().create("ann", "ann@dist.com", "h", Role.DISTRIBUTOR, Approval.APPROVED);
            throw boom;
        })).isSameAs(boom);

        assertThat(reload(code).usedCount()).isZero();
        assertThat(reload(code).boundEmail()).isEmpty();
        assertThat(reload(team).seatsReserved()).isZero();
        assertThat(storage.invitations().findLatest(code.id(), ALICE)).isEmpty();
        assertThat(storage.users().findByUsername("ann")).isEmpty();
    }

    @Test
    void aRefusalFromAPortRollsBackWhatCameBefore() {
        RedeemCode code = newCode(3);
        txRun(() -> storage.codes().bindEmail(code.id(), ALICE));

        assertThatThrownBy(() -> txRun(() -> {
            storage.codes().takeUse(code.id());
            storage.codes().bindEmail(code.id(), BOB);
        })).isInstanceOf(EmailMismatchException.class);

        assertThat(reload(code).usedCount()).isZero();
        assertThat(reload(code).boundEmail()).contains(ALICE);
    }

    @Test
    void nestedCallsJoinTheOuterTransaction() {
        RedeemCode code = newCode(3);
        RuntimeException late = new RuntimeException("after the inner call returned");

        assertThatThrownBy(() -> txRun(() -> {
            txRun(() -> storage.codes().takeUse(code.id()));
            assertThat(storage.codes().findById(code.id()).orElseThrow().usedCount()).isEqualTo(1);
            throw late;
        })).isSameAs(late);

        assertThat(reload(code).usedCount()).isZero();
    }

    @Test
    void nestedCallsCommitWithTheOuterTransaction() {
        RedeemCode code = newCode(3);
        Team team = newTeam(2);

        Invitation inv = tx(() -> {
            txRun(() -> storage.codes().takeUse(code.id()));
            return tx(() -> storage.invitations().create(new io.invitehub.application.shared.port.out.NewInvitation(code.id(),
                    Optional.empty(), Optional.of(team.id()), ALICE, io.invitehub.domain.invitation.InvitationState.RESERVED,
                    false, true, NOW)));
        });

        assertThat(reload(code).usedCount()).isEqualTo(1);
        assertThat(reload(inv).email()).isEqualTo(ALICE);
    }

    @Test
    void aFailedTransactionDoesNotAffectTheNextOne() {
        RedeemCode code = newCode(1);
        assertThatThrownBy(() -> txRun(() -> {
            storage.codes().takeUse(code.id());
            throw new IllegalArgumentException("abort");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("abort");

        txRun(() -> storage.codes().takeUse(code.id()));

        assertThat(reload(code).usedCount()).isEqualTo(1);
    }
}
