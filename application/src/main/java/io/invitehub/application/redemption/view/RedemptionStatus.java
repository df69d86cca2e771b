package io.invitehub.application.redemption.view;

import java.time.Instant;
import java.util.Optional;

/** A code's state as its bound customer may see it. */
public record RedemptionStatus(String code, boolean active, int usedCount, int maxUses, Optional<Instant> expiresAt,
                               int validityDays, Optional<Instant> activatedAt, Optional<Instant> memberExpiresAt,
                               long remainingDays, Optional<InvitationView> latestInvitation) {
}
