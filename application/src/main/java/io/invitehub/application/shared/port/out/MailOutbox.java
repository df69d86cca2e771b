package io.invitehub.application.shared.port.out;

import java.time.Instant;

/**
 * Mail to send, written in the caller's transaction (so it exists exactly when what it tells about was
 * committed) and sent after commit by the mail workers, with retries (ADR 41). Callers signal
 * {@link WakeUps.Work#MAIL} after commit.
 */
public interface MailOutbox {

    /** Stores the mail, due at {@code now}; joins the caller's transaction. */
    void enqueue(OutgoingMail mail, Instant now);
}
