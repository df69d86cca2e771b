package io.invitehub.application.accounts.port.out;

/** An adaptive password hash (bcrypt or Argon2) from a maintained library. */
public interface PasswordHasher {
    String hash(char[] password);

    boolean matches(char[] password, String hash);
}
