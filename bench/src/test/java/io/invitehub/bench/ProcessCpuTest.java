package io.invitehub.bench;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CPU accounting behind the bench's per-redemption figures (issue 17): {@code /proc/<pid>/stat} parsed with odd
 * command names, PostgreSQL's CPU summed over the postmaster (own and reaped) and its live children only, the
 * postmaster's pid from {@code postmaster.pid}; and on Linux a real PostgreSQL whose CPU grows by a query's work.
 * No timing is asserted.
 */
class ProcessCpuTest {

    /** A stat line as the kernel writes it: pid (comm) state ppid … utime stime cutime cstime … */
    private static String stat(long pid, String comm, long parent, long utime, long stime, long cutime, long cstime) {
        return pid + " (" + comm + ") S " + parent + " " + pid + " " + pid + " 0 -1 4194560 100 0 0 0 " + utime + " " + stime + " "
                + cutime + " " + cstime + " 20 0 1 0 12345 100000 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
    }

    private static void process(Path proc, long pid, String comm, long parent, long utime, long stime, long cutime, long cstime)
            throws Exception {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(proc.resolve(Long.toString(pid)).resolve("stat"), stat(pid, comm, parent, utime, stime, cutime, cstime));
    }

    @Test
    void aStatLineIsReadAfterTheLastParenthesisOfTheCommandName() {
        Optional<ProcessCpu.Stat> odd = ProcessCpu.parse(77, stat(77, "postgres: bench (x) idle", 10, 5, 7, 11, 13));
        assertThat(odd).hasValue(new ProcessCpu.Stat(77, 10, 12, 24));
        assertThat(odd.get().totalTicks()).isEqualTo(36);
        assertThat(ProcessCpu.parse(1, "no parenthesis here")).isEmpty();
        assertThat(ProcessCpu.parse(1, "1 (short) S 0 1 2")).isEmpty();
        assertThat(ProcessCpu.nanos(250)).isEqualTo(2_500_000_000L);
    }

    @Test
    void postgresIsThePostmasterWithWhatItReapedPlusItsLiveChildrenOnly(@TempDir Path proc) throws Exception {
        process(proc, 100, "postgres", 1, 10, 5, 300, 200);          // 15 own + 500 reaped (exited backends)
        process(proc, 101, "postgres: checkpointer ", 100, 3, 2, 0, 0);   // 5
        process(proc, 102, "postgres: invitehub invitehub 127.0.0.1(4242) idle", 100, 40, 10, 0, 0); // 50
        process(proc, 103, "java", 1, 1000, 1000, 0, 0);              // not PostgreSQL's
        process(proc, 104, "pgbench", 103, 70, 30, 0, 0);             // the bench's child, not PostgreSQL's
        Files.createDirectories(proc.resolve("self"));                // not a pid
        Files.writeString(proc.resolve("uptime"), "1 2\n");

        ProcessCpu cpu = new ProcessCpu(proc);

        assertThat(cpu.available()).isTrue();
        assertThat(cpu.tree(100)).hasValue(new ProcessCpu.Tree(ProcessCpu.nanos(15 + 500 + 5 + 50), 3));
        assertThat(cpu.reapedNanos(100)).hasValue(ProcessCpu.nanos(500));
        assertThat(cpu.tree(999)).as("a postmaster that is gone").isEmpty();
        assertThat(cpu.reapedNanos(999)).isEmpty();
        assertThat(new ProcessCpu(proc.resolve("missing")).available()).isFalse();
    }

    @Test
    void aBackendThatExitsBetweenTwoReadingsKeepsItsCpuInThePostmaster(@TempDir Path proc) throws Exception {
        process(proc, 100, "postgres", 1, 10, 0, 0, 0);
        process(proc, 102, "postgres: backend", 100, 40, 0, 0, 0);
        CpuMeter meter = new CpuMeter(new ProcessCpu(proc), OptionalLong.of(100));
        meter.started();
        // the backend worked 20 ticks more and exited; the postmaster reaped it (60 ticks into cutime); a new one started
        Files.walk(proc.resolve("102")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        process(proc, 100, "postgres", 1, 12, 0, 60, 0);
        process(proc, 103, "postgres: new backend", 100, 7, 0, 0, 0);
        meter.ended();

        assertThat(meter.postgres()).hasValue(ProcessCpu.nanos(2 + 20 + 7));
        assertThat(meter.postgresProcesses()).isEqualTo(2);
    }

    @Test
    void aBackendReapedWhileTheChildrenAreReadIsNotLost(@TempDir Path proc) throws Exception {
        process(proc, 100, "postgres", 1, 10, 0, 0, 0);
        process(proc, 102, "postgres: backend", 100, 40, 0, 0, 0);
        process(proc, 103, "postgres: backend", 100, 5, 0, 0, 0);
        java.util.concurrent.atomic.AtomicBoolean reaped = new java.util.concurrent.atomic.AtomicBoolean();
        ProcessCpu cpu = new ProcessCpu(proc) {
            @Override
            Optional<Stat> stat(long pid) {
                if (pid == 102 && reaped.compareAndSet(false, true)) {
                    // the backend exits and the postmaster reaps it just as the reading comes to it
                    try {
                        Files.walk(proc.resolve("102")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                        process(proc, 100, "postgres", 1, 10, 0, 40, 0);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return Optional.empty();
                }
                return super.stat(pid);
            }
        };

        assertThat(cpu.tree(100)).as("read again: the reaped 40 ticks are in the postmaster now")
                .hasValue(new ProcessCpu.Tree(ProcessCpu.nanos(10 + 40 + 5), 2));
        assertThat(reaped).isTrue();
    }

    @Test
    void withoutProcPostgresIsNotMeasured(@TempDir Path dir) {
        CpuMeter meter = new CpuMeter(new ProcessCpu(dir.resolve("no-proc")), OptionalLong.of(100));
        meter.started();
        meter.ended();
        assertThat(meter.postgres()).isEmpty();
        assertThat(meter.reapedChildren()).isEmpty();
        assertThat(meter.postgresProcesses()).isZero();
        assertThat(new CpuMeter(ProcessCpu.system(), OptionalLong.empty()).postgres()).as("not read yet").isEmpty();
    }

    @Test
    void thePostmasterPidIsTheFirstLineOfItsPidFile(@TempDir Path data) throws Exception {
        assertThat(ProcessCpu.postmasterPid(data)).isEmpty();
        Files.writeString(data.resolve("postmaster.pid"), "4242\n/data/postgres\n1733000000\n54321\n\n127.0.0.1\n");
        assertThat(ProcessCpu.postmasterPid(data)).hasValue(4242);
        Files.writeString(data.resolve("postmaster.pid"), "garbage\n");
        assertThat(ProcessCpu.postmasterPid(data)).isEmpty();
    }

    @Test
    void aRealPostgresUsesCpuForAQuery() throws Exception {
        ProcessCpu proc = ProcessCpu.system();
        Assumptions.assumeTrue(proc.available(), "no /proc here (Linux only)");
        PersistenceSettings superuser = TestPostgres.emptyDatabase();
        try (Connection c = DriverManager.getConnection(superuser.jdbcUrl(), superuser.user(), superuser.password());
             Statement s = c.createStatement()) {
            long backend;
            try (ResultSet r = s.executeQuery("select pg_backend_pid()")) {
                r.next();
                backend = r.getLong(1);
            }
            long postmaster = proc.stat(backend).orElseThrow().parent();
            CpuMeter meter = new CpuMeter(proc, OptionalLong.of(postmaster));
            meter.started();
            try (ResultSet r = s.executeQuery("select sum(length(md5(i::text))) from generate_series(1, 2000000) i")) {
                r.next();
            }
            meter.ended();

            assertThat(meter.postgres()).isPresent();
            assertThat(meter.postgres().getAsLong()).as("2 million md5s cost PostgreSQL CPU").isPositive();
            assertThat(meter.postgresProcesses()).as("the postmaster, this backend and the auxiliary processes").isGreaterThan(2);
            assertThat(meter.jvm()).isPresent();
        }
    }
}
