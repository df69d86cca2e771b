package io.invitehub.application.redemption.port.in;

/**
 * Redeems a code: takes a use atomically, binds the e-mail, reserves a seat (or queues), and hands
 * the invitation to the dispatcher after commit. Refusals are {@link io.invitehub.domain.shared.DomainException}s.
 */
public interface RedeemCodeUseCase {
    RedemptionResult redeem(RedeemCommand command);
}
