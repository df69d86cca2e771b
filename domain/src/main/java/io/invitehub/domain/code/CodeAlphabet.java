package io.invitehub.domain.code;

/**
 * The characters of generated codes (no look-alikes: no 0/O, 1/I/L) and the check character:
 * Luhn mod N over this alphabet, which catches every single-character typo and most swaps of
 * neighbours, so a mistyped code is refused without a database lookup.
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

    /** The check character for {@code payload}; every character must be in the alphabet. */
    public static char checkCharacter(CharSequence payload) {
        int factor = 2;
        int sum = 0;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int addend = factor * indexOf(payload.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / SIZE + addend % SIZE;
        }
        return CHARACTERS.charAt((SIZE - sum % SIZE) % SIZE);
    }

    /** True when the last character of {@code value} is the check character of the rest. */
    public static boolean hasValidCheckCharacter(CharSequence value) {
        int factor = 1;
        int sum = 0;
        for (int i = value.length() - 1; i >= 0; i--) {
            int addend = factor * indexOf(value.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / SIZE + addend % SIZE;
        }
        return sum % SIZE == 0;
    }

    private static int indexOf(char c) {
        int index = CHARACTERS.indexOf(c);
        if (index < 0) {
            throw new IllegalArgumentException("character outside the code alphabet: " + c);
        }
        return index;
    }
}
