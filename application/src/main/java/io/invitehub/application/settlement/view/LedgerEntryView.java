package io.invitehub.application.settlement.view;

import io.invitehub.domain.settlement.LedgerKind;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/**
 * One ledger entry (ADR 37): amounts in minor units of {@code currency}; {@code balanceMinor} its effect on the
 * balance (+ owed to the platform); {@code period} the statement month it belongs to.
 */
public record LedgerEntryView(long id, LedgerKind kind, long amountMinor, long balanceMinor, String currency, YearMonth period,
                              Instant occurredAt, Optional<Long> invitationId, Optional<String> orderNo, Optional<Long> unitPriceMinor,
                              Optional<String> reason, Optional<String> reference) {
}
