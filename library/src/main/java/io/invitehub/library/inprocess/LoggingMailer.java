package io.invitehub.library.inprocess;

import io.invitehub.adapter.out.mail.MailTemplates;
import io.invitehub.application.mail.port.out.Mailer;
import io.invitehub.application.shared.port.out.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's {@link Mailer}: writes the rendered mail to the log at INFO so a developer can sign
 * up and reset a password without a mail server. The mail's content (a verification code, a reset link) is
 * logged on purpose; the address is masked and nothing else secret is ever logged.
 */
public final class LoggingMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingMailer.class);

    private final MailTemplates templates;

    public LoggingMailer(MailTemplates templates) {
        this.templates = templates;
    }

    @Override
    public void send(OutgoingMail mail) {
        MailTemplates.Rendered text = templates.render(mail);
        LOG.info("[mail to {}, {}] {}\n{}", mail.to().masked(), mail.language().tag(), text.subject(), text.body());
    }
}
