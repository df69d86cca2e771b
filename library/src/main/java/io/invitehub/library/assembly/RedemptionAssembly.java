package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.recipients.port.in.ProtectRecipientsUseCase;
import io.invitehub.application.redemption.port.in.PublicRedemptionQueries;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.redemption.service.PublicRedemptionQueryService;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.application.recipients.service.RecipientProtectionService;
import io.invitehub.application.recipients.service.RecipientSettings;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.library.config.RecipientsConfig;
import io.invitehub.library.config.RedemptionConfig;

import java.time.Duration;

/**
 * Redemption (SPEC sections 3 and 9): redeem, the customer's public queries, and the anti-harassment
 * checks and lists. {@code settings} (rate limits, lockout, allocation) are shared with the rebind.
 */
public record RedemptionAssembly(RedemptionSettings settings, RecipientPolicy recipientPolicy, RedeemService redeem,
                                 PublicRedemptionQueries queries, ProtectRecipientsUseCase protectRecipients) {

    public static RedemptionAssembly wire(Adapters a, RedemptionConfig config, RecipientsConfig recipients, Duration seatsCacheTtl) {
        JooqPersistence db = a.persistence();
        RecipientPolicy policy = new RecipientPolicy(db.recipients(),
                new RecipientSettings(recipients.invitationsPerEmailPerDay(), recipients.reinviteCooldown()));
        RedemptionSettings settings = new RedemptionSettings(config.allocationPolicy(),
                new RateLimiter.Limit("redeem-address", config.perAddressPerMinute(), Duration.ofMinutes(1)),
                new RateLimiter.Limit("redeem-email", config.perEmailPerMinute(), Duration.ofMinutes(1)),
                RedemptionSettings.codeLockout(config.codeFailuresBeforeLock(), config.codeLockDuration()));
        RedeemService redeem = new RedeemService(db.transactions(), db.codes(), db.codeUses(), db.invitations(), db.teams(),
                db.seats(), a.rateLimiter(), a.wakeUps(), a.clock(), settings, policy, db.webhookEvents());
        PublicRedemptionQueries queries = new PublicRedemptionQueryService(db.codes(), db.invitations(), db.teams(), db.seats(),
                a.clock(), a.rateLimiter(), settings, a.seatsCache(), seatsCacheTtl);
        ProtectRecipientsUseCase protect = new RecipientProtectionService(db.transactions(), db.recipients(), db.codes(), db.audit(),
                a.rateLimiter(), settings, a.clock());
        return new RedemptionAssembly(settings, policy, redeem, queries, protect);
    }
}
