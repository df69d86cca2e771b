package io.invitehub.application.exports.port.in;

import io.invitehub.application.exports.view.ExportKind;
import io.invitehub.application.exports.view.RowSink;

import java.util.List;

/**
 * An export that passed every check (access, filters, the caller's rate limit) and has not read anything
 * yet, so a refusal can still be answered as a problem; {@link #writeTo} then streams its rows.
 */
public interface PreparedExport {
    ExportKind kind();

    /** The header, in column order. */
    List<String> columns();

    /** A file name for the download, e.g. {@code invitehub-sales-7-2026-12-07.csv}. */
    String fileName();

    /** Streams every row to {@code sink} from one server-side cursor; returns how many were written. */
    long writeTo(RowSink sink);
}
