package io.invitehub.application.mail.port.in;

/** The mail workers' step (ADR 41): send one due mail of the outbox. Embedding services may run it on their own scheduler. */
public interface DeliverMailUseCase {

    /** Claims and sends one due mail; true when there was one (sent or not), false when none was due. */
    boolean deliverNext();

    /** Deletes one batch of settled mail older than the retention; answers how many (run until it answers less than a batch). */
    int purgeSettled();
}
