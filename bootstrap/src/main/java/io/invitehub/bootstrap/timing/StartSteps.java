package io.invitehub.bootstrap.timing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;

/**
 * Where a start's time goes (ADR 80): one INFO line per step with its milliseconds, {@code start step: <name> <ms> ms},
 * and at the end one line with the total since the JVM started. Cheap (a clock read and a log line per step). One
 * instance per start, used by one thread at a time.
 */
public final class StartSteps {
    private static final Logger LOG = LoggerFactory.getLogger(StartSteps.class);
    private long last = System.nanoTime();

    /** Logs how long the JVM took to reach this point since it started (class loading of the entry point included). */
    public static void jvmStarted() {
        LOG.info("start step: JVM start to main {} ms", jvmUptimeMillis());
    }

    /** Starts the clock now. */
    public static StartSteps now() {
        return new StartSteps();
    }

    /** Logs the time since the previous step (or the clock's start) as the step {@code name}. */
    public void step(String name) {
        long now = System.nanoTime();
        LOG.info("start step: {} {} ms", name, (now - last) / 1_000_000);
        last = now;
    }

    /**
     * Logs the time since the JVM started: what a probe waiting for this process sees, minus the JVM's own fork. Returns
     * the milliseconds it logged, so a caller that prints the start's time prints this same figure.
     */
    public static long total(String what) {
        long millis = jvmUptimeMillis();
        LOG.info("start step: {} {} ms after the JVM started", what, millis);
        return millis;
    }

    private static long jvmUptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
