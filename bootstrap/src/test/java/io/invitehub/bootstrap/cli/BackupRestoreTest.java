package io.invitehub.bootstrap.cli;

import io.invitehub.adapter.out.persistence.DatabaseBackup;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.StatisticsRecount;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.bootstrap.InviteHub;
import io.invitehub.library.config.Settings;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.User;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ./invitehub backup} and {@code restore} round trips on the embedded default (ADR 46): a backup taken
 * while the service runs and keeps redeeming restores into an empty data directory whose statistics equal a
 * recount of its rows (one consistent snapshot), and a backup of a quiet service restores with every table's
 * row count and every distributor's summary equal to the source's; the keys come along (a token of the source
 * still signs in, sealed team credentials still open).
 */
class BackupRestoreTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aBackupTakenWhileTheServiceWritesRestoresWithTheSameCountsAndStatistics(@TempDir Path root) throws Exception {
        Settings source = settings(root.resolve("source"));
        Path busyBackup = root.resolve("busy.ihb");
        Path quietBackup = root.resolve("quiet.ihb");
        Map<String, Long> sourceCounts;
        DistributorSummary sourceSummary;
        User admin;
        User distributor;
        String token;
        AtomicInteger redeemedDuringBackup = new AtomicInteger();
        try (InviteHub hub = InviteHub.builder(source).start()) {
            admin = hub.accounts().ensureAdmin("admin", "admin-password".toCharArray()).orElseThrow();
            token = hub.signIn().login("admin", "admin-password".toCharArray(), "127.0.0.1").accessToken();
            hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "Backup Team", "acct-backup", "sealed-credential", 400, Optional.empty()));
            distributor = hub.distributors().create(Actor.system(), "backup-dist", "backup-dist@example.com", "backup-dist-pw".toCharArray());
            List<Code> codes = hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(distributor.id()), 1, 30,
                    Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.of("backup test")), 300));
            for (int i = 0; i < 40; i++) {
                hub.redeem().redeem(new RedeemCommand(codes.get(i), Email.of("before" + i + "@example.com"), "127.0.0.1"));
            }

            // the service keeps redeeming while the backup runs
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int i = 40; i < codes.size() && writing.get(); i++) {
                    hub.redeem().redeem(new RedeemCommand(codes.get(i), Email.of("during" + i + "@example.com"), "127.0.0.1"));
                    redeemedDuringBackup.incrementAndGet();
                }
            });
            writer.start();
            while (redeemedDuringBackup.get() < 5) {
                Thread.sleep(10);
            }
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            DatabaseBackup.Summary busy = BackupCommand.backup(source, busyBackup, new PrintStream(printed, true, StandardCharsets.UTF_8));
            writing.set(false);
            writer.join();
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("the service is running").contains("backup written to");
            assertThat(busy.files()).contains("secrets-key", "jwt-secret");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(busyBackup))).isEqualTo("rw-------");
            assertThatThrownBy(() -> BackupCommand.backup(source, busyBackup, System.out)).hasMessageContaining("never overwrites");

            Thread.sleep(500); // let the dispatcher settle the last invitations, then a quiet backup
        }
        // quiet: the service is stopped, the command starts the database itself
        BackupCommand.backup(source, quietBackup, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(source.database().dataDir())) {
            sourceCounts = DatabaseBackup.rowCounts(db.settings(2));
        }
        try (InviteHub hub = InviteHub.builder(source).workers(false).http(false).start()) {
            sourceSummary = hub.distributorQueries().summary(admin.id(), distributor.id());
        }
        assertThat(redeemedDuringBackup.get()).isGreaterThanOrEqualTo(5);

        // the busy backup: one snapshot, so the restored statistics equal a recount of the restored rows
        Settings busyTarget = settings(root.resolve("busy-target"));
        DatabaseBackup.Summary restoredBusy = BackupCommand.restore(busyTarget, busyBackup, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertThat(restoredBusy.rows().get("redeem_codes")).isEqualTo(300);
        assertThat(restoredBusy.rows().get("invitations")).isBetween(45L, 300L);
        try (InviteHub hub = InviteHub.builder(busyTarget).workers(false).http(false).start()) {
            DistributorSummary restored = hub.distributorQueries().summary(admin.id(), distributor.id());
            DistributorSummary recount = recount(EmbeddedDatabase.running(busyTarget.database().dataDir()).orElseThrow(), distributor, busyTarget);
            assertThat(restored).as("statistics of the restored snapshot equal a recount of its rows").isEqualTo(recount);
            assertThat(restored.redeemAttempts()).isEqualTo(restoredBusy.rows().get("invitations"));
        }

        // the quiet backup: every table and the statistics as the source has them; the keys came along
        Settings quietTarget = settings(root.resolve("quiet-target"));
        BackupCommand.restore(quietTarget, quietBackup, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(quietTarget.database().dataDir().resolve("secrets-key"))))
                .isEqualTo("rw-------");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(quietTarget.database().dataDir())) {
            assertThat(DatabaseBackup.rowCounts(db.settings(2))).isEqualTo(sourceCounts);
        }
        try (InviteHub hub = InviteHub.builder(quietTarget).workers(false).http(false).start()) {
            assertThat(hub.distributorQueries().summary(admin.id(), distributor.id())).isEqualTo(sourceSummary);
            assertThat(hub.signIn().authenticate(token).username()).as("the JWT secret came along").isEqualTo("admin");
            assertThat(hub.teams().listTeams()).extracting(t -> t.name()).contains("Backup Team");
            // sequences were set: new rows get new ids
            List<Code> more = hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(distributor.id()), 1, 30,
                    Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), 3));
            assertThat(more).hasSize(3);
            hub.redeem().redeem(new RedeemCommand(more.get(0), Email.of("after-restore@example.com"), "127.0.0.1"));
        }

        // only into an empty data directory
        assertThatThrownBy(() -> BackupCommand.restore(quietTarget, quietBackup, System.out)).hasMessageContaining("empty data directory");
        Path notABackup = root.resolve("not-a-backup");
        Files.writeString(notABackup, "hello");
        assertThatThrownBy(() -> BackupCommand.restore(settings(root.resolve("other")), notABackup, System.out))
                .hasMessageContaining("not an InviteHub backup");
    }

    private static DistributorSummary recount(PersistenceSettings db, User distributor, Settings settings) {
        return new StatisticsRecount(DSL.using(db.jdbcUrl(), db.user(), db.password()), SHANGHAI)
                .summary(distributor.id(), Instant.now(), Money.ofMinor(settings.statistics().defaultUnitPriceMinor(), settings.statistics().currency()));
    }

    private static Settings settings(Path dataDir) {
        return Settings.from(Map.of(
                "INVITEHUB_DATA_DIR", dataDir.toString(),
                "INVITEHUB_HTTP_PORT", "0",
                "INVITEHUB_BCRYPT_COST", "4",
                "INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", "100000",
                "INVITEHUB_REDEEM_PER_EMAIL_PER_MINUTE", "100000",
                "INVITEHUB_INVITATIONS_PER_EMAIL_PER_DAY", "1000",
                "INVITEHUB_SIM_MAX_LATENCY", "0ms"));
    }
}
