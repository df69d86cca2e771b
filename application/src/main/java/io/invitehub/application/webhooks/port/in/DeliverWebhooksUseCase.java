package io.invitehub.application.webhooks.port.in;

/** The webhook workers' step (ADR 42): send one due delivery. Embedding services may run it on their own scheduler. */
public interface DeliverWebhooksUseCase {

    /** Claims and sends one due delivery; true when there was one (delivered or not), false when none was due. */
    boolean deliverNext();

    /** Deletes one batch of settled events (with their deliveries and log) older than the retention; answers how many. */
    int purgeSettled();
}
