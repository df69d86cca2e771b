package io.invitehub.application.accounts.port.out;

/** One-time passwords an admin hands to a person, from a cryptographic source. */
public interface TemporaryPasswords {

    /** A new password, readable aloud (no look-alike characters), long enough to resist guessing until it is changed. */
    String next();
}
