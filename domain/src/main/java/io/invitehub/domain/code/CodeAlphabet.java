package io.invitehub.domain.code;

/**
 * The characters of generated codes (no look-alikes: no 0/O, 1/I/L) and the check character.
 *
 * <p>The check is a weighted sum modulo 31 (the alphabet size, a prime): the character at position
 * {@code i} counted from the right (the check character is {@code i = 0}) has weight
 * {@code (i mod 30) + 1}, and a code is valid when the weighted sum of the character indexes is
 * 0 mod 31. Every weight is non-zero and neighbouring weights differ, so every single-character
 * substitution and every swap of two different neighbouring characters changes the sum: such a
 * typo is refused without a database lookup. (Luhn mod N would not do: it needs an even N.)
 */
public final class CodeAlphabet {
    public static final String CHARACTERS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public static final int SIZE = CHARACTERS.length();

    private CodeAlphabet() {
    }

    public static boolean contains(char c) {
        return CHARACTERS.indexOf(c) >= 0;
    }

    public static char at(int index) {
        return CHARACTERS.charAt(index);
    }

    /** The check character to append to {@code payload}; every character must be in the alphabet. */
    public static char checkCharacter(CharSequence payload) {
        int sum = 0;
        for (int i = 1; i <= payload.length(); i++) {
            sum = (sum + weight(i) * indexOf(payload.charAt(payload.length() - i))) % SIZE;
        }
        return CHARACTERS.charAt((SIZE - sum) % SIZE);
    }

    /** True when the last character of {@code value} is the check character of the rest. */
    public static boolean hasValidCheckCharacter(CharSequence value) {
        int sum = 0;
        for (int i = 0; i < value.length(); i++) {
            sum = (sum + weight(i) * indexOf(value.charAt(value.length() - 1 - i))) % SIZE;
        }
        return sum == 0;
    }

    private static int weight(int positionFromRight) {
        return positionFromRight % (SIZE - 1) + 1;
    }

    private static int indexOf(char c) {
        int index = CHARACTERS.indexOf(c);
        if (index < 0) {
            throw new IllegalArgumentException("character outside the code alphabet: " + c);
        }
        return index;
    }
}
