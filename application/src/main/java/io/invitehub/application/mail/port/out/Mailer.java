package io.invitehub.application.mail.port.out;

import io.invitehub.application.shared.port.out.OutgoingMail;

/**
 * Sends one mail to a person: renders its template in its language and hands it to a mail server (SMTP,
 * adapter-mail-smtp) or, in the embedded default, to the log. Called by the mail workers for rows of the
 * outbox, after the transaction that wrote them committed; never inside a transaction.
 */
public interface Mailer {

    /**
     * @throws MailException when the mail was not accepted: {@link MailException#permanent()} when trying
     *         again cannot help (the server refused the recipient for good), otherwise it is retried
     */
    void send(OutgoingMail mail);
}
