package io.invitehub.adapter.out.mail;

import io.invitehub.application.mail.port.out.MailException;
import io.invitehub.application.mail.port.out.Mailer;
import io.invitehub.application.shared.port.out.OutgoingMail;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * {@link Mailer} over SMTP with Jakarta Mail (Eclipse Angus): one connection per mail (mail is rare and
 * the workers send one at a time), TLS as {@link SmtpSettings.Security} says with the server's certificate and
 * host name checked, authentication when a username is set, and connect, read and write timeouts so a hung
 * server cannot hold a worker. A 5xx refusal of the recipient is permanent; everything else (no connection,
 * timeouts, 4xx, a failed login) is worth another attempt later.
 */
public final class SmtpMailer implements Mailer {
    private final SmtpSettings settings;
    private final MailTemplates templates;
    private final Session session;
    private final InternetAddress from;

    public SmtpMailer(SmtpSettings settings, MailTemplates templates) {
        this.settings = settings;
        this.templates = templates;
        this.session = Session.getInstance(properties(settings));
        try {
            this.from = settings.fromName().isPresent()
                    ? new InternetAddress(settings.from(), settings.fromName().get(), StandardCharsets.UTF_8.name())
                    : new InternetAddress(settings.from(), true);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("the sender address is not valid: " + settings.from(), e);
        }
    }

    static Properties properties(SmtpSettings s) {
        boolean smtps = s.security() == SmtpSettings.Security.SMTPS;
        String p = smtps ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put("mail.transport.protocol", smtps ? "smtps" : "smtp");
        props.put(p + "host", s.host());
        props.put(p + "port", Integer.toString(s.port()));
        props.put(p + "auth", Boolean.toString(s.username().isPresent()));
        props.put(p + "connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        props.put(p + "timeout", Long.toString(s.timeout().toMillis()));
        props.put(p + "writetimeout", Long.toString(s.timeout().toMillis()));
        if (s.security() == SmtpSettings.Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (s.security() != SmtpSettings.Security.NONE) {
            props.put(p + "ssl.checkserveridentity", Boolean.toString(s.checkServerIdentity()));
            props.put(p + "ssl.protocols", "TLSv1.3 TLSv1.2");
            s.socketFactory().ifPresent(f -> props.put(p + "ssl.socketFactory", f));
        }
        return props;
    }

    @Override
    public void send(OutgoingMail mail) {
        MailTemplates.Rendered text = templates.render(mail);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to().value(), true));
            message.setSubject(text.subject(), StandardCharsets.UTF_8.name());
            message.setText(text.body(), StandardCharsets.UTF_8.name());
            message.setHeader("Content-Language", mail.language().tag());
            message.setSentDate(new Date());
            message.saveChanges();
            try (Transport transport = session.getTransport()) {
                if (settings.username().isPresent()) {
                    transport.connect(settings.host(), settings.port(), settings.username().get(), settings.password().orElseThrow());
                } else {
                    transport.connect();
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (AuthenticationFailedException e) {
            throw new MailException("the mail server refused the login", false, e);
        } catch (SendFailedException e) {
            throw new MailException(describe(e), permanent(e), e);
        } catch (MessagingException e) {
            throw new MailException("mail not sent: " + e.getMessage(), false, e);
        }
    }

    /** The recipient was refused with a 5xx: sending again cannot help. */
    private static boolean permanent(SendFailedException e) {
        Exception next = e.getNextException();
        while (next != null) {
            if (next instanceof SMTPAddressFailedException && ((SMTPAddressFailedException) next).getReturnCode() >= 500) {
                return true;
            }
            next = next instanceof MessagingException ? ((MessagingException) next).getNextException() : null;
        }
        Address[] invalid = e.getInvalidAddresses();
        return invalid != null && invalid.length > 0 && (e.getValidUnsentAddresses() == null || e.getValidUnsentAddresses().length == 0)
                && e.getMessage() != null && e.getMessage().startsWith("Invalid Addresses");
    }

    private static String describe(SendFailedException e) {
        Exception next = e.getNextException();
        return "mail not accepted: " + e.getMessage() + (next == null ? "" : " (" + next.getMessage() + ")");
    }

    @Override
    public String toString() {
        return "SmtpMailer[" + settings + "]";
    }
}
