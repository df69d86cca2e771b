package io.invitehub.application.exports.port.in;

import io.invitehub.application.exports.view.ExportFilter;
import io.invitehub.application.exports.view.ExportKind;
import io.invitehub.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;

/**
 * One export: which list ({@code kind}) of which distributor, with which filters. Without a distributor it is
 * the platform's own codes (codes without an owner, staff only): {@link #platformCodes(ExportFilter)}.
 */
public record ExportRequest(ExportKind kind, Optional<UserId> distributor, ExportFilter filter) {
    public ExportRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(distributor, "distributor");
        Objects.requireNonNull(filter, "filter");
        if (distributor.isEmpty() && kind != ExportKind.CODES) {
            throw new IllegalArgumentException("the platform has codes only, not " + kind.wireName());
        }
    }

    public ExportRequest(ExportKind kind, UserId distributor, ExportFilter filter) {
        this(kind, Optional.of(Objects.requireNonNull(distributor, "distributor")), filter);
    }

    /** The platform's own codes (no owner), with the filters of {@code GET /admin/platform-codes}. */
    public static ExportRequest platformCodes(ExportFilter filter) {
        return new ExportRequest(ExportKind.CODES, Optional.empty(), filter);
    }

    /** The platform's codes rather than a distributor's list. */
    public boolean platform() {
        return distributor.isEmpty();
    }
}
