package io.invitehub.library.worker;

import io.invitehub.application.sync.port.in.SyncOutcome;
import io.invitehub.application.sync.port.in.SyncTeamsUseCase;
import io.invitehub.domain.team.TeamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The acceptance sync on a schedule (ADR 13): every tick asks which teams are due and hands each to a
 * bounded pool, one task per team. A team already queued or running on this node is not queued again;
 * across nodes the team's job lease keeps one runner. When the pool is full the rest waits for the
 * next tick (the due time stays in PostgreSQL, so nothing is lost).
 */
public final class AcceptanceSyncWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptanceSyncWorkers.class);
    /** Teams looked up per tick. */
    static final int DUE_PER_TICK = 100;

    private final SyncTeamsUseCase sync;
    private final ScheduledExecutorService ticker;
    private final ThreadPoolExecutor pool;
    private final Set<TeamId> inFlight = ConcurrentHashMap.newKeySet();

    public AcceptanceSyncWorkers(SyncTeamsUseCase sync, Duration tick, int threads) {
        this.sync = sync;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(DUE_PER_TICK),
                r -> daemon(r, "acceptance-sync-" + n.getAndIncrement()), new ThreadPoolExecutor.AbortPolicy());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "acceptance-sync-ticker"));
        ticker.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void tick() {
        try {
            List<TeamId> due = sync.dueTeams(DUE_PER_TICK);
            for (TeamId team : due) {
                if (!inFlight.add(team)) {
                    continue;
                }
                try {
                    pool.execute(() -> run(team));
                } catch (RejectedExecutionException full) {
                    inFlight.remove(team);
                    return; // the pool is busy: the rest stays due for the next tick
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("acceptance sync tick failed; retrying at the next one", e);
        }
    }

    private void run(TeamId team) {
        try {
            SyncOutcome outcome = sync.syncIfDue(team);
            if (outcome.result() == SyncOutcome.Result.FAILED) {
                LOG.warn("acceptance sync of team {} failed: {}", team.value(), outcome.error().orElse(""));
            }
        } catch (RuntimeException e) {
            LOG.error("acceptance sync of team {} failed unexpectedly; it stays due", team.value(), e);
        } finally {
            inFlight.remove(team);
        }
    }

    @Override
    public void close() {
        WorkLoops.stop(ticker);
        WorkLoops.stop(pool);
    }
}
