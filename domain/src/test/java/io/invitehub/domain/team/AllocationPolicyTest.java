package io.invitehub.domain.team;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocationPolicyTest {

    @Test
    void parsesTheConfiguredNames() {
        assertThat(AllocationPolicy.parse("fill-first")).isEqualTo(AllocationPolicy.FILL_FIRST);
        assertThat(AllocationPolicy.parse("spread")).isEqualTo(AllocationPolicy.SPREAD);
    }

    @Test
    void ignoresCaseAndSurroundingBlanks() {
        assertThat(AllocationPolicy.parse("  Fill-First ")).isEqualTo(AllocationPolicy.FILL_FIRST);
        assertThat(AllocationPolicy.parse("SPREAD\t")).isEqualTo(AllocationPolicy.SPREAD);
    }

    @Test
    void refusesAnythingElse() {
        for (String text : new String[] {"fill_first", "FILL_FIRST", "", "round-robin"}) {
            assertThatThrownBy(() -> AllocationPolicy.parse(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown allocation policy '" + text + "' (fill-first or spread)");
        }
    }
}
