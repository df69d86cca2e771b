package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.dispatch.port.in.DispatchInvitationsUseCase;
import io.invitehub.application.teams.port.in.ManageTeamsUseCase;
import io.invitehub.application.queue.port.in.PromoteWaitingUseCase;
import io.invitehub.application.sync.port.in.SyncTeamsUseCase;
import io.invitehub.application.sync.service.AcceptanceSyncService;
import io.invitehub.application.dispatch.service.DispatchSettings;
import io.invitehub.application.dispatch.service.InviteDispatchService;
import io.invitehub.application.queue.service.SeatQueueService;
import io.invitehub.application.sync.service.SyncSettings;
import io.invitehub.application.teams.service.TeamAdminService;
import io.invitehub.library.config.DispatchConfig;
import io.invitehub.library.config.RedemptionConfig;
import io.invitehub.library.config.SyncConfig;
import io.invitehub.library.worker.AcceptanceSyncWorkers;
import io.invitehub.library.worker.DispatchWorkers;
import io.invitehub.library.worker.QueuePromoter;

import java.time.Duration;
import java.util.Deque;

/**
 * The team pool (SPEC sections 3, 6 and 8): team administration, the invite dispatcher draining the
 * outbox, the waiting-queue promoter and the acceptance sync, each with its background workers.
 */
public record TeamPoolAssembly(ManageTeamsUseCase teams, DispatchInvitationsUseCase dispatcher, PromoteWaitingUseCase promoter,
                               SyncTeamsUseCase sync) {
    /** How often the sync worker asks which teams are due (each team's own due time is in PostgreSQL). */
    static final Duration SYNC_TICK = Duration.ofSeconds(10);
    /** Members read per page of a team's member list. */
    static final int SYNC_PAGE_SIZE = 100;

    /** {@code mailLanguage}: the language of the seat-ready mail (ADR 41). */
    public static TeamPoolAssembly wire(Adapters a, DispatchConfig dispatch, SyncConfig sync, RedemptionConfig redemption,
                                        io.invitehub.domain.shared.Language mailLanguage) {
        JooqPersistence db = a.persistence();
        ManageTeamsUseCase teams = new TeamAdminService(db.transactions(), db.teams(), a.provider(), db.audit(), a.wakeUps(), a.clock());
        DispatchSettings dispatchSettings = new DispatchSettings(dispatch.batchSize(), dispatch.maxAttempts(),
                dispatch.backoffBase(), dispatch.backoffBase().multipliedBy(60), dispatch.lease());
        DispatchInvitationsUseCase dispatcher = new InviteDispatchService(db.transactions(), db.dispatchOutbox(), db.teams(),
                db.seats(), db.codes(), db.codeUses(), a.provider(), a.wakeUps(), a.clock(), dispatchSettings);
        SyncTeamsUseCase syncService = new AcceptanceSyncService(db.transactions(), db.teams(), db.syncSchedule(),
                db.invitations(), db.codes(), a.provider(), a.jobLeases(), a.wakeUps(), a.clock(),
                new SyncSettings(sync.interval(), sync.lease(), SYNC_PAGE_SIZE, sync.retryBase()), db.webhookEvents());
        PromoteWaitingUseCase promoter = new SeatQueueService(db.transactions(), db.waitingQueue(), db.seats(), a.wakeUps(),
                a.clock(), redemption.allocationPolicy(), dispatch.batchSize(), db.mailOutbox(), mailLanguage);
        return new TeamPoolAssembly(teams, dispatcher, promoter, syncService);
    }

    /** Starts the dispatch workers, the queue promoter and the acceptance sync workers; stopped with {@code resources}. */
    public void startWorkers(Adapters a, DispatchConfig dispatch, SyncConfig syncConfig, Deque<AutoCloseable> resources) {
        DispatchWorkers workers = new DispatchWorkers(dispatcher, a.wakeUps(), dispatch.pollInterval(), dispatch.threads());
        workers.start();
        resources.push(workers);
        resources.push(new QueuePromoter(promoter, a.wakeUps(), syncConfig.queuePollInterval()));
        Duration tick = syncConfig.interval().compareTo(SYNC_TICK) < 0 ? syncConfig.interval() : SYNC_TICK;
        resources.push(new AcceptanceSyncWorkers(sync, tick, syncConfig.threads()));
    }
}
