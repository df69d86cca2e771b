package io.invitehub.application.mail.service;

import io.invitehub.application.mail.port.in.DeliverMailUseCase;
import io.invitehub.application.mail.port.out.MailException;
import io.invitehub.application.mail.port.out.MailQueue;
import io.invitehub.application.mail.port.out.Mailer;
import io.invitehub.application.shared.port.out.TransactionRunner;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox's mail (ADR 41): claim one due mail in a short transaction, talk to the mail server
 * outside any transaction, then settle it with the claim's token — SENT, due again after a backoff, or
 * FAILED after the last attempt or a permanent refusal. A worker that dies mid-way leaves a claim that is
 * due again when its lease ends (the mail may then go out twice; it is never lost).
 */
public final class MailDeliveryService implements DeliverMailUseCase {
    private static final Logger LOG = Logger.getLogger(MailDeliveryService.class.getName());
    private static final int MAX_ERROR = 500;

    private final TransactionRunner transactions;
    private final MailQueue queue;
    private final Mailer mailer;
    private final Clock clock;
    private final MailSettings settings;

    public MailDeliveryService(TransactionRunner transactions, MailQueue queue, Mailer mailer, Clock clock, MailSettings settings) {
        this.transactions = transactions;
        this.queue = queue;
        this.mailer = mailer;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public boolean deliverNext() {
        Optional<MailQueue.ClaimedMail> claimed = transactions.inTransaction(() -> queue.claimNext(clock.instant(), settings.lease()));
        if (claimed.isEmpty()) {
            return false;
        }
        MailQueue.ClaimedMail mail = claimed.get();
        try {
            mailer.send(mail.mail());
        } catch (MailException e) {
            settleFailure(mail, e.getMessage(), e.permanent());
            return true;
        } catch (RuntimeException e) {
            settleFailure(mail, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
            return true;
        }
        Instant now = clock.instant();
        if (!transactions.inTransaction(() -> queue.sent(mail, now))) {
            LOG.warning(() -> "mail " + mail.id() + " was sent after its claim lapsed; another worker may send it again");
        }
        return true;
    }

    @Override
    public int purgeSettled() {
        Instant before = clock.instant().minus(settings.retention());
        return transactions.inTransaction(() -> queue.purgeSettled(before, MailSettings.PURGE_BATCH));
    }

    private void settleFailure(MailQueue.ClaimedMail mail, String message, boolean permanent) {
        String error = message == null ? "unknown error" : message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
        if (permanent || mail.attempt() >= settings.maxAttempts()) {
            transactions.inTransaction(() -> queue.failed(mail, error));
            LOG.log(Level.WARNING, () -> "mail " + mail.id() + " (" + mail.mail() + ") given up after attempt " + mail.attempt() + ": " + error);
        } else {
            Instant at = clock.instant().plus(settings.backoff(mail.attempt()));
            transactions.inTransaction(() -> queue.retryAt(mail, at, error));
            LOG.info(() -> "mail " + mail.id() + " not sent (attempt " + mail.attempt() + "), retrying at " + at + ": " + error);
        }
    }
}
