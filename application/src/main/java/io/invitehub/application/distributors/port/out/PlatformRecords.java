package io.invitehub.application.distributors.port.out;

import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.application.distributors.view.TrendDay;
import io.invitehub.domain.code.RedeemCodeId;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The platform-wide reads of the staff console: the summed daily rollups and the codes without an owner. */
public interface PlatformRecords {

    /** The business time zone whose days the rollups count in. */
    ZoneId businessTimeZone();

    /** {@code days} business days ending with today (at {@code now}), oldest first, zero-filled, summed over distributors. */
    List<TrendDay> trend(Instant now, int days);

    /** Codes without an owner, newest (highest id) first, after {@code after}; at most {@code limit}. */
    List<CodeView> platformCodes(CodeFilter filter, Instant now, Optional<RedeemCodeId> after, int limit);
}
