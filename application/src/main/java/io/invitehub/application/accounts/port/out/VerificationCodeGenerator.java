package io.invitehub.application.accounts.port.out;

/** Random one-time codes from a cryptographic source. */
public interface VerificationCodeGenerator {

    /** Six decimal digits, leading zeros kept ({@code "004217"}). */
    String sixDigits();
}
