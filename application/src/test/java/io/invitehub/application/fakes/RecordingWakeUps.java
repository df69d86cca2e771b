package io.invitehub.application.fakes;

import io.invitehub.application.shared.port.out.WakeUps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Records every signal; {@link #await} returns at once when a signal is pending (and consumes it). */
public final class RecordingWakeUps implements WakeUps {
    private final List<Work> signals = new ArrayList<>();
    private final Map<Work, Integer> pending = new EnumMap<>(Work.class);
    private volatile Consumer<Work> listener = work -> { };

    /** Runs {@code listener} on the signalling thread at each signal, before it is recorded (to see what the signaller had committed). */
    public void whenSignalled(Consumer<Work> listener) {
        this.listener = listener;
    }

    @Override
    public void signal(Work work) {
        listener.accept(work);
        record(work);
    }

    private synchronized void record(Work work) {
        signals.add(work);
        pending.merge(work, 1, Integer::sum);
        notifyAll();
    }

    @Override
    public synchronized boolean await(Work work, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (pending.getOrDefault(work, 0) == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        pending.merge(work, -1, Integer::sum);
        return true;
    }

    /** Every signal so far, in order. */
    public synchronized List<Work> signals() {
        return List.copyOf(signals);
    }

    public synchronized long count(Work work) {
        return signals.stream().filter(work::equals).count();
    }
}
