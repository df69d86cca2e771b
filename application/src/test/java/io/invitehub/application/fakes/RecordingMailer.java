package io.invitehub.application.fakes;

import io.invitehub.application.mail.port.out.MailException;
import io.invitehub.application.mail.port.out.Mailer;
import io.invitehub.application.shared.port.out.OutgoingMail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every mail instead of sending it; {@link #failNext} makes the next sends fail as an outage would. */
public final class RecordingMailer implements Mailer {
    private final List<OutgoingMail> sent = new CopyOnWriteArrayList<>();
    private volatile int failures;
    private volatile boolean permanent;

    @Override
    public void send(OutgoingMail mail) {
        if (failures > 0) {
            failures--;
            throw new MailException("connection refused (test outage)", permanent, null);
        }
        sent.add(mail);
    }

    /** The next {@code count} sends fail; permanently (the server refused the recipient) or not. */
    public void failNext(int count, boolean permanent) {
        this.failures = count;
        this.permanent = permanent;
    }

    public List<OutgoingMail> sent() {
        return List.copyOf(sent);
    }
}
