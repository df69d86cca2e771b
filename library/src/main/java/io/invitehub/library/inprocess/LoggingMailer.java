package io.invitehub.library.inprocess;

import io.invitehub.application.accounts.port.out.Mailer;
import io.invitehub.domain.shared.Email;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The embedded default's {@link Mailer}: writes the mail to the log at INFO so a developer can sign up
 * without a mail server. The verification code is the content of the mail and is logged on purpose;
 * the address is masked and nothing else secret is ever logged.
 */
public final class LoggingMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingMailer.class);

    @Override
    public void sendVerificationCode(Email to, String code, Duration validFor) {
        LOG.info("[mail to {}] InviteHub verification code: {} (valid {} min)", to.masked(), code, validFor.toMinutes());
    }
}
