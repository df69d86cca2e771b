package io.invitehub.application.shared.port.out;

import java.util.List;

/**
 * The mails InviteHub writes, each with the values its text needs (every language's template uses exactly
 * these). The mail adapter holds the texts, one per template and {@link io.invitehub.domain.shared.Language}.
 */
public enum MailTemplate {
    /** Sign-up: {@code code} (six digits), {@code minutes} it is valid. */
    VERIFICATION_CODE(List.of("code", "minutes")),
    /** Password reset: {@code link} (holds the token), {@code minutes} it is valid. */
    PASSWORD_RESET(List.of("link", "minutes")),
    /** A customer who waited in the queue has a seat: {@code team}, {@code invitation_id} (public id). */
    SEAT_READY(List.of("team", "invitation_id"));

    private final List<String> keys;

    MailTemplate(List<String> keys) {
        this.keys = keys;
    }

    /** The values a mail of this template must carry. */
    public List<String> keys() {
        return keys;
    }
}
