package io.invitehub.application.membership.service;

import io.invitehub.application.membership.port.out.RemovalClaim;
import io.invitehub.application.membership.port.out.RemovalClaims;
import io.invitehub.application.shared.port.out.CodeUses;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.port.out.WebhookEvent;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.domain.webhook.EventType;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens to a claimed (REMOVING) invitation, for the request path and the background jobs alike
 * (ADR 11): the provider call, made outside any transaction by the one caller that holds the claim;
 * then ONE transaction that ends it as its {@link RemovalKind} says (seat released, use given back or
 * moved, statistics by trigger); or, when the provider fails, a retry with backoff or the return to the
 * previous state.
 */
final class RemovalProcessor {
    private static final Logger LOG = Logger.getLogger(RemovalProcessor.class.getName());
    static final int MAX_ERROR_LENGTH = 500;

    /**
     * A claim that ended: the invitation in its end state, whether this call gave the code's use back, and
     * the webhook deliveries it wrote.
     */
    record Finished(Invitation invitation, boolean useGivenBack, int deliveries) {
        Finished(Invitation invitation, boolean useGivenBack) {
            this(invitation, useGivenBack, 0);
        }
    }

    private final TransactionRunner transactions;
    private final Invitations invitations;
    private final RemovalClaims claims;
    private final Teams teams;
    private final Seats seats;
    private final RedeemCodes codes;
    private final CodeUses uses;
    private final ProviderEviction eviction;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final LifecycleSettings settings;
    private final WebhookEvents events;

    RemovalProcessor(TransactionRunner transactions, Invitations invitations, RemovalClaims claims, Teams teams, Seats seats,
                     RedeemCodes codes, CodeUses uses, TeamProvider provider, WakeUps wakeUps, Clock clock, LifecycleSettings settings,
                     WebhookEvents events) {
        this.events = events;
        this.transactions = transactions;
        this.invitations = invitations;
        this.claims = claims;
        this.teams = teams;
        this.seats = seats;
        this.codes = codes;
        this.uses = uses;
        this.eviction = new ProviderEviction(provider);
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.settings = settings;
    }

    /** Takes the claimed member out of the team at the provider; empty on success (or when already gone). */
    Optional<TeamProviderException> evict(RemovalClaim claim) {
        Invitation inv = claim.invitation();
        TeamId teamId = inv.teamId().orElseThrow();
        Optional<TeamAccount> account = teams.account(teamId);
        if (account.isEmpty()) {
            return Optional.empty(); // no such workspace any more: nobody left to remove
        }
        try {
            eviction.evict(account.get(), inv.email(), claim.from());
            return Optional.empty();
        } catch (TeamProviderException e) {
            if (e.error().disablesTeam()) {
                TeamStatus status = e.error() == ProviderError.BANNED ? TeamStatus.BANNED : TeamStatus.TOKEN_INVALID;
                transactions.inTransaction(() -> teams.setStatus(teamId, status));
                LOG.warning(() -> "team " + teamId.value() + " set to " + status + " after provider answered " + e.error());
            }
            return Optional.of(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "team provider call failed unexpectedly", e);
            return Optional.of(new TeamProviderException(ProviderError.TRANSIENT, "unexpected provider failure: " + e, null, e));
        }
    }

    /**
     * Ends the claim in one transaction: REMOVING → the kind's end state (conditional: one caller wins),
     * the seat released, the use given back (REMOVE, TIMEOUT) or moved to the rebind invitation (REBIND).
     * {@code inTransaction} runs in the same transaction (an audit entry). Empty when someone else ended it.
     * After the commit that released the seat, the waiting-queue promoter is woken (ADR 14): never
     * before, so it cannot look for the seat while the release is still invisible to it.
     */
    Optional<Finished> finish(RemovalClaim claim, String endReason, Consumer<Finished> inTransaction) {
        Optional<Finished> finished = endInTransaction(claim, endReason, inTransaction);
        if (finished.isPresent()) {
            wakeUps.signal(WakeUps.Work.SEAT_PROMOTION);
            if (finished.get().deliveries() > 0) {
                wakeUps.signal(WakeUps.Work.WEBHOOKS);
            }
        }
        return finished;
    }

    private Optional<Finished> endInTransaction(RemovalClaim claim, String endReason, Consumer<Finished> inTransaction) {
        Invitation inv = claim.invitation();
        RemovalKind kind = claim.kind();
        Instant now = clock.instant();
        // the lock order of ADR 28: the code first (a toggle locks it, then its invitations), then the
        // invitation (statistics follow by trigger), the team last
        return transactions.inTransaction(() -> {
            codes.lock(inv.codeId());
            return invitations.apply(inv.moveTo(kind.endState(), now, truncate(endReason)))
                    .map(ended -> {
                        boolean givenBack = kind.givesUseBack() && uses.giveUseBack(ended.id());
                        if (kind == RemovalKind.REBIND) {
                            claim.rebindTo().ifPresent(to -> uses.moveUse(ended.id(), to));
                        }
                        seats.releaseSeat(ended.teamId().orElseThrow());
                        int deliveries = 0;
                        if (kind != RemovalKind.REBIND) {
                            // a rebind moves the member to another team: not a removal for the distributor
                            deliveries = events.publish(WebhookEvent.of(EventType.MEMBER_REMOVED, ended.distributorId(), now,
                                    "invitation_id", ended.publicId().toString(), "email", ended.email().value(),
                                    "team_id", ended.teamId().map(t -> t.value()).orElse(null), "reason", kind.name().toLowerCase(java.util.Locale.ROOT),
                                    "state", ended.state().name(), "use_given_back", givenBack, "removed_at", now));
                        }
                        Finished finished = new Finished(ended, givenBack, deliveries);
                        inTransaction.accept(finished);
                        return finished;
                    });
        });
    }

    /** Background path: a failed provider call is retried with backoff; the last failure returns the invitation, flagged. */
    void failed(RemovalClaim claim, TeamProviderException e) {
        Invitation inv = claim.invitation();
        int failedAttempts = claim.failedAttempts() + 1;
        String text = truncate(e.error() + ": " + e.detail());
        Instant now = clock.instant();
        if (e.error().isRetryable() && failedAttempts < settings.maxAttempts()) {
            Duration wait = e.retryAfter().filter(d -> d.compareTo(settings.backoff(failedAttempts)) > 0)
                    .orElse(settings.backoff(failedAttempts));
            transactions.inTransaction(() -> claims.scheduleRemovalRetry(inv.id(), now.plus(wait), text));
        } else {
            String reason = truncate(claim.kind() + " failed after " + failedAttempts + " attempt(s): " + text);
            transactions.inTransaction(() -> claims.abandonRemoval(inv.id(), now, reason, true));
            LOG.warning(() -> "invitation " + inv.id().value() + " back to " + claim.from() + ", flagged removal_failed: " + reason);
        }
    }

    /** Background path: the provider call, then the end or the failure handling. True when it ended. */
    boolean process(RemovalClaim claim, String endReason) {
        Optional<TeamProviderException> failure = evict(claim);
        if (failure.isPresent()) {
            failed(claim, failure.get());
            return false;
        }
        return finish(claim, endReason, f -> { }).isPresent();
    }

    static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
