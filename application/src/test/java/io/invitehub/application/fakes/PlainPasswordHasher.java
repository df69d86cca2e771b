package io.invitehub.application.fakes;

import io.invitehub.application.accounts.port.out.PasswordHasher;

/**
 * TEST ONLY. A reversible "hash" ({@code plain:} + the password) so tests can read what was
 * stored. Never use it outside tests: it protects nothing.
 */
public final class PlainPasswordHasher implements PasswordHasher {
    public static final String PREFIX = "plain:";

    @Override
    public String hash(char[] password) {
        return PREFIX + new String(password);
    }

    @Override
    public boolean matches(char[] password, String hash) {
        return hash != null && hash.equals(PREFIX + new String(password));
    }
}
