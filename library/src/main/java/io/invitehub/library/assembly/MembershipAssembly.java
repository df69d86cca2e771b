package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.application.membership.port.in.MemberLifecycleJobsUseCase;
import io.invitehub.application.membership.port.in.RebindUseCase;
import io.invitehub.application.membership.port.in.ReinviteMemberUseCase;
import io.invitehub.application.membership.port.in.RemoveMemberUseCase;
import io.invitehub.application.membership.service.LifecycleSettings;
import io.invitehub.application.membership.service.MemberLifecycleService;
import io.invitehub.application.membership.service.MemberRemovalService;
import io.invitehub.application.membership.service.RebindService;
import io.invitehub.application.membership.service.ReinviteService;
import io.invitehub.library.config.LifecycleConfig;
import io.invitehub.library.worker.LifecycleJobs;

import java.time.Duration;
import java.util.Deque;

/**
 * Membership (SPEC sections 3, 4 and 6; ADR 11, 12): removal, re-invite, rebind, and the background
 * lifecycle steps (resume, rebind settlement, unaccepted timeout, expiry). Background removals retry
 * with their own backoff ({@code INVITEHUB_REMOVAL_BACKOFF_BASE}, capped at 60 times it).
 */
public record MembershipAssembly(RemoveMemberUseCase removal, ReinviteMemberUseCase reinvite, RebindUseCase rebind,
                                 MemberLifecycleJobsUseCase lifecycle) {

    public static MembershipAssembly wire(Adapters a, LifecycleConfig config, RedemptionAssembly redemption) {
        JooqPersistence db = a.persistence();
        LifecycleSettings settings = settings(config);
        RemoveMemberUseCase removal = new MemberRemovalService(db.transactions(), db.invitations(), db.removalClaims(),
                db.rebinds(), db.teams(), db.seats(), db.codes(), db.codeUses(), db.users(), a.provider(), db.audit(), a.wakeUps(),
                a.clock(), settings, db.webhookEvents());
        ReinviteMemberUseCase reinvite = new ReinviteService(db.transactions(), db.invitations(), db.codes(), db.users(),
                redemption.redeem(), redemption.recipientPolicy(), db.audit(), a.clock());
        RebindUseCase rebind = new RebindService(db.transactions(), db.codes(), db.codeUses(), db.invitations(), db.rebinds(),
                db.teams(), db.seats(), a.rateLimiter(), a.wakeUps(), a.clock(), redemption.settings(), settings);
        MemberLifecycleJobsUseCase lifecycle = new MemberLifecycleService(db.transactions(), db.invitations(),
                db.removalClaims(), db.rebinds(), db.teams(), db.seats(), db.codes(), db.codeUses(), a.provider(), a.wakeUps(),
                a.clock(), settings, db.webhookEvents());
        return new MembershipAssembly(removal, reinvite, rebind, lifecycle);
    }

    /** The lifecycle's tunables: background removals back off from their own base, at most 60 times it. */
    static LifecycleSettings settings(LifecycleConfig config) {
        return new LifecycleSettings(config.inviteTimeout(), Duration.ofDays(config.rebindWindowDays()), config.batchSize(),
                config.removalMaxAttempts(), config.removalBackoffBase(), config.removalBackoffBase().multipliedBy(60),
                config.removalLease());
    }

    /** Starts the lifecycle steps (each under its job lease); stopped with {@code resources}. */
    public void startWorkers(Adapters a, LifecycleConfig config, Deque<AutoCloseable> resources) {
        resources.push(jobs(a, config).start());
    }

    /** One run of the lifecycle steps on the calling thread, each under its job lease; returns the steps that ran. */
    public int runLifecycleOnce(Adapters a, LifecycleConfig config) {
        return jobs(a, config).runOnce();
    }

    private LifecycleJobs jobs(Adapters a, LifecycleConfig config) {
        return new LifecycleJobs(lifecycle, a.jobLeases(), config.interval(), config.removalLease(), config.batchSize());
    }
}
