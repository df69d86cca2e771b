package io.invitehub.adapter.in.http.exports;

import io.invitehub.application.exports.port.in.PreparedExport;
import io.invitehub.application.exports.view.ExportCell;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An export as CSV (ADR 35): RFC 4180 (comma, CRLF, fields quoted where needed, quotes doubled) by Apache
 * Commons CSV, UTF-8 with a byte order mark so spreadsheet programs read Chinese text right, and text cells
 * neutralised against formula injection: a text cell starting with {@code = + - @}, a tab or a carriage return
 * gets a leading apostrophe (OWASP's advice), so a spreadsheet shows it as text instead of evaluating it.
 * Number cells (counts, ids, amounts such as {@code -3.00}) are written as they are and stay numbers.
 * Rows go out as they come: only the writer's buffer is held.
 */
final class CsvExport {
    static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int BUFFER = 32 * 1024;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private CsvExport() {
    }

    /** Writes the header and every row of {@code export} to {@code out}; returns the rows written. */
    static long write(PreparedExport export, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
        writer.write(BYTE_ORDER_MARK);
        CSVPrinter printer = new CSVPrinter(writer, FORMAT);
        printer.printRecord(export.columns());
        List<String> values = new ArrayList<>(export.columns().size());
        long rows;
        try {
            rows = export.writeTo(row -> {
                values.clear();
                for (ExportCell cell : row) {
                    values.add(cell.number() ? cell.value() : neutralised(cell.value()));
                }
                try {
                    printer.printRecord(values);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
        return rows;
    }

    /** A text cell as a spreadsheet will show it and never evaluate it. */
    static String neutralised(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }
}
