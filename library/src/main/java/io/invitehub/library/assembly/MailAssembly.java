package io.invitehub.library.assembly;

import io.invitehub.adapter.out.mail.MailTemplates;
import io.invitehub.adapter.out.mail.SmtpMailer;
import io.invitehub.adapter.out.mail.SmtpSettings;
import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.mail.port.in.DeliverMailUseCase;
import io.invitehub.application.mail.port.out.Mailer;
import io.invitehub.application.mail.service.MailDeliveryService;
import io.invitehub.application.mail.service.MailSettings;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.library.config.MailConfig;
import io.invitehub.library.inprocess.LoggingMailer;
import io.invitehub.library.worker.OutboxWorkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Deque;
import java.util.Optional;

/**
 * Mail (issue 16, ADR 41): the mailer chosen by {@code INVITEHUB_MAIL_TRANSPORT} (the log by default, SMTP when
 * configured; an embedding service may pass its own) and the workers that send the outbox's mail after commit.
 */
public record MailAssembly(Mailer mailer, DeliverMailUseCase delivery) {
    private static final Logger LOG = LoggerFactory.getLogger(MailAssembly.class);

    /** {@code custom}: the embedding service's own mailer, used instead of the configured one. */
    public static MailAssembly wire(Adapters a, MailConfig config, Optional<Mailer> custom) {
        JooqPersistence db = a.persistence();
        MailTemplates templates = MailTemplates.load();
        Mailer mailer = custom.orElseGet(() -> configured(config, templates));
        MailSettings settings = new MailSettings(config.timeout().plus(config.connectTimeout()).multipliedBy(2), config.maxAttempts(),
                config.backoffBase(), config.backoffMax(), config.retention());
        return new MailAssembly(mailer, new MailDeliveryService(db.transactions(), db.mailQueue(), mailer, a.clock(), settings));
    }

    static Mailer configured(MailConfig config, MailTemplates templates) {
        if (config.transport() == MailConfig.Transport.SMTP) {
            SmtpSettings smtp = new SmtpSettings(config.smtpHost().orElseThrow(), config.smtpPort(),
                    SmtpSettings.Security.valueOf(config.smtpSecurity().name()), config.smtpUsername(), config.smtpPassword(),
                    config.from(), config.fromName(), config.connectTimeout(), config.timeout(), Optional.empty(), true);
            LOG.info("mail: SMTP through {}", smtp);
            return new SmtpMailer(smtp, templates);
        }
        return new LoggingMailer(templates);
    }

    /** Starts the mail workers; stopped with {@code resources}. */
    public void startWorkers(Adapters a, MailConfig config, Deque<AutoCloseable> resources) {
        OutboxWorkers workers = new OutboxWorkers("mail", config.threads(), delivery::deliverNext, a.wakeUps(), WakeUps.Work.MAIL,
                config.pollInterval());
        workers.start();
        resources.push(workers);
    }
}
