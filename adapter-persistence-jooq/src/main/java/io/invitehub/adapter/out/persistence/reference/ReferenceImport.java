package io.invitehub.adapter.out.persistence.reference;

import io.invitehub.adapter.out.persistence.JooqPersistence;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code invitehub import-reference} (issue 15, ADR 32): reads the reference system's database and loads
 * users, team groups, teams, plans, orders, redeem codes and invitations into InviteHub's, reporting every
 * row it cannot map and why. It plans everything first and writes nothing on a dry run; a real run writes
 * the plan one table batch per transaction. Idempotent: rows imported before (reference_import_ids) are
 * left as they are, so a second run over the same reference changes nothing.
 */
public final class ReferenceImport {
    /** How long a {@code pending}/{@code reserved} invite record may have waited and still be sent by InviteHub. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(24);

    private ReferenceImport() {
    }

    /** {@code staleAfter}: see {@link #DEFAULT_STALE_AFTER}. */
    public record Options(boolean dryRun, Duration staleAfter) {
        public Options {
            if (staleAfter.isNegative()) {
                throw new IllegalArgumentException("--stale-after must not be negative");
            }
        }
    }

    /** Plans and, unless a dry run, writes; the returned report has been filled but not printed. */
    public static ImportReport run(ReferenceSource source, JooqPersistence target, Options options, Clock clock) {
        ImportReport report = new ImportReport(options.dryRun());
        Instant now = clock.instant();
        ReferenceData data = ReferenceData.read(source);
        report.header((options.dryRun() ? "Dry run of the import from " : "Import from ") + source.description());
        report.header("Tables found: " + ReferenceData.TABLES.stream()
                .map(t -> t + (data.columns().get(t).isEmpty() ? " (absent)" : " (" + data.columns().get(t).size() + " columns)"))
                .collect(Collectors.joining(", ")));
        Planning planning = new Planning(data, report, ImportIds.load(target.dsl()), TargetState.load(target.dsl()),
                target.dsl(), now, options.staleAfter());
        new AccountsPlanner(planning).plan();
        new TeamsPlanner(planning).plan();
        new ShopPlanner(planning).plan();
        new CodesPlanner(planning).plan();
        new InvitationsPlanner(planning).plan();
        settings(data, report);
        if (!options.dryRun()) {
            new ImportWriter(target, planning).write(source.description(), summary(report));
        }
        return report;
    }

    private static String summary(ImportReport report) {
        return report.counts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue().imported() + "/" + e.getValue().read())
                .collect(Collectors.joining(", "));
    }

    /** The reference's global unit price is a setting of ours (an environment variable): say which value to set. */
    private static void settings(ReferenceData data, ImportReport report) {
        for (SourceRow row : data.configs()) {
            if ("distributor_unit_price".equals(row.trimmed("key")) && row.trimmed("value") != null) {
                try {
                    long fen = new BigDecimal(row.trimmed("value")).movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP)
                            .longValueExact();
                    report.note("the reference's distributor_unit_price is " + row.trimmed("value") + " yuan: set "
                            + "INVITEHUB_DEFAULT_UNIT_PRICE_MINOR=" + fen + " for the same revenue estimates");
                } catch (ArithmeticException | NumberFormatException e) {
                    report.note("the reference's distributor_unit_price is not a number; set INVITEHUB_DEFAULT_UNIT_PRICE_MINOR by hand");
                }
            }
        }
    }
}
