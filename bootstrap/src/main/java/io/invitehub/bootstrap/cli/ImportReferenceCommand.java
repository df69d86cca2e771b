package io.invitehub.bootstrap.cli;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.reference.ImportReport;
import io.invitehub.adapter.out.persistence.reference.ReferenceImport;
import io.invitehub.adapter.out.persistence.reference.ReferenceSource;
import io.invitehub.library.config.SecretsKey;
import io.invitehub.library.config.Settings;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code invitehub import-reference --from <jdbc url> [--user U] [--password P] [--dry-run]
 * [--stale-after-hours N]}: loads the reference system's database into InviteHub's (the one {@code serve}
 * uses: INVITEHUB_DB_URL, or the embedded one under the data directory, which must not be running),
 * applying migrations first. docs/operations.md has the mapping; ADR 32 the decisions.
 */
public final class ImportReferenceCommand {
    /** Read instead of {@code --password}, so the password stays out of the process list. */
    public static final String PASSWORD_VARIABLE = "INVITEHUB_REFERENCE_PASSWORD";

    private ImportReferenceCommand() {
    }

    /** The parsed command line; never prints the password. */
    record Options(String from, Optional<String> user, Optional<String> password, boolean dryRun, Duration staleAfter) {
        @Override
        public String toString() {
            return "Options[" + ReferenceSource.withoutSecrets(from) + ", dryRun=" + dryRun + "]";
        }
    }

    static Options parse(String[] args, Map<String, String> env) {
        String from = null;
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.ofNullable(env.get(PASSWORD_VARIABLE)).filter(p -> !p.isEmpty());
        boolean dryRun = false;
        Duration staleAfter = ReferenceImport.DEFAULT_STALE_AFTER;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from": from = value(args, ++i, "--from"); break;
                case "--user": user = Optional.of(value(args, ++i, "--user")); break;
                case "--password": password = Optional.of(value(args, ++i, "--password")); break;
                case "--dry-run": dryRun = true; break;
                case "--stale-after-hours":
                    String hours = value(args, ++i, "--stale-after-hours");
                    try {
                        staleAfter = Duration.ofHours(Long.parseLong(hours));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--stale-after-hours takes a whole number of hours, not " + hours);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i] + " of import-reference");
            }
        }
        if (from == null) {
            throw new IllegalArgumentException("import-reference needs --from jdbc:sqlite:/path/app.db or --from jdbc:postgresql://host/db");
        }
        return new Options(from, user, password, dryRun, staleAfter);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Runs the command with the arguments after {@code import-reference}; prints the report to {@code out}. */
    public static ImportReport run(String[] args, Map<String, String> env, Settings settings, PrintStream out, Clock clock) {
        Options options = parse(args, env);
        EmbeddedDatabase embedded = settings.embeddedDatabase() ? EmbeddedDatabase.start(settings.database().dataDir()) : null;
        try (ReferenceSource source = ReferenceSource.open(options.from(), options.user(), options.password())) {
            PersistenceSettings db = embedded != null ? embedded.settings(2)
                    : PersistenceSettings.of(settings.database().url().orElseThrow(), settings.database().user(),
                            settings.database().password()).withMaxPoolSize(2);
            try (JooqPersistence persistence = JooqPersistence.connect(db, SecretsKey.resolve(settings))) {
                int migrated = persistence.migrate();
                if (migrated > 0) {
                    out.println("applied " + migrated + " migration(s) to InviteHub's database first");
                }
                ImportReport report = ReferenceImport.run(source, persistence,
                        new ReferenceImport.Options(options.dryRun(), options.staleAfter()), clock);
                report.print(out);
                return report;
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
