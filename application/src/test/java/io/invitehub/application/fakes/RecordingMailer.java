package io.invitehub.application.fakes;

import io.invitehub.application.accounts.port.out.Mailer;
import io.invitehub.domain.shared.Email;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every mail instead of sending it, so tests can read the verification code. */
public final class RecordingMailer implements Mailer {
    public record Sent(Email to, String code, Duration validFor) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public void sendVerificationCode(Email to, String code, Duration validFor) {
        sent.add(new Sent(to, code, validFor));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The code of the last mail to {@code email}. */
    public String lastCodeFor(String email) {
        Email to = Email.of(email);
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).to().equals(to)) {
                return sent.get(i).code();
            }
        }
        throw new AssertionError("no mail was sent to " + to);
    }
}
