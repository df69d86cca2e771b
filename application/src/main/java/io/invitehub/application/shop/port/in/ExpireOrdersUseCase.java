package io.invitehub.application.shop.port.in;

/** The batch job that closes unpaid orders. */
public interface ExpireOrdersUseCase {
    /** PENDING orders past {@code expire_at} → EXPIRED; returns how many. */
    int expireDue();
}
