package io.invitehub.domain.code;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeTest {
    private static final String BODY = "23456789ABC";

    private static String withCheck(String payload) {
        return payload + CodeAlphabet.checkCharacter(payload);
    }

    private static void assertRefused(String raw, String message) {
        assertThatThrownBy(() -> Code.parse(raw))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage(message)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.INVALID_CODE);
    }

    @Test
    void composeAppendsTheCheckCharacterOfPrefixAndBody() {
        Code code = Code.compose("HB", BODY);

        assertThat(code.value()).isEqualTo(withCheck("HB" + BODY));
        assertThat(code.value()).hasSize(14).startsWith("HB23456789ABC");
        assertThat(CodeAlphabet.hasValidCheckCharacter(code.value())).isTrue();
    }

    @Test
    void composeNormalisesPrefixAndBody() {
        assertThat(Code.compose(" hb ", "2345-6789 abc")).isEqualTo(Code.compose("HB", BODY));
    }

    @Test
    void composeRefusesAPrefixOutsideTheAlphabet() {
        // 'I' is a look-alike the alphabet leaves out, so a product prefix like "IH" can never be composed.
        assertThatThrownBy(() -> Code.compose("IH", BODY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only the code alphabet").hasMessageContaining("'I'");
    }

    @Test
    void composedCodeParsesBackToAnEqualCode() {
        Code code = Code.compose("HB", BODY);

        assertThat(Code.parse(code.value())).isEqualTo(code);
        assertThat(Code.parse(code.display())).isEqualTo(code);
        assertThat(Code.parse(code.value()).value()).isEqualTo(code.value());
    }

    @Test
    void parseAcceptsSurroundingBlanksLowerCaseSpacesAndHyphens() {
        String value = Code.compose("HB", BODY).value();
        String typed = "  " + value.substring(0, 4).toLowerCase() + "-" + value.substring(4, 8) + " "
                + value.substring(8, 12).toLowerCase() + " - " + value.substring(12) + "\t";

        assertThat(Code.parse(typed).value()).isEqualTo(value);
    }

    @Test
    void nullEmptyAndBlankAreRequired() {
        assertThatThrownBy(() -> new Code(null)).isInstanceOf(MalformedInputException.class).hasMessage("code is required");
        assertRefused("", "code is required");
        assertRefused("   ", "code is required");
        assertRefused(" - - ", "code is required");
    }

    @Test
    void refusesTheWrongLength() {
        assertThat(Code.parse(withCheck("2345678")).value()).hasSize(8);
        assertRefused(withCheck("234567"), "code has the wrong length");    // 7
        assertThat(Code.parse(withCheck("A".repeat(39))).value()).hasSize(40);
        assertThat(Code.parse(withCheck("A".repeat(39))).legacy()).isFalse();
        // 41 to 50 characters: only a candidate for an imported code, refused as before when none matches
        Code tooLong = Code.parse(withCheck("A".repeat(40)));
        assertThat(tooLong.legacy()).isTrue();
        assertUnknownRefusal(tooLong, "code has the wrong length");
        assertRefused("A".repeat(51), "code has the wrong length");
    }

    @Test
    void refusesCharactersThatNoCodeContains() {
        for (char c : new char[] {'#', '/', '%', '?', '&', '"', '\\', '<'}) {
            assertRefused("HB" + c + "3456789ABCD", "code contains a character that codes never contain");
        }
    }

    @Test
    void charactersOutsideTheAlphabetMakeALegacyCandidateThatIsRefusedWhenUnknown() {
        for (char c : new char[] {'0', 'O', '1', 'I', 'L', '_', '.', 'é'}) {
            Code candidate = Code.parse("hb" + c + "3456789abcd");
            assertThat(candidate.legacy()).isTrue();
            assertThat(candidate.value()).isEqualTo(("HB" + c + "3456789ABCD").toUpperCase(java.util.Locale.ROOT));
            assertUnknownRefusal(candidate, "code contains a character that codes never contain");
        }
    }

    @Test
    void referenceCodesParseAsLegacyCodesAndDisplayAsTheyWerePrinted() {
        for (String reference : new String[] {"D5_A1B2C3D4", "GIFT_D12_QWERTYUI", "DBUY_0OIL1ABCDEFG", "BUY_ABCDEFGH1234",
                "ZZZZ0000", "X".repeat(50)}) {
            Code code = Code.parse(" " + reference.toLowerCase(java.util.Locale.ROOT) + " ");
            assertThat(code.legacy()).as(reference).isTrue();
            assertThat(code.value()).isEqualTo(reference);
            assertThat(code.display()).isEqualTo(reference);
            assertThat(Code.parse(code.display())).isEqualTo(code);
        }
    }

    @Test
    void aGeneratedCodeIsNeverLegacyAndItsUnknownRefusalIsNotFound() {
        Code code = Code.compose("HB", BODY);

        assertThat(code.legacy()).isFalse();
        DomainException unknown = code.unknown();
        assertThat(unknown).isNotInstanceOf(MalformedInputException.class).hasMessage("This code does not exist.");
        assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID_CODE);
    }

    @Test
    void refusesAWrongCheckCharacter() {
        String value = Code.compose("HB", BODY).value();
        char check = value.charAt(value.length() - 1);
        char other = check == '2' ? '3' : '2';

        // looked up among imported codes only; when none has it, the refusal is the check character's
        Code typo = Code.parse(value.substring(0, value.length() - 1) + other);
        assertThat(typo.legacy()).isTrue();
        assertUnknownRefusal(typo, "code is mistyped (check character does not match)");
    }

    private static void assertUnknownRefusal(Code candidate, String message) {
        assertThat(candidate.unknown()).isInstanceOf(MalformedInputException.class).hasMessage(message)
                .extracting(DomainException::code).isEqualTo(ErrorCode.INVALID_CODE);
    }

    @Test
    void alphabetHasNoLookAlikes() {
        assertThat(CodeAlphabet.SIZE).isEqualTo(31);
        assertThat(CodeAlphabet.CHARACTERS).doesNotContain("0", "O", "1", "I", "L");
        assertThat(CodeAlphabet.contains('A')).isTrue();
        assertThat(CodeAlphabet.contains('a')).isFalse();
        assertThat(CodeAlphabet.at(0)).isEqualTo('2');
        assertThatThrownBy(() -> CodeAlphabet.checkCharacter("AB0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("character outside the code alphabet: 0");
    }

    @Test
    void checkCharacterCatchesEverySingleCharacterSubstitution() {
        Random random = new Random(20240601L);
        for (int n = 0; n < 3000; n++) {
            String value = randomCode(random).value();
            for (int i = 0; i < value.length(); i++) {
                for (int k = 0; k < CodeAlphabet.SIZE; k++) {
                    char replacement = CodeAlphabet.at(k);
                    if (replacement == value.charAt(i)) {
                        continue;
                    }
                    String typo = value.substring(0, i) + replacement + value.substring(i + 1);
                    assertThat(CodeAlphabet.hasValidCheckCharacter(typo)).as("%s typed as %s", value, typo).isFalse();
                }
            }
        }
    }

    @Test
    void checkCharacterCatchesEveryAdjacentTranspositionOfDistinctCharacters() {
        Random random = new Random(20240602L);
        for (int n = 0; n < 3000; n++) {
            String value = randomCode(random).value();
            for (int i = 0; i + 1 < value.length(); i++) {
                if (value.charAt(i) == value.charAt(i + 1)) {
                    continue;
                }
                String swapped = value.substring(0, i) + value.charAt(i + 1) + value.charAt(i) + value.substring(i + 2);
                assertThat(CodeAlphabet.hasValidCheckCharacter(swapped)).as("%s typed as %s", value, swapped).isFalse();
            }
        }
    }

    @Test
    void checkCharacterCatchesEverySubstitutionOfTheCheckCharacterItself() {
        Random random = new Random(7L);
        int checked = 0;
        for (int n = 0; n < 3000; n++) {
            String value = randomCode(random).value();
            String payload = value.substring(0, value.length() - 1);
            for (int k = 0; k < CodeAlphabet.SIZE; k++) {
                if (CodeAlphabet.at(k) != value.charAt(value.length() - 1)) {
                    assertThat(CodeAlphabet.hasValidCheckCharacter(payload + CodeAlphabet.at(k))).isFalse();
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(3000 * 30);
    }

    @Test
    void everyRandomlyComposedCodeIsValidAndRoundTrips() {
        Random random = new Random(11L);
        for (int n = 0; n < 3000; n++) {
            Code code = randomCode(random);
            assertThat(CodeAlphabet.hasValidCheckCharacter(code.value())).isTrue();
            assertThat(Code.parse(code.display().toLowerCase())).isEqualTo(code);
        }
    }

    @Test
    void displayGroupsByFour() {
        String value = Code.compose("HB", BODY).value();

        assertThat(Code.parse(value).display()).isEqualTo("HB23-4567-89AB-C" + value.charAt(13));
        Code sixteen = Code.compose("HB", "23456789ABCDE");
        assertThat(sixteen.display()).isEqualTo("HB23-4567-89AB-CDE" + sixteen.value().charAt(15));
        Code eight = Code.parse(withCheck("2345678"));
        assertThat(eight.display()).isEqualTo("2345-678" + eight.value().charAt(7));
    }

    @Test
    void maskedKeepsTheEndsAndHidesTheMiddle() {
        Code sixteen = Code.compose("HB", "23456789ABCDE");
        String v16 = sixteen.value();
        assertThat(sixteen.masked()).isEqualTo("HB23…" + v16.substring(12));
        assertThat(sixteen.masked()).doesNotContain("4567").doesNotContain("89AB");

        Code fourteen = Code.compose("HB", BODY);
        assertThat(fourteen.masked()).isEqualTo("HB2…" + fourteen.value().substring(11));

        Code eight = Code.parse(withCheck("2345678"));
        assertThat(eight.masked()).isEqualTo("23…" + eight.value().substring(6));
        assertThat(sixteen.toString()).isEqualTo(sixteen.masked());
    }

    static Code randomCode(Random random) {
        int length = 6 + random.nextInt(20);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < length; i++) {
            body.append(CodeAlphabet.at(random.nextInt(CodeAlphabet.SIZE)));
        }
        return Code.compose("HB", body.toString());
    }
}
