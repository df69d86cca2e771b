package io.invitehub.application.distributors.view;

import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.Email;

import java.time.Instant;
import java.util.Optional;

/** One of a distributor's codes as listed: status at the time of the query and usage {@code used/max} (max 0 = unlimited). */
public record CodeView(RedeemCodeId id, Code code, CodeStatus status, int usedCount, int maxUses,
                       Optional<Instant> expiresAt, int validityDays, Optional<Email> boundEmail, Optional<String> note,
                       Instant createdAt) {
}
