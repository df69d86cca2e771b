package io.invitehub.application.mail.port.out;

/** A mail the server did not accept; {@code permanent} when sending it again cannot succeed. */
public class MailException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    public MailException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
