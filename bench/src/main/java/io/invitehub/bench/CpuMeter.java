package io.invitehub.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * CPU counters read at the start and at the end of one phase (the redemption load, the TPC-B run): this JVM's own
 * CPU (the service, and the load generator with {@code --in-process-load}), PostgreSQL's (the postmaster and its
 * processes, {@code /proc}) and the CPU of the child processes this JVM reaped in between ({@code /proc}: pgbench).
 * Differences only: what ran before the phase does not count.
 */
final class CpuMeter {
    private final ProcessCpu proc;
    private final OptionalLong postmaster;
    private final long self = ProcessHandle.current().pid();
    private Reading start;
    private Reading end;

    private record Reading(long nanoTime, OptionalLong jvm, Optional<ProcessCpu.Tree> postgres, OptionalLong reaped) {
    }

    CpuMeter(ProcessCpu proc, OptionalLong postmaster) {
        this.proc = proc;
        this.postmaster = postmaster;
    }

    private Reading read() {
        Optional<ProcessCpu.Tree> postgres = postmaster.isPresent() ? proc.tree(postmaster.getAsLong()) : Optional.empty();
        return new Reading(System.nanoTime(), ProcessCpu.thisJvmNanos(), postgres, proc.reapedNanos(self));
    }

    public void started() {
        start = read();
    }

    public void ended() {
        end = read();
    }

    Duration elapsed() {
        return start == null || end == null ? Duration.ZERO : Duration.ofNanos(end.nanoTime() - start.nanoTime());
    }

    /** This JVM's CPU over the phase. */
    OptionalLong jvm() {
        return start == null || end == null ? OptionalLong.empty() : difference(start.jvm(), end.jvm());
    }

    /** PostgreSQL's CPU over the phase; empty without {@code /proc} or a postmaster pid. */
    OptionalLong postgres() {
        if (start == null || end == null || start.postgres().isEmpty() || end.postgres().isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(end.postgres().get().nanos() - start.postgres().get().nanos());
    }

    /** How many PostgreSQL processes were alive at the end of the phase (0 when not read). */
    int postgresProcesses() {
        return end == null ? 0 : end.postgres().map(ProcessCpu.Tree::processes).orElse(0);
    }

    /** CPU of the child processes this JVM started and reaped during the phase (pgbench). */
    OptionalLong reapedChildren() {
        return start == null || end == null ? OptionalLong.empty() : difference(start.reaped(), end.reaped());
    }

    private static OptionalLong difference(OptionalLong a, OptionalLong b) {
        return a.isPresent() && b.isPresent() ? OptionalLong.of(b.getAsLong() - a.getAsLong()) : OptionalLong.empty();
    }
}
