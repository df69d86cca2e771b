package io.invitehub.application.webhooks.service;

import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.webhooks.port.in.DeliverWebhooksUseCase;
import io.invitehub.application.webhooks.port.out.DeliveryJob;
import io.invitehub.application.webhooks.port.out.WebhookDeliveries;
import io.invitehub.application.webhooks.port.out.WebhookSender;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sends the outbox's deliveries (ADR 42): claim one due delivery in a short transaction, send it outside any
 * transaction, then log the attempt and settle it with the claim's token — DELIVERED on a 2xx, otherwise due
 * again after a backoff while the next try falls before its give-up time, else FAILED (a redeliver sends it
 * again). A worker that dies mid-way leaves a claim that is due again when its lease ends: receivers may see
 * a delivery twice (the {@code InviteHub-Delivery} header tells them), never lose one.
 */
public final class WebhookDeliveryService implements DeliverWebhooksUseCase {
    private static final Logger LOG = Logger.getLogger(WebhookDeliveryService.class.getName());
    private static final int MAX_ERROR = 500;

    private final TransactionRunner transactions;
    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final Clock clock;
    private final WebhookSettings settings;

    public WebhookDeliveryService(TransactionRunner transactions, WebhookDeliveries deliveries, WebhookSender sender, Clock clock,
                                  WebhookSettings settings) {
        this.transactions = transactions;
        this.deliveries = deliveries;
        this.sender = sender;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public boolean deliverNext() {
        Optional<DeliveryJob> claimed = transactions.inTransaction(() -> deliveries.claimNext(clock.instant(), settings.lease()));
        if (claimed.isEmpty()) {
            return false;
        }
        DeliveryJob job = claimed.get();
        Instant started = clock.instant();
        WebhookSender.Result result;
        try {
            result = sender.send(job, started);
        } catch (RuntimeException e) {
            result = WebhookSender.Result.notSent(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Instant now = clock.instant();
        Duration took = Duration.between(started, now).isNegative() ? Duration.ZERO : Duration.between(started, now);
        WebhookSender.Result outcome = result;
        Optional<String> error = outcome.error().map(WebhookDeliveryService::bounded);
        boolean settled = transactions.inTransaction(() -> {
            deliveries.recordAttempt(job.deliveryId(), started, outcome.statusCode(), error, took);
            if (outcome.success()) {
                return deliveries.delivered(job, now, outcome.statusCode().orElseThrow());
            }
            Instant next = now.plus(settings.backoff(job.attempt()));
            if (next.isAfter(job.retrySince().plus(settings.retryFor()))) {
                return deliveries.failed(job, outcome.statusCode(), error.orElse("failed"));
            }
            return deliveries.retryAt(job, next, outcome.statusCode(), error.orElse("failed"));
        });
        if (!settled) {
            LOG.warning(() -> "webhook delivery " + job.deliveryId() + " settled after its claim lapsed; another worker may send it again");
        } else if (!outcome.success()) {
            LOG.info(() -> "webhook delivery " + job.deliveryId() + " attempt " + job.attempt() + " failed: " + error.orElse(""));
        }
        return true;
    }

    @Override
    public int purgeSettled() {
        Duration keep = settings.retention().compareTo(settings.retryFor()) > 0 ? settings.retention() : settings.retryFor();
        Instant before = clock.instant().minus(keep);
        return transactions.inTransaction(() -> deliveries.purgeSettled(before, WebhookSettings.PURGE_BATCH));
    }

    private static String bounded(String text) {
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
