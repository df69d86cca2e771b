package io.invitehub.domain.invitation;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.invitehub.domain.invitation.InvitationState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvitationStateTest {
    /** The diagram of SPEC section 2, written out. */
    private static final Map<InvitationState, Set<InvitationState>> ALLOWED = Map.of(
            WAITING, EnumSet.of(RESERVED, CANCELLED),
            RESERVED, EnumSet.of(INVITED, CANCELLED, FAILED),
            INVITED, EnumSet.of(JOINED, CANCELLED, REMOVING, EXPIRED),
            JOINED, EnumSet.of(REMOVING, EXPIRED, REBOUND),
            REMOVING, EnumSet.of(REMOVED, CANCELLED, EXPIRED, REBOUND, INVITED, JOINED),
            CANCELLED, EnumSet.noneOf(InvitationState.class),
            FAILED, EnumSet.noneOf(InvitationState.class),
            REMOVED, EnumSet.noneOf(InvitationState.class),
            EXPIRED, EnumSet.noneOf(InvitationState.class),
            REBOUND, EnumSet.noneOf(InvitationState.class));

    @Test
    void nextIsTheDiagram() {
        for (InvitationState from : values()) {
            assertThat(from.next()).as("next of %s", from).isEqualTo(ALLOWED.get(from));
        }
    }

    @Test
    void canMoveToAgreesWithNextForEveryPair() {
        int legal = 0;
        for (InvitationState from : values()) {
            for (InvitationState to : values()) {
                boolean expected = ALLOWED.get(from).contains(to);
                assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(expected).isEqualTo(from.next().contains(to));
                if (expected) {
                    legal++;
                }
            }
        }
        assertThat(legal).isEqualTo(18);
    }

    @Test
    void moveToReturnsTheTargetOfALegalMove() {
        for (InvitationState from : values()) {
            for (InvitationState to : from.next()) {
                assertThat(from.moveTo(to)).isEqualTo(to);
            }
        }
    }

    @Test
    void moveToRefusesEveryIllegalMove() {
        int refused = 0;
        for (InvitationState from : values()) {
            for (InvitationState to : values()) {
                if (!ALLOWED.get(from).contains(to)) {
                    assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(IllegalStateException.class)
                            .hasMessage("an invitation cannot move from " + from + " to " + to);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(100 - 18);
    }

    @Test
    void noStateMovesToItself() {
        for (InvitationState state : values()) {
            assertThat(state.canMoveTo(state)).isFalse();
        }
    }

    @Test
    void seatHoldingAndOpenSets() {
        assertThat(seatHolding()).containsExactlyInAnyOrder(RESERVED, INVITED, JOINED, REMOVING);
        assertThat(open()).containsExactlyInAnyOrder(WAITING, RESERVED, INVITED, JOINED, REMOVING);
        assertThatThrownBy(() -> seatHolding().add(WAITING)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> open().remove(WAITING)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void predicatesMatchTheSets() {
        for (InvitationState state : values()) {
            assertThat(state.holdsSeat()).as("%s", state).isEqualTo(seatHolding().contains(state));
            assertThat(state.isOpen()).as("%s", state).isEqualTo(open().contains(state));
            assertThat(state.isEnded()).as("%s", state).isEqualTo(!open().contains(state));
        }
        assertThat(WAITING.holdsSeat()).isFalse();
        assertThat(WAITING.isOpen()).isTrue();
        assertThat(EnumSet.allOf(InvitationState.class).stream().filter(InvitationState::isEnded))
                .containsExactlyInAnyOrder(CANCELLED, FAILED, REMOVED, EXPIRED, REBOUND);
    }

    @Test
    void endedStatesAreExactlyThoseWithoutAWayOut() {
        for (InvitationState state : values()) {
            assertThat(state.next().isEmpty()).as("%s", state).isEqualTo(state.isEnded());
        }
    }
}
