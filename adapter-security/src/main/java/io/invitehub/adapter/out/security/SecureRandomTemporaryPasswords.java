package io.invitehub.adapter.out.security;

import io.invitehub.application.accounts.port.out.TemporaryPasswords;

import java.security.SecureRandom;

/**
 * Temporary passwords from {@link SecureRandom}: 16 characters of an alphabet without look-alikes (no 0/O,
 * 1/I/l), grouped by four for reading it out ({@code kq7m-x3rw-…}): about 79 bits, far beyond guessing within
 * the login limits before its owner replaces it.
 */
public final class SecureRandomTemporaryPasswords implements TemporaryPasswords {
    static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    static final int LENGTH = 16;
    private final SecureRandom random = new SecureRandom();

    @Override
    public String next() {
        StringBuilder password = new StringBuilder(LENGTH + LENGTH / 4);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
