package io.invitehub.application.shop.port.out;

/** A payment notification that did not verify (bad or missing signature, another merchant, malformed fields). */
public final class RejectedNotification extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RejectedNotification(String reason) {
        super(reason, null, false, false);
    }
}
