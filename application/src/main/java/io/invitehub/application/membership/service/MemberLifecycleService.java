package io.invitehub.application.membership.service;

import io.invitehub.application.membership.port.in.MemberLifecycleJobsUseCase;
import io.invitehub.application.membership.port.out.Rebinds;
import io.invitehub.application.membership.port.out.RemovalClaim;
import io.invitehub.application.membership.port.out.RemovalClaims;
import io.invitehub.application.shared.port.out.CodeUses;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Unaccepted timeout, expiry, rebind settlement and the resumption of removals (SPEC sections 3 and 6,
 * ADR 11). Each step claims a batch with one statement over a partial index ({@code SKIP LOCKED}, so two
 * nodes never take the same row), calls the provider outside any transaction, and ends each claim in its
 * own transaction. A failure is retried with backoff (the claim stays REMOVING, due later); the last one
 * returns the invitation to where it was, flagged {@code removal_failed} for staff. A pass starts no
 * provider call after half the lease: the rest is due again when the lease ends.
 */
public final class MemberLifecycleService implements MemberLifecycleJobsUseCase {
    private static final Logger LOG = Logger.getLogger(MemberLifecycleService.class.getName());

    private final TransactionRunner transactions;
    private final RemovalClaims removals;
    private final Rebinds rebinds;
    private final RedeemCodes codes;
    private final CodeUses uses;
    private final RemovalProcessor processor;
    private final Clock clock;
    private final LifecycleSettings settings;

    /** Without webhook events (tests of the lifecycle alone). */
    public MemberLifecycleService(TransactionRunner transactions, Invitations invitations, RemovalClaims claims, Rebinds rebinds,
                                  Teams teams, Seats seats, RedeemCodes codes, CodeUses uses, TeamProvider provider,
                                  WakeUps wakeUps, Clock clock, LifecycleSettings settings) {
        this(transactions, invitations, claims, rebinds, teams, seats, codes, uses, provider, wakeUps, clock, settings,
                io.invitehub.application.shared.port.out.WebhookEvents.NONE);
    }

    /** {@code events}: the webhook outbox, where timeouts and expiries publish {@code member.removed} in the transaction that ends them. */
    public MemberLifecycleService(TransactionRunner transactions, Invitations invitations, RemovalClaims claims, Rebinds rebinds,
                                  Teams teams, Seats seats, RedeemCodes codes, CodeUses uses, TeamProvider provider,
                                  WakeUps wakeUps, Clock clock, LifecycleSettings settings,
                                  io.invitehub.application.shared.port.out.WebhookEvents events) {
        this.transactions = transactions;
        this.removals = claims;
        this.rebinds = rebinds;
        this.codes = codes;
        this.uses = uses;
        this.processor = new RemovalProcessor(transactions, invitations, claims, teams, seats, codes, uses, provider, wakeUps, clock, settings, events);
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public int cancelUnaccepted() {
        Instant now = clock.instant();
        List<RemovalClaim> claims = transactions.inTransaction(() -> removals.claimUnaccepted(
                now.minus(settings.inviteTimeout()), settings.batchSize(), now, settings.lease()));
        process(claims, now);
        return claims.size();
    }

    @Override
    public int expireMembers() {
        Instant now = clock.instant();
        List<RemovalClaim> claims = transactions.inTransaction(() -> removals.claimExpired(settings.batchSize(), now, settings.lease()));
        process(claims, now);
        return claims.size();
    }

    @Override
    public int settleRebinds() {
        List<Invitation> released = transactions.inTransaction(() -> {
            List<Invitation> failed = rebinds.releaseFailedRebinds(settings.batchSize());
            failed.forEach(member -> uses.giveRebindBack(member.codeId()));
            return failed;
        });
        released.forEach(m -> LOG.fine(() -> "rebind of invitation " + m.id().value() + " failed; the member stays, the rebind is given back"));
        Instant now = clock.instant();
        List<RemovalClaim> claims = transactions.inTransaction(() -> removals.claimRebound(settings.batchSize(), now, settings.lease()));
        process(claims, now);
        return released.size() + claims.size();
    }

    @Override
    public int resumeRemovals() {
        Instant now = clock.instant();
        List<RemovalClaim> claims = transactions.inTransaction(() -> removals.claimDueRemovals(settings.batchSize(), now, settings.lease()));
        process(claims, now);
        return claims.size();
    }

    private void process(List<RemovalClaim> claims, Instant claimedAt) {
        Instant stopAt = claimedAt.plus(settings.lease().dividedBy(2));
        for (RemovalClaim claim : claims) {
            if (clock.instant().isAfter(stopAt)) {
                LOG.warning("lifecycle pass ran past half its lease; the rest of the batch is due again after the lease");
                return;
            }
            processor.process(claim, endReason(claim));
        }
    }

    private String endReason(RemovalClaim claim) {
        switch (claim.kind()) {
            case TIMEOUT:
                return "invite not accepted within " + settings.inviteTimeout().toDays() + " days";
            case EXPIRE:
                boolean disabled = codes.findById(claim.invitation().codeId()).map(RedeemCode::active).map(a -> !a).orElse(false);
                return disabled ? "code disabled" : "membership ended";
            case REBIND:
                return "moved to another team (rebind)";
            default:
                return "removed (finished after an interrupted request)";
        }
    }
}
