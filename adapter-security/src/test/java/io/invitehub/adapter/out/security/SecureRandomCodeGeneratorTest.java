package io.invitehub.adapter.out.security;

import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecureRandomCodeGeneratorTest {
    private final SecureRandomCodeGenerator generator = new SecureRandomCodeGenerator();

    @Test
    void defaultsAreHbPrefixAndElevenRandomCharactersGroupedFourFourFourTwo() {
        Code code = generator.next();

        assertThat(generator.prefix()).isEqualTo("HB");
        assertThat(generator.randomLength()).isEqualTo(11);
        assertThat(code.value()).hasSize(2 + 11 + 1).startsWith("HB");
        assertThat(code.display()).matches("HB[A-Z2-9]{2}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}");
    }

    @Test
    void generatedCodesParseBackFromTheirDisplayFormAndLowerCase() {
        for (int i = 0; i < 1_000; i++) {
            Code code = generator.next();

            assertThat(Code.parse(code.display())).isEqualTo(code);
            assertThat(Code.parse(code.display().toLowerCase())).isEqualTo(code);
            assertThat(CodeAlphabet.hasValidCheckCharacter(code.value())).isTrue();
        }
    }

    @Test
    void codesUseOnlyAlphabetCharactersAndKeepTheNormalisedPrefix() {
        SecureRandomCodeGenerator custom = new SecureRandomCodeGenerator("dbuy", 12);

        for (int i = 0; i < 1_000; i++) {
            String value = custom.next().value();
            assertThat(value).startsWith("DBUY").hasSize(4 + 12 + 1);
            for (char c : value.toCharArray()) {
                assertThat(CodeAlphabet.CHARACTERS).contains(String.valueOf(c));
            }
        }
        assertThat(custom.prefix()).isEqualTo("DBUY");
    }

    @Test
    void emptyPrefixAndMinimumLengthAreAllowed() {
        Code code = new SecureRandomCodeGenerator("", SecureRandomCodeGenerator.MIN_RANDOM_LENGTH).next();

        assertThat(code.value()).hasSize(9);
        assertThat(Code.parse(code.display())).isEqualTo(code);
    }

    @Test
    void hundredThousandCodesAreAllDistinct() {
        Set<Code> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(generator.next());
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void everyAlphabetCharacterOccursAboutEquallyOften() {
        int codes = 30_000;
        int[] counts = new int[CodeAlphabet.SIZE];
        for (int i = 0; i < codes; i++) {
            String value = generator.next().value();
            // only the random body: not the fixed prefix, not the derived check character
            for (int p = 2; p < value.length() - 1; p++) {
                counts[CodeAlphabet.CHARACTERS.indexOf(value.charAt(p))]++;
            }
        }
        double expected = codes * 11.0 / CodeAlphabet.SIZE;
        double chiSquare = 0;
        for (int count : counts) {
            assertThat(count).isBetween((int) (expected * 0.9), (int) (expected * 1.1));
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        // 30 degrees of freedom: mean 30, sd ~7.7; 100 is beyond p = 1e-9, so this only fails on real bias
        assertThat(chiSquare).isLessThan(100.0);
    }

    @Test
    void bytesFrom248UpAreSkippedAndTheRestPickTheirValueModuloThirtyOne() {
        // 15 bytes a draw for 11 characters; the first has 5 bytes of 248 and more (skipped), so 10 usable,
        // and a second draw tops the code up
        int[][] draws = {
                {255, 0, 30, 31, 248, 247, 61, 62, 100, 250, 217, 1, 2, 249, 252},
                {5, 4, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}};
        int[] call = {0};
        SecureRandom scripted = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                int[] draw = draws[call[0]++];
                assertThat(bytes).hasSize(draw.length);
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) draw[i];
                }
            }
        };
        Code code = new SecureRandomCodeGenerator("HB", 11, scripted).next();
        // 0 → '2', 30 → 'Z', 31 → '2', 247 → 30 'Z', 61 → 30 'Z', 62 → '2', 100 → 7 '9', 217 → 0 '2', 1 → '3', 2 → '4', 5 → '7'
        assertThat(code).isEqualTo(Code.compose("HB", "2Z2ZZ292347"));
        assertThat(call[0]).isEqualTo(2);
    }

    @Test
    void prefixWithCharactersOutsideTheAlphabetIsRefused() {
        for (String prefix : new String[] {"IH", "IO", "A0", "L", "1X", "AB-C", "A B", "É"}) {
            assertThatThrownBy(() -> new SecureRandomCodeGenerator(prefix, 11))
                    .as(prefix).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new SecureRandomCodeGenerator(null, 11)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void randomLengthBelowEightOrCodeOverTheMaximumIsRefused() {
        assertThatThrownBy(() -> new SecureRandomCodeGenerator("HB", 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecureRandomCodeGenerator("HB", 38)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SecureRandomCodeGenerator("HB", 37).next().value()).hasSize(Code.MAX_LENGTH);
    }
}
