package io.invitehub.application.exports.port.in;

import io.invitehub.application.exports.view.ExportFilter;
import io.invitehub.application.exports.view.ExportKind;
import io.invitehub.domain.user.UserId;

import java.util.Objects;

/** One export: which list ({@code kind}) of which distributor, with which filters. */
public record ExportRequest(ExportKind kind, UserId distributor, ExportFilter filter) {
    public ExportRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(distributor, "distributor");
        Objects.requireNonNull(filter, "filter");
    }
}
