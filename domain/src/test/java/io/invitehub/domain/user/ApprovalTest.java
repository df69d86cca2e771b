package io.invitehub.domain.user;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalTest {
    /** For one action: each state it is allowed from, with the state it leads to; every other state is refused. */
    private static Map<Approval, Approval> legal(UnaryOperator<Approval> action) {
        Map<Approval, Approval> result = new EnumMap<>(Approval.class);
        for (Approval from : Approval.values()) {
            try {
                result.put(from, action.apply(from));
            } catch (DomainException refused) {
                assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
            }
        }
        return result;
    }

    @Test
    void theLifecycleIsExactlyPendingToApprovedOrRejectedAndApprovedToAndFromSuspended() {
        assertThat(legal(Approval::approve)).containsExactlyEntriesOf(Map.of(Approval.PENDING, Approval.APPROVED));
        assertThat(legal(Approval::reject)).containsExactlyEntriesOf(Map.of(Approval.PENDING, Approval.REJECTED));
        assertThat(legal(Approval::suspend)).containsExactlyEntriesOf(Map.of(Approval.APPROVED, Approval.SUSPENDED));
        assertThat(legal(Approval::reactivate)).containsExactlyEntriesOf(Map.of(Approval.SUSPENDED, Approval.APPROVED));
    }

    @Test
    void anIllegalMoveNamesTheStates() {
        assertThatThrownBy(Approval.REJECTED::approve).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(e.getMessage()).isEqualTo("cannot approve a distributor that is REJECTED (only one that is PENDING)");
        });
        assertThatThrownBy(Approval.PENDING::suspend)
                .hasMessage("cannot suspend a distributor that is PENDING (only one that is APPROVED)");
    }

    @Test
    void onlyRejectionAndSuspensionRevokeTokens() {
        assertThat(Approval.REJECTED.revokesTokens()).isTrue();
        assertThat(Approval.SUSPENDED.revokesTokens()).isTrue();
        assertThat(Approval.PENDING.revokesTokens()).isFalse();
        assertThat(Approval.APPROVED.revokesTokens()).isFalse();
    }

    @Test
    void anActorIsAUserWithItsRoleOrTheSystem() {
        Actor admin = Actor.of(new UserId(1), Role.ADMIN);

        assertThat(admin.isAnyOf(Role.ADMIN)).isTrue();
        assertThat(admin.isAnyOf(Role.OPERATOR, Role.DISTRIBUTOR)).isFalse();
        assertThat(Actor.system().isAnyOf(Role.ADMIN)).isTrue();
        assertThat(Actor.system().isSystem()).isTrue();
        assertThat(admin.toString()).isEqualTo("Actor[1, ADMIN]");
    }
}
