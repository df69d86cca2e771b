package io.invitehub.application.accounts.port.out;

/** Password-reset tokens: random, from a cryptographic source, and the one-way hash that is stored. */
public interface ResetTokens {

    /** A new token and its hash. */
    Issued issue();

    /** The hash of a token as a client sent it back. */
    String hash(String token);

    record Issued(String token, String hash) {
        @Override
        public String toString() {
            return "Issued[***]";
        }
    }
}
