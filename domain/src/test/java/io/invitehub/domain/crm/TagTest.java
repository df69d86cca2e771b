package io.invitehub.domain.crm;

import io.invitehub.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagTest {

    @Test
    void theSameWordIsOneTagHoweverItWasTyped() {
        assertThat(Tag.parse("  VIP ")).isEqualTo(Tag.parse("vip"));
        assertThat(Tag.parse("Renewal  2027").value()).isEqualTo("renewal-2027");
        assertThat(Tag.parse("renewal_2027")).isEqualTo(Tag.parse("RENEWAL - 2027"));
        assertThat(Tag.parse("ＶＩＰ").value()).isEqualTo("vip");
        assertThat(Tag.parse("老客户").value()).isEqualTo("老客户");
        assertThat(Tag.parse("team.a").value()).isEqualTo("team.a");
    }

    @Test
    void refusesEmptyLongAndPunctuatedTags() {
        for (String bad : new String[]{"", "   ", "-vip", "a,b", "vip!", "x".repeat(Tag.MAX_LENGTH + 1), "a/b", "<b>"}) {
            assertThatThrownBy(() -> Tag.parse(bad)).as(bad).isInstanceOf(DomainException.class);
        }
        assertThat(Tag.parse("x".repeat(Tag.MAX_LENGTH)).value()).hasSize(Tag.MAX_LENGTH);
        assertThatThrownBy(() -> new Tag("VIP")).isInstanceOf(DomainException.class);
    }

    @Test
    void aNoteIsTrimmedAndBounded() {
        assertThat(new NoteText("  called on Monday\n").value()).isEqualTo("called on Monday");
        assertThat(new NoteText(" ").isEmpty()).isTrue();
        assertThatThrownBy(() -> new NoteText("x".repeat(NoteText.MAX_LENGTH + 1))).isInstanceOf(DomainException.class);
    }
}
