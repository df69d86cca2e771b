package io.invitehub.application.accounts.port.out;

import io.invitehub.domain.shared.Email;

import java.time.Instant;
import java.util.Optional;

/** Storage of e-mail verification codes for distributor sign-up: one pending code per e-mail, stored hashed. */
public interface VerificationCodes {

    /** A stored code: its hash, when it expires, and how many wrong codes were tried against it. */
    record Pending(Email email, String codeHash, Instant expiresAt, int failedAttempts) {
        @Override
        public String toString() {
            return "Pending[" + email + ", expiresAt=" + expiresAt + ", failedAttempts=" + failedAttempts + "]";
        }
    }

    /** Stores a new code for the e-mail, replacing any previous one (and its failed attempts). */
    void replace(Email email, String codeHash, Instant expiresAt);

    Optional<Pending> find(Email email);

    /** Counts one wrong code; returns the failed attempts now recorded (0 when no code is pending). */
    int recordFailure(Email email);

    /** Removes the pending code (used, or given up). */
    void remove(Email email);
}
