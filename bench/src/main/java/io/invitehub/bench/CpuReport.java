package io.invitehub.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the bench prints about CPU (issue 17): per successful redemption, the service JVM's, PostgreSQL's and the load
 * generator's CPU over the load; per TPC-B transaction, PostgreSQL's and pgbench's; and the ratio of the two, which
 * unlike the throughput ratio does not depend on what else the shared machine runs.
 */
final class CpuReport {
    static final String NOT_MEASURED = "not measured (needs Linux's /proc)";

    private CpuReport() {
    }

    /** The redemption phase's CPU: {@code loadGenerator} is the child's over the load (empty in-process). */
    record Redemptions(long redemptions, Duration load, OptionalLong service, OptionalLong postgres, int postgresProcesses,
                       boolean inProcess, OptionalLong loadGenerator, OptionalLong loadGeneratorLifetime) {
    }

    /** The TPC-B run's CPU. */
    record TpcB(long transactions, OptionalLong postgres, OptionalLong pgbench) {
    }

    static List<String> lines(Redemptions r) {
        return lines(r, "redemption");
    }

    /** As {@link #lines(Redemptions)}, the unit named {@code unit} (e.g. {@code distributor-code redemption}). */
    static List<String> lines(Redemptions r, String unit) {
        List<String> lines = new ArrayList<>();
        if (r.redemptions() <= 0) {
            lines.add("CPU per " + unit + ": not computed (no successful redemption)");
            return lines;
        }
        lines.add(String.format(Locale.ROOT, "CPU per successful " + unit + " (%d in %.1f s of load, CPU read at its start and end):",
                r.redemptions(), r.load().toMillis() / 1000.0));
        lines.add("  service JVM:    " + perUnit(r.service(), r.redemptions()) + (r.inProcess()
                ? " — the load generator included (--in-process-load)" : " — the service alone, the load generator in its own JVM"));
        lines.add("  PostgreSQL:     " + (r.postgres().isPresent()
                ? perUnit(r.postgres(), r.redemptions()) + " — the postmaster and its " + (r.postgresProcesses() - 1) + " processes"
                : NOT_MEASURED));
        lines.add("  load generator: " + (r.inProcess() ? "in the service JVM (--in-process-load), not told apart"
                : perUnit(r.loadGenerator(), r.redemptions()) + (r.loadGeneratorLifetime().isPresent()
                ? String.format(Locale.ROOT, " — %.2f ms with its JVM's start and exit", ms(r.loadGeneratorLifetime().getAsLong(), r.redemptions()))
                : "")));
        return lines;
    }

    static String line(TpcB t) {
        if (t.transactions() <= 0) {
            return "TPC-B CPU per transaction: not computed (no transaction)";
        }
        return String.format(Locale.ROOT, "TPC-B CPU per transaction (%d): PostgreSQL %s, pgbench %s", t.transactions(),
                t.postgres().isPresent() ? perUnit(t.postgres(), t.transactions()) : NOT_MEASURED,
                t.pgbench().isPresent() ? perUnit(t.pgbench(), t.transactions()) : NOT_MEASURED);
    }

    /**
     * The CPU ratio: what a TPC-B transaction costs against what a redemption costs, clients included (pgbench, the
     * load generator), and the servers alone (PostgreSQL; the service and PostgreSQL). On a machine whose cores are
     * the limit, redemptions/s ÷ TPC-B tps tends to it, whatever else is running.
     */
    static String ratio(Redemptions r, Optional<TpcB> t) {
        return ratio(r, t, "redemption");
    }

    /** As {@link #ratio(Redemptions, Optional)}, the unit named {@code unit}. */
    static String ratio(Redemptions r, Optional<TpcB> t, String unit) {
        String head = "CPU ratio (TPC-B ÷ " + unit + "): ";
        if (t.isEmpty() || t.get().transactions() <= 0 || r.redemptions() <= 0 || r.service().isEmpty()
                || r.postgres().isEmpty() || t.get().postgres().isEmpty()) {
            return head + "not computed (needs TPC-B, PostgreSQL's CPU and a successful redemption)";
        }
        double tpcbServer = ms(t.get().postgres().getAsLong(), t.get().transactions());
        double redemptionServer = ms(r.service().getAsLong() + r.postgres().getAsLong(), r.redemptions());
        String server = String.format(Locale.ROOT, "servers alone %.2f ms (PostgreSQL) ÷ %.2f ms (service + PostgreSQL) = %.3f",
                tpcbServer, redemptionServer, tpcbServer / redemptionServer);
        if (r.inProcess()) {
            // the service figure holds the load generator: the "servers alone" side is an upper bound of the cost
            return head + server.replace("(service + PostgreSQL)", "(service with the load generator + PostgreSQL)");
        }
        if (t.get().pgbench().isEmpty() || r.loadGenerator().isEmpty()) {
            return head + server;
        }
        double tpcbAll = ms(t.get().postgres().getAsLong() + t.get().pgbench().getAsLong(), t.get().transactions());
        double redemptionAll = ms(r.service().getAsLong() + r.postgres().getAsLong() + r.loadGenerator().getAsLong(), r.redemptions());
        return String.format(Locale.ROOT, head + "%s; with the clients %.2f ms ÷ %.2f ms = %.3f "
                + "(issue 17 target ≥ %.2f in throughput)", server, tpcbAll, redemptionAll, tpcbAll / redemptionAll, Bench.TPCB_TARGET_RATIO);
    }

    private static String perUnit(OptionalLong nanos, long units) {
        if (nanos.isEmpty()) {
            return "not measured";
        }
        return String.format(Locale.ROOT, "%.2f ms (%.1f s CPU)", ms(nanos.getAsLong(), units), nanos.getAsLong() / 1e9);
    }

    private static double ms(long nanos, long units) {
        return nanos / 1e6 / units;
    }
}
