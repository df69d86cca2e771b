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

    /**
     * The code of the last verification mail to {@code email}, waiting up to 10 s for it: mail goes through the
     * outbox and is sent by the mail workers after commit.
     */
    public String lastCodeFor(String email) {
        io.invitehub.domain.shared.Email to = io.invitehub.domain.shared.Email.of(email);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (true) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                OutgoingMail m = sent.get(i);
                if (m.to().equals(to) && m.template() == io.invitehub.application.shared.port.out.MailTemplate.VERIFICATION_CODE) {
                    return m.values().get("code");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no verification mail was sent to " + to);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
