package io.invitehub.bootstrap.inprocess;

import io.invitehub.application.shared.port.out.WakeUps;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Wake-ups inside one JVM: a signal wakes every worker waiting for that kind of work. */
public final class InProcessWakeUps implements WakeUps {
    private final Map<Work, Signal> signals = new EnumMap<>(Work.class);

    public InProcessWakeUps() {
        for (Work work : Work.values()) {
            signals.put(work, new Signal());
        }
    }

    @Override
    public void signal(Work work) {
        Signal s = signals.get(work);
        synchronized (s) {
            s.pending = true;
            s.notifyAll();
        }
    }

    @Override
    public boolean await(Work work, Duration max) throws InterruptedException {
        Signal s = signals.get(work);
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (s) {
            while (!s.pending) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                s.wait(Math.max(1, left / 1_000_000));
            }
            s.pending = false;
            return true;
        }
    }

    private static final class Signal {
        private boolean pending;
    }
}
