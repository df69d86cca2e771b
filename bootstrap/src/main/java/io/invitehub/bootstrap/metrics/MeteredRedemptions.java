package io.invitehub.bootstrap.metrics;

import io.invitehub.application.redemption.port.in.RedeemCodeUseCase;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.domain.shared.DomainException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code invitehub_redemptions_total{outcome}}: every redemption through the API, by outcome: the state the
 * invitation is in ({@code RESERVED}, {@code WAITING}; an idempotent repeat shows its current state), or the
 * refusal's code ({@code CODE_USED_UP}, {@code RATE_LIMITED}, …), or {@code error}.
 */
final class MeteredRedemptions implements RedeemCodeUseCase {
    private final RedeemCodeUseCase redeem;
    private final MeterRegistry registry;

    MeteredRedemptions(RedeemCodeUseCase redeem, MeterRegistry registry) {
        this.redeem = redeem;
        this.registry = registry;
    }

    @Override
    public RedemptionResult redeem(RedeemCommand command) {
        String outcome = "error";
        try {
            RedemptionResult result = redeem.redeem(command);
            outcome = result.invitation().state().name();
            return result;
        } catch (DomainException refused) {
            outcome = refused.code().name();
            throw refused;
        } finally {
            registry.counter("invitehub.redemptions", "outcome", outcome).increment();
        }
    }
}
