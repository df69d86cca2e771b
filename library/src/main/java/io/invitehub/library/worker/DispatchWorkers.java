package io.invitehub.library.worker;

import io.invitehub.application.dispatch.port.in.DispatchInvitationsUseCase;
import io.invitehub.application.shared.port.out.WakeUps;

import java.time.Duration;

/**
 * Threads that drain the invite outbox: each claims a batch; when there is nothing to do it sleeps
 * until a wake-up or the poll interval, so a lost wake-up only delays work. Pending work left by a
 * previous run is picked up by the first poll (claims expire after their lease).
 */
public final class DispatchWorkers implements AutoCloseable {
    private final WorkLoops loops;

    public DispatchWorkers(DispatchInvitationsUseCase dispatcher, WakeUps wakeUps, Duration pollInterval, int threads) {
        this.loops = new WorkLoops("invite-dispatcher", threads, () -> dispatcher.dispatchBatch() > 0,
                wakeUps, WakeUps.Work.INVITE_DISPATCH, pollInterval);
    }

    public void start() {
        loops.start();
    }

    @Override
    public void close() {
        loops.close();
    }
}
