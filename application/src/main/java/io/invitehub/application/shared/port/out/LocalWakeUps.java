package io.invitehub.application.shared.port.out;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wake-ups inside one JVM, the part every {@link WakeUps} adapter shares (in-process, Redis pub/sub): one
 * pending flag per kind of work; a signal sets it and wakes every waiter of that kind, and one waiter takes it.
 * Signals while nobody waits are kept as one (a flag, not a count): a worker that polls finds all the work.
 */
public final class LocalWakeUps implements WakeUps {
    private final Map<Work, Signal> signals = new EnumMap<>(Work.class);

    public LocalWakeUps() {
        for (Work work : Work.values()) {
            signals.put(work, new Signal());
        }
    }

    @Override
    public void signal(Work work) {
        Signal s = signals.get(work);
        s.lock.lock();
        try {
            s.pending = true;
            s.raised.signalAll();
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public boolean await(Work work, Duration max) throws InterruptedException {
        Signal s = signals.get(work);
        s.lock.lock();
        try {
            long left = max.toNanos();
            while (!s.pending) {
                if (left <= 0) {
                    return false;
                }
                left = s.raised.awaitNanos(left);
            }
            s.pending = false;
            return true;
        } finally {
            s.lock.unlock();
        }
    }

    private static final class Signal {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition raised = lock.newCondition();
        private boolean pending;
    }
}
