package io.invitehub.adapter.out.security;

import io.invitehub.application.accounts.port.out.VerificationCodeGenerator;

import java.security.SecureRandom;

/** Six-digit sign-up codes from {@link SecureRandom}, uniform over 000000–999999. */
public final class SecureRandomVerificationCodes implements VerificationCodeGenerator {
    private final SecureRandom random = new SecureRandom();

    @Override
    public String sixDigits() {
        return String.format("%06d", random.nextInt(1_000_000));
    }
}
