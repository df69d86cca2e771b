package io.invitehub.domain.invitation;

import org.junit.jupiter.api.Test;

import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;

class RemovalKindTest {
    @Test
    void eachKindEndsInItsStateAndOnlyRemovalAndTimeoutGiveTheUseBack() {
        assertThat(RemovalKind.REMOVE.endState()).isEqualTo(REMOVED);
        assertThat(RemovalKind.TIMEOUT.endState()).isEqualTo(CANCELLED);
        assertThat(RemovalKind.EXPIRE.endState()).isEqualTo(EXPIRED);
        assertThat(RemovalKind.REBIND.endState()).isEqualTo(REBOUND);
        assertThat(RemovalKind.REMOVE.givesUseBack()).isTrue();
        assertThat(RemovalKind.TIMEOUT.givesUseBack()).isTrue();
        assertThat(RemovalKind.EXPIRE.givesUseBack()).isFalse();
        assertThat(RemovalKind.REBIND.givesUseBack()).isFalse();
    }

    @Test
    void everyEndStateIsReachableFromRemoving() {
        for (RemovalKind kind : RemovalKind.values()) {
            assertThat(REMOVING.canMoveTo(kind.endState())).as(kind.name()).isTrue();
        }
    }

    @Test
    void claimsComeFromTheStatesTheSpecNames() {
        assertThat(RemovalKind.REMOVE.mayClaimFrom(INVITED)).isTrue();
        assertThat(RemovalKind.REMOVE.mayClaimFrom(JOINED)).isTrue();
        assertThat(RemovalKind.REMOVE.mayClaimFrom(RESERVED)).isFalse();
        assertThat(RemovalKind.TIMEOUT.mayClaimFrom(INVITED)).isTrue();
        assertThat(RemovalKind.TIMEOUT.mayClaimFrom(JOINED)).isFalse();
        assertThat(RemovalKind.EXPIRE.mayClaimFrom(JOINED)).isTrue();
        assertThat(RemovalKind.EXPIRE.mayClaimFrom(INVITED)).isTrue();
        assertThat(RemovalKind.REBIND.mayClaimFrom(JOINED)).isTrue();
        assertThat(RemovalKind.REBIND.mayClaimFrom(INVITED)).isFalse();
        for (RemovalKind kind : RemovalKind.values()) {
            assertThat(kind.mayClaimFrom(REMOVING)).isFalse();
            assertThat(kind.mayClaimFrom(WAITING)).isFalse();
        }
    }

    @Test
    void removalAndTimeoutWaitWhileTheMemberMovesExpiryAndRebindDoNot() {
        assertThat(RemovalKind.REMOVE.waitsForMove()).isTrue();
        assertThat(RemovalKind.TIMEOUT.waitsForMove()).isTrue();
        assertThat(RemovalKind.EXPIRE.waitsForMove()).isFalse();
        assertThat(RemovalKind.REBIND.waitsForMove()).isFalse();
    }
}
