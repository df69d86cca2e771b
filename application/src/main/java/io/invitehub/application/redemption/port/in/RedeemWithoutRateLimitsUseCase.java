package io.invitehub.application.redemption.port.in;

/**
 * The redemption of {@link RedeemCodeUseCase} without the public rate limits: for a signed-in distributor
 * re-inviting its own removed customer, who is limited by its own checks, not by the customer's.
 */
public interface RedeemWithoutRateLimitsUseCase {
    RedemptionResult redeemWithoutRateLimits(RedeemCommand command);
}
