package io.invitehub.adapter.out.persistence.reference;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did or would do (a dry run prints the same): every reference row it cannot map and
 * why ({@code SKIP}), every row it imports with a changed value and what changed ({@code ADJUST}),
 * facts that concern many rows ({@code NOTE}), and per table how many rows were read, imported (or
 * would be), were already imported by an earlier run, skipped and adjusted. Never holds a secret:
 * codes and e-mails appear masked, credentials not at all.
 */
public final class ImportReport {
    /** The counts of one reference table. */
    public static final class Counts {
        private int read;
        private int imported;
        private int already;
        private int skipped;
        private int adjusted;

        public int read() { return read; }
        public int imported() { return imported; }
        public int already() { return already; }
        public int skipped() { return skipped; }
        public int adjusted() { return adjusted; }
    }

    private final boolean dryRun;
    private final List<String> lines = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Counts> counts = new LinkedHashMap<>();
    private final List<String> header = new ArrayList<>();
    private final java.util.Set<String> adjustedRows = new java.util.HashSet<>();

    ImportReport(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean dryRun() {
        return dryRun;
    }

    void header(String line) {
        header.add(line);
    }

    Counts counts(String table) {
        return counts.computeIfAbsent(table, t -> new Counts());
    }

    void read(String table, int n) {
        counts(table).read += n;
    }

    void already(String table) {
        counts(table).already++;
    }

    void imported(String table) {
        counts(table).imported++;
    }

    void skip(String table, long id, String what, String reason) {
        counts(table).skipped++;
        lines.add("SKIP   " + table + " #" + id + label(what) + ": " + reason);
    }

    /** A row imported with a changed value; a row counts as adjusted once, however many values changed. */
    void adjust(String table, long id, String what, String change) {
        if (adjustedRows.add(table + "#" + id)) {
            counts(table).adjusted++;
        }
        lines.add("ADJUST " + table + " #" + id + label(what) + ": " + change);
    }

    void note(String text) {
        notes.add("NOTE   " + text);
    }

    private static String label(String what) {
        return what == null || what.isEmpty() ? "" : " (" + what + ")";
    }

    /** The SKIP and ADJUST lines, in the order the rows were planned. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Counts per reference table, in import order. */
    public Map<String, Counts> counts() {
        return Map.copyOf(counts);
    }

    public int skipped() {
        return counts.values().stream().mapToInt(Counts::skipped).sum();
    }

    public int imported() {
        return counts.values().stream().mapToInt(Counts::imported).sum();
    }

    public void print(PrintStream out) {
        header.forEach(out::println);
        out.println();
        lines.forEach(out::println);
        notes.forEach(out::println);
        out.println();
        out.printf("%-16s %8s %9s %8s %8s %9s%n", "reference table", "read", dryRun ? "would add" : "imported",
                "already", "skipped", "adjusted");
        counts.forEach((table, c) -> out.printf("%-16s %8d %9d %8d %8d %9d%n", table, c.read, c.imported, c.already,
                c.skipped, c.adjusted));
        out.println();
        out.println(dryRun ? "Dry run: nothing was written. Run again without --dry-run to import."
                : imported() == 0 ? "Nothing new to import: every row that can be mapped was imported by an earlier run."
                : "Imported. A second run imports only reference rows that are not imported yet.");
    }
}
