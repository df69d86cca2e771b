package io.invitehub.adapter.out.persistence;

/** A sealed secret that cannot be opened. The message never contains the secret or the sealed value. */
public final class SecretBoxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretBoxException(String message) {
        super(message);
    }
}
