package io.invitehub.domain.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailTest {

    private static void assertInvalid(String raw, String message) {
        assertThatThrownBy(() -> Email.of(raw)).as(raw)
                .isInstanceOf(MalformedInputException.class).hasMessage(message)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.INVALID_EMAIL);
    }

    @Test
    void trimsAndLowerCases() {
        Email email = Email.of("  Alice.Smith+tag@Host.COM \n");

        assertThat(email.value()).isEqualTo("alice.smith+tag@host.com");
        assertThat(email.domain()).isEqualTo("host.com");
        assertThat(email).isEqualTo(Email.of("alice.smith+tag@host.com"));
    }

    @Test
    void refusesMissingInput() {
        assertInvalid(null, "e-mail is required");
        assertInvalid("", "e-mail is required");
        assertInvalid("   ", "e-mail is required");
    }

    @Test
    void refusesInvalidShapes() {
        for (String raw : new String[] {"alice", "alice@", "@host.com", "alice@host", "alice@@host.com", "a b@host.com",
                "alice@host.", "alice@host.com,bob@host.com", "<alice@host.com>", "alice@ho st.com", "\"alice\"@host.com",
                "alice@host.com;", "ali(ce)@host.com", "alice@[host].com"}) {
            assertInvalid(raw, "not a valid e-mail address");
        }
    }

    @Test
    void acceptsAtMost254Characters() {
        String longest = "a".repeat(245) + "@host.com";
        assertThat(longest).hasSize(254);
        assertThat(Email.of(longest).value()).hasSize(254);
        assertInvalid("a" + longest, "not a valid e-mail address");
        assertThat(Email.MAX_LENGTH).isEqualTo(254);
    }

    @Test
    void masksTheLocalPartKeepingFirstAndLastLetter() {
        assertThat(Email.of("alice@host.com").masked()).isEqualTo("a***e@host.com");
        assertThat(Email.of("ab@host.com").masked()).isEqualTo("a***b@host.com");
        assertThat(Email.of("Zed@Sub.Host.com").masked()).isEqualTo("z***d@sub.host.com");
    }

    @Test
    void masksAOneLetterLocalPart() {
        assertThat(Email.of("a@host.com").masked()).isEqualTo("a***@host.com");
    }

    @Test
    void toStringIsMasked() {
        assertThat(Email.of("alice@host.com").toString()).isEqualTo("a***e@host.com");
    }
}
