package io.invitehub.application.shared.port.out;

import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.Language;

import java.util.Map;
import java.util.Objects;

/**
 * One mail to write: to whom, in which language, which template and its values. The values may be secret
 * (a verification code, a reset link), so {@link #toString()} never shows them and the outbox seals them.
 */
public record OutgoingMail(Email to, Language language, MailTemplate template, Map<String, String> values) {
    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(template, "template");
        values = Map.copyOf(values);
        if (!values.keySet().equals(java.util.Set.copyOf(template.keys()))) {
            throw new IllegalArgumentException(template + " needs the values " + template.keys() + ", got " + values.keySet());
        }
    }

    @Override
    public String toString() {
        return "OutgoingMail[" + to.masked() + ", " + language + ", " + template + "]";
    }
}
