package io.invitehub.application.settlement.view;

import io.invitehub.domain.settlement.StatementState;
import io.invitehub.domain.settlement.StatementTotals;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/**
 * One monthly statement of a distributor. {@code id} is empty for a month computed on demand (the running month,
 * or a past month the monthly job has not written yet): its numbers are the ledger's as of now.
 */
public record StatementView(Optional<Long> id, UserId distributor, Optional<String> username, Optional<String> email, YearMonth period,
                            StatementState state, String currency, StatementTotals totals, Optional<Instant> confirmedAt,
                            Optional<Instant> paidAt, Optional<String> paymentReference) {

    /** Not written yet: computed from the ledger now. */
    public boolean computed() {
        return id.isEmpty();
    }
}
