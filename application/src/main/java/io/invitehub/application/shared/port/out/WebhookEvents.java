package io.invitehub.application.shared.port.out;

/**
 * The webhook outbox (ADR 42): {@link #publish} stores the event and one delivery for every active endpoint
 * subscribed to it (the event's distributor's endpoints and the staff's), in the caller's transaction, so a
 * delivery exists exactly when the event was committed. The webhook workers send them after commit; callers
 * signal {@link WakeUps.Work#WEBHOOKS} after commit.
 */
public interface WebhookEvents {

    /**
     * Stores the event and its deliveries (nothing when no endpoint subscribes); joins the caller's transaction.
     * Answers how many deliveries were written: callers wake the webhook workers only when there are some.
     */
    int publish(WebhookEvent event);

    /** Publishes nothing: for services wired without webhooks (tests, embedding without them). */
    WebhookEvents NONE = event -> 0;
}
