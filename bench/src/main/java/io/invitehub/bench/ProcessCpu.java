package io.invitehub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * CPU seconds of processes, read where the kernel keeps them (issue 17: the load-insensitive cost of a redemption on a
 * shared machine): this JVM's own through its management bean (every platform), other processes' from
 * {@code /proc/<pid>/stat} (Linux only; empty elsewhere). A process's CPU is its user + system time plus that of its
 * children it has reaped ({@code cutime}, {@code cstime}): so PostgreSQL's — the postmaster with every live child
 * added — also keeps the CPU of backends that exited between two readings, because the postmaster reaps them.
 * Not final: a test replaces {@link #stat(long)} to have a backend reaped in the middle of a reading.
 */
class ProcessCpu {
    /**
     * Clock ticks per second of {@code /proc/<pid>/stat}: the kernel's {@code USER_HZ}, part of its user ABI and 100
     * on every architecture the JDK runs on (x86, arm, ppc, s390, riscv).
     */
    static final long USER_HZ = 100;

    private final Path proc;

    ProcessCpu(Path proc) {
        this.proc = proc;
    }

    /** This machine's {@code /proc}. */
    static ProcessCpu system() {
        return new ProcessCpu(Path.of("/proc"));
    }

    /** Whether there is a {@code /proc} to read (Linux). */
    boolean available() {
        return Files.isDirectory(proc);
    }

    /** One line of {@code /proc/<pid>/stat}: the parent and the CPU ticks of the process itself and of its reaped children. */
    record Stat(long pid, long parent, long ownTicks, long reapedTicks) {
        long totalTicks() {
            return ownTicks + reapedTicks;
        }
    }

    /** CPU of a process tree at one reading: nanoseconds and how many processes were alive in it. */
    record Tree(long nanos, int processes) {
    }

    /**
     * Parses a {@code /proc/<pid>/stat} line; the command name (field 2, in parentheses) may hold spaces and
     * parentheses itself, so the fields are counted from its last {@code )}. Empty when the line is not one.
     */
    static Optional<Stat> parse(long pid, String line) {
        int close = line.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] f = line.substring(close + 1).trim().split("\\s+");
        // after the name: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17)
        if (f.length < 15) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stat(pid, Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The stat of {@code pid}; empty when it has none (gone, not Linux). */
    Optional<Stat> stat(long pid) {
        try {
            return parse(pid, Files.readString(proc.resolve(Long.toString(pid)).resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** How often {@link #tree(long)} reads again when the root reaped a child while it was reading. */
    static final int ATTEMPTS = 20;

    /**
     * The CPU of {@code root} (own and reaped) plus that of each of its live children (own and reaped): for the
     * postmaster, the whole of PostgreSQL. A child reaped while the children are being read would be counted nowhere
     * (no longer listed, not yet in the root's reaped CPU as first read) — right after pgbench's sixteen backends
     * exit, for example — so the reading is taken again until the root's reaped CPU is the same before and after
     * it (at most {@value #ATTEMPTS} times; the last is kept). Empty when {@code root} cannot be read.
     */
    Optional<Tree> tree(long root) {
        Optional<Tree> tree = Optional.empty();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Stat> before = stat(root);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            long ticks = 0;
            int processes = 1;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("[0-9]+"))) {
                for (Path entry : entries) {
                    long pid = Long.parseLong(entry.getFileName().toString());
                    Optional<Stat> child = pid == root ? Optional.empty() : stat(pid);
                    if (child.isPresent() && child.get().parent() == root) {
                        ticks += child.get().totalTicks();
                        processes++;
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            }
            Optional<Stat> after = stat(root);
            if (after.isEmpty()) {
                return Optional.empty();
            }
            tree = Optional.of(new Tree(nanos(ticks + after.get().totalTicks()), processes));
            if (after.get().reapedTicks() == before.get().reapedTicks()) {
                return tree;
            }
        }
        return tree;
    }

    /** CPU of the children {@code pid} has reaped so far (for this JVM: the child processes it started and waited for). */
    OptionalLong reapedNanos(long pid) {
        return stat(pid).map(s -> OptionalLong.of(nanos(s.reapedTicks()))).orElse(OptionalLong.empty());
    }

    static long nanos(long ticks) {
        return ticks * (1_000_000_000L / USER_HZ);
    }

    /** The postmaster's pid: the first line of {@code postmaster.pid} in PostgreSQL's data directory. */
    static OptionalLong postmasterPid(Path postgresData) {
        try {
            List<String> lines = Files.readAllLines(postgresData.resolve("postmaster.pid"));
            if (!lines.isEmpty() && lines.get(0).strip().matches("[0-9]{1,10}")) {
                return OptionalLong.of(Long.parseLong(lines.get(0).strip()));
            }
        } catch (IOException | RuntimeException e) {
            // no running server there
        }
        return OptionalLong.empty();
    }

    /** CPU of this JVM so far (every thread, JIT and GC included; children not), where the platform reports it. */
    static OptionalLong thisJvmNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos >= 0 ? OptionalLong.of(nanos) : OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
