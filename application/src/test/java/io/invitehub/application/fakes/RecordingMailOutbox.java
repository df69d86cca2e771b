package io.invitehub.application.fakes;

import io.invitehub.application.shared.port.out.MailOutbox;
import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.application.shared.port.out.OutgoingMail;
import io.invitehub.domain.shared.Email;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every mail written to the outbox, so tests can read the verification code or the reset link. */
public final class RecordingMailOutbox implements MailOutbox {
    private final List<OutgoingMail> mail = new CopyOnWriteArrayList<>();

    @Override
    public void enqueue(OutgoingMail message, Instant now) {
        mail.add(message);
    }

    public List<OutgoingMail> mail() {
        return List.copyOf(mail);
    }

    /** The mail of {@code template} to {@code email}, oldest first. */
    public List<OutgoingMail> to(String email, MailTemplate template) {
        Email to = Email.of(email);
        return mail.stream().filter(m -> m.to().equals(to) && m.template() == template).toList();
    }

    /** The code of the last verification mail to {@code email}. */
    public String lastCodeFor(String email) {
        List<OutgoingMail> sent = to(email, MailTemplate.VERIFICATION_CODE);
        if (sent.isEmpty()) {
            throw new AssertionError("no mail was sent to " + email);
        }
        return sent.get(sent.size() - 1).values().get("code");
    }
}
