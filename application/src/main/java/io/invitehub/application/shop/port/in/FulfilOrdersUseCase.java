package io.invitehub.application.shop.port.in;

/** The fulfilment worker's step: deliver the codes of paid orders. */
public interface FulfilOrdersUseCase {
    /** Claims one due order and delivers its remaining codes in batches; false when none was due. */
    boolean fulfilNext();
}
