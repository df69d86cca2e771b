package io.invitehub.bench.dataset;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bench's TPC-B (issue 17): pgbench is found on PATH or under /usr/lib/postgresql/N/bin or reported missing, its
 * report is parsed as PostgreSQL 13 and 15 print it, and where this machine has pgbench a real (tiny) run against
 * a real PostgreSQL gives a parsed report and leaves no scratch database behind. No timing is asserted.
 */
class TpcBTest {
    private static final String PG15_REPORT = """
            pgbench (15.18 (Debian 15.18-0+deb12u1), server 17.7)
            transaction type: <builtin: TPC-B (sort of)>
            scaling factor: 16
            query mode: prepared
            number of clients: 16
            number of threads: 2
            maximum number of tries: 1
            duration: 20 s
            number of transactions actually processed: 43165
            number of failed transactions: 0 (0.000%)
            latency average = 7.413 ms
            initial connection time = 25.870 ms
            tps = 2158.423071 (without initial connection time)
            """;
    private static final String PG13_REPORT = """
            transaction type: <builtin: TPC-B (sort of)>
            scaling factor: 16
            number of transactions actually processed: 8000
            latency average = 8.012 ms
            tps = 1990.5 (including connections establishing)
            tps = 1997.25 (excluding connections establishing)
            """;

    @Test
    void theTpsWithoutConnectionSetUpIsParsedFromBothReportStyles() {
        TpcB.Measured fifteen = TpcB.parse(PG15_REPORT, "pgbench");
        assertThat(fifteen.tps()).isEqualTo(2158.423071);
        assertThat(fifteen.transactions()).isEqualTo(43165);
        assertThat(fifteen.failed()).isZero();
        assertThat(TpcB.parseTps(PG13_REPORT)).hasValue(1997.25);
        assertThat(TpcB.parseTps("tps = 12 (something else)")).hasValue(12.0);
    }

    @Test
    void aReportWithoutTpsIsAnErrorThatShowsTheReport() {
        assertThat(TpcB.parseTps("pgbench: error: connection refused")).isEmpty();
        assertThatThrownBy(() -> TpcB.parse("pgbench: error: connection refused", "pgbench -c 16"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("connection refused");
    }

    @Test
    void pgbenchIsNotFoundWhereThereIsNone(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lib/15/bin"));
        Files.createDirectories(dir.resolve("empty"));
        // a pgbench that is not executable is not one
        Files.writeString(dir.resolve("empty/pgbench"), "#!/bin/sh\n");
        assertThat(TpcB.find(dir.resolve("empty").toString(), dir.resolve("lib"))).isEmpty();
        assertThat(TpcB.find(null, dir.resolve("missing"))).isEmpty();
        assertThat(TpcB.find("", null)).isEmpty();
    }

    @Test
    void pgbenchIsFoundOnThePathFirstThenUnderTheHighestVersion(@TempDir Path dir) throws Exception {
        Path fifteen = executable(dir.resolve("lib/15/bin/pgbench"));
        Path sixteen = executable(dir.resolve("lib/16/bin/pgbench"));
        assertThat(TpcB.find(dir.resolve("nothing-here").toString(), dir.resolve("lib"))).hasValue(sixteen);
        Path onPath = executable(dir.resolve("bin/pgbench"));
        assertThat(TpcB.find(dir.resolve("nothing-here") + ":" + dir.resolve("bin"), dir.resolve("lib"))).hasValue(onPath);
        assertThat(fifteen).exists();
    }

    @Test
    void aRealPgbenchRunIsMeasuredAndItsScratchDatabaseDropped() throws Exception {
        Optional<Path> pgbench = TpcB.find();
        Assumptions.assumeTrue(pgbench.isPresent(), "pgbench is not installed here (Debian: postgresql-15)");
        PersistenceSettings superuser = TestPostgres.emptyDatabase();

        TpcB.Measured measured = TpcB.measure(pgbench.get(), superuser, 1, 2, 1, Duration.ofSeconds(1));

        assertThat(measured.transactions()).isPositive();
        assertThat(measured.tps()).isPositive();
        assertThat(measured.failed()).isZero();
        assertThat(measured.command()).isEqualTo("pgbench -c 2 -j 1 -T 1 -M prepared (scale 1)");
        try (CloseableDSLContext db = DSL.using(superuser.jdbcUrl(), superuser.user(), superuser.password())) {
            assertThat(db.fetchValue("select count(*) from pg_database where datname = ?", TpcB.DATABASE)).isEqualTo(0L);
        }
    }

    private static Path executable(Path path) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }
}
