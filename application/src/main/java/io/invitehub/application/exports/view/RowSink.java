package io.invitehub.application.exports.view;

import java.util.List;

/** Where exported rows go, one at a time, as they are read (the CSV writer of the HTTP adapter). */
@FunctionalInterface
public interface RowSink {
    /** One row, its cells in the order of {@link ExportKind#columns()}. */
    void accept(List<ExportCell> row);
}
