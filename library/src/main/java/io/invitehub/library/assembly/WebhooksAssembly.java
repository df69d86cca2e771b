package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.security.SecureRandomWebhookSecrets;
import io.invitehub.adapter.out.webhook.AddressGuard;
import io.invitehub.adapter.out.webhook.HttpWebhookSender;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.webhooks.port.in.DeliverWebhooksUseCase;
import io.invitehub.application.webhooks.port.in.ManageWebhooksUseCase;
import io.invitehub.application.webhooks.service.WebhookAdminService;
import io.invitehub.application.webhooks.service.WebhookDeliveryService;
import io.invitehub.application.webhooks.service.WebhookSettings;
import io.invitehub.library.config.WebhookConfig;
import io.invitehub.library.worker.OutboxWorkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.invitehub.application.shared.port.out.JobLeases;
import io.invitehub.library.worker.OutboxRetention;

import java.time.Duration;
import java.util.Deque;
import java.util.List;

/**
 * Outbound webhooks (issue 16, ADR 42): endpoint management for distributors and staff, and the workers that
 * send the outbox's deliveries over HTTPS with the SSRF guard. {@code INVITEHUB_WEBHOOKS_ALLOW_LOCAL} (a
 * development setting) admits http URLs and loopback receivers.
 */
public record WebhooksAssembly(ManageWebhooksUseCase manage, DeliverWebhooksUseCase delivery) {
    private static final Logger LOG = LoggerFactory.getLogger(WebhooksAssembly.class);

    public static WebhooksAssembly wire(Adapters a, WebhookConfig config, Deque<AutoCloseable> resources) {
        JooqPersistence db = a.persistence();
        if (config.allowLocal()) {
            LOG.warn("INVITEHUB_WEBHOOKS_ALLOW_LOCAL is on: webhooks may use http and loopback receivers (development only)");
        }
        WebhookSettings settings = new WebhookSettings(config.timeout().plus(config.connectTimeout()).multipliedBy(2), config.retryFor(),
                config.backoffBase(), config.backoffMax(), config.maxEndpointsPerOwner(), config.allowLocal(), config.retention());
        HttpWebhookSender sender = new HttpWebhookSender(AddressGuard.system(config.allowLocal()), config.connectTimeout(), config.timeout());
        resources.push(sender);
        ManageWebhooksUseCase manage = new WebhookAdminService(db.transactions(), db.webhookEndpoints(), db.webhookDeliveries(),
                new SecureRandomWebhookSecrets(), db.audit(), a.wakeUps(), a.clock(), settings);
        return new WebhooksAssembly(manage, new WebhookDeliveryService(db.transactions(), db.webhookDeliveries(), sender, a.clock(), settings));
    }

    /** How often one node deletes settled mail and webhook events past their retention. */
    static final Duration RETENTION_INTERVAL = Duration.ofHours(1);

    /**
     * The hourly retention job of both outboxes (one node per run, ADR 41, 42), not started: {@code start()} runs it
     * on its own thread, {@code runOnce()} on the caller's.
     */
    public OutboxRetention retention(MailAssembly mail, JobLeases leases) {
        return new OutboxRetention(List.of(mail.delivery()::purgeSettled, delivery::purgeSettled), leases, RETENTION_INTERVAL);
    }

    /** Starts the delivery workers; stopped with {@code resources}. */
    public void startWorkers(Adapters a, WebhookConfig config, Deque<AutoCloseable> resources) {
        OutboxWorkers workers = new OutboxWorkers("webhooks", config.threads(), delivery::deliverNext, a.wakeUps(), WakeUps.Work.WEBHOOKS,
                config.pollInterval());
        workers.start();
        resources.push(workers);
    }
}
