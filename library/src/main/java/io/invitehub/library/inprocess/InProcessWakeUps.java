package io.invitehub.library.inprocess;

import io.invitehub.application.shared.port.out.LocalWakeUps;
import io.invitehub.application.shared.port.out.WakeUps;

import java.time.Duration;

/** Wake-ups inside one JVM (no Redis configured): a signal wakes every worker waiting for that kind of work. */
public final class InProcessWakeUps implements WakeUps {
    private final LocalWakeUps local = new LocalWakeUps();

    @Override
    public void signal(Work work) {
        local.signal(work);
    }

    @Override
    public boolean await(Work work, Duration max) throws InterruptedException {
        return local.await(work, max);
    }
}
