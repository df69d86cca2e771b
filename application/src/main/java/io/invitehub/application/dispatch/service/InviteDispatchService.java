package io.invitehub.application.dispatch.service;

import io.invitehub.application.dispatch.port.in.DispatchInvitationsUseCase;
import io.invitehub.application.dispatch.port.out.DispatchClaim;
import io.invitehub.application.dispatch.port.out.DispatchOutbox;
import io.invitehub.application.shared.port.out.CodeUses;
import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationChange;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The invite dispatcher (SPEC section 8). Committed RESERVED invitations are the outbox: claim a
 * batch, call the provider outside any transaction (at most {@link TeamProvider#MAX_INVITES_PER_CALL}
 * e-mails per call and team), then record each outcome in its own short transaction: INVITED, a
 * retry with backoff, or after the last attempt FAILED with the seat and the use given back.
 * Every pass claims with a fresh token and records outcomes only while its rows still carry it, so a
 * pass whose lease ran out (and whose rows another worker claimed again) cannot overwrite the newer
 * claim's outcome (ADR 5). A seat given back wakes the waiting-queue promoter.
 */
public final class InviteDispatchService implements DispatchInvitationsUseCase {
    private static final Logger LOG = Logger.getLogger(InviteDispatchService.class.getName());
    static final int MAX_ERROR_LENGTH = 500;

    private final TransactionRunner transactions;
    private final DispatchOutbox outbox;
    private final Teams teams;
    private final Seats seats;
    private final RedeemCodes codes;
    private final CodeUses uses;
    private final TeamProvider provider;
    private final Clock clock;
    private final DispatchSettings settings;
    private final WakeUps wakeUps;

    public InviteDispatchService(TransactionRunner transactions, DispatchOutbox outbox, Teams teams, Seats seats, RedeemCodes codes,
                                 CodeUses uses, TeamProvider provider, WakeUps wakeUps, Clock clock, DispatchSettings settings) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.teams = teams;
        this.seats = seats;
        this.codes = codes;
        this.uses = uses;
        this.provider = provider;
        this.clock = clock;
        this.settings = settings;
        this.wakeUps = wakeUps;
    }

    @Override
    public int dispatchBatch() {
        Instant now = clock.instant();
        DispatchClaim claim = transactions.inTransaction(
                () -> outbox.claimForDispatch(settings.batchSize(), now, settings.lease()));
        List<Invitation> claimed = claim.invitations();
        Map<TeamId, List<Invitation>> byTeam = new LinkedHashMap<>();
        for (Invitation invitation : claimed) {
            byTeam.computeIfAbsent(invitation.teamId().orElseThrow(), t -> new ArrayList<>()).add(invitation);
        }
        // stop starting provider calls once half the lease is gone: the rest stays claimed until the
        // lease ends and is then due again, so a slow pass never overlaps a worker that re-claims it
        Instant stopAt = now.plus(settings.lease().dividedBy(2));
        Pass pass = new Pass(claim.token());
        byTeam.forEach((team, pending) -> pass.dispatchTeam(team, pending, stopAt));
        if (pass.seatsReleased > 0) {
            wakeUps.signal(WakeUps.Work.SEAT_PROMOTION);
        }
        return claimed.size();
    }

    /** One dispatch pass: its claim token, and how many seats it gave back. */
    private final class Pass {
        private final UUID claim;
        private int seatsReleased;

        Pass(UUID claim) {
            this.claim = claim;
        }

        private void dispatchTeam(TeamId teamId, List<Invitation> pending, Instant stopAt) {
            Optional<TeamAccount> account = teams.account(teamId);
            if (account.isEmpty()) {
                pending.forEach(inv -> fail(inv, "team " + teamId.value() + " no longer exists"));
                return;
            }
            for (int from = 0; from < pending.size(); from += TeamProvider.MAX_INVITES_PER_CALL) {
                if (clock.instant().isAfter(stopAt)) {
                    LOG.warning(() -> "dispatch pass ran past half its lease; " + "the rest of the batch waits for the lease to end");
                    return;
                }
                List<Invitation> chunk = pending.subList(from, Math.min(pending.size(), from + TeamProvider.MAX_INVITES_PER_CALL));
                Optional<ProviderError> stop = inviteChunk(account.get(), chunk);
                if (stop.isPresent()) {
                    List<Invitation> rest = pending.subList(Math.min(pending.size(), from + TeamProvider.MAX_INVITES_PER_CALL), pending.size());
                    if (stop.get().disablesTeam()) {
                        rest.forEach(inv -> fail(inv, stop.get() + ": the team is unavailable at the provider"));
                    }
                    // RATE_LIMITED: the rest of this team's batch is not sent now; their claim lease makes
                    // them due again later, without counting an attempt they never made
                    return;
                }
            }
        }

        /** Sends one chunk; returns the error that should stop further calls to this team in this pass. */
        private Optional<ProviderError> inviteChunk(TeamAccount account, List<Invitation> chunk) {
            List<InviteResult> results;
            try {
                List<Email> emails = new ArrayList<>(chunk.size());
                chunk.forEach(inv -> emails.add(inv.email()));
                results = provider.invite(account, emails);
            } catch (TeamProviderException e) {
                if (e.error().disablesTeam()) {
                    TeamStatus status = e.error() == ProviderError.BANNED ? TeamStatus.BANNED : TeamStatus.TOKEN_INVALID;
                    transactions.inTransaction(() -> teams.setStatus(account.teamId(), status));
                    LOG.warning(() -> "team " + account.teamId().value() + " set to " + status + " after provider answered " + e.error());
                }
                chunk.forEach(inv -> failedAttempt(inv, e.error(), e.detail(), e.retryAfter()));
                return e.error() == ProviderError.RATE_LIMITED || e.error().disablesTeam() ? Optional.of(e.error()) : Optional.empty();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "team provider call failed unexpectedly", e);
                chunk.forEach(inv -> failedAttempt(inv, ProviderError.TRANSIENT, "unexpected provider failure: " + e, Optional.empty()));
                return Optional.empty();
            }
            Map<Email, InviteResult> byEmail = new HashMap<>();
            results.forEach(r -> byEmail.put(r.email(), r));
            List<Invitation> sent = new ArrayList<>(chunk.size());
            for (Invitation inv : chunk) {
                InviteResult result = byEmail.get(inv.email());
                if (result == null) {
                    failedAttempt(inv, ProviderError.TRANSIENT, "the provider gave no result for this e-mail", Optional.empty());
                } else if (result.isSent()) {
                    sent.add(inv);
                } else {
                    failedAttempt(inv, result.error().orElseThrow(), result.message(), Optional.empty());
                }
            }
            recordInvited(sent);
            return Optional.empty();
        }

        /**
         * The call's INVITED outcomes in one transaction (ADR 56): one commit per provider call instead of one per
         * invitation. Each still moves only while it carries this pass's claim (fencing, ADR 14).
         */
        private void recordInvited(List<Invitation> sent) {
            if (sent.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            List<InvitationChange> changes = new ArrayList<>(sent.size());
            sent.forEach(inv -> changes.add(inv.moveTo(InvitationState.INVITED, now, null)));
            int recorded = transactions.inTransaction(() -> outbox.applyClaimed(changes, claim)).size();
            if (recorded < sent.size()) {
                LOG.fine(() -> (sent.size() - recorded) + " invitation(s) were claimed again or moved on; "
                        + "this pass's INVITED is not recorded for them");
            }
        }

        private void failedAttempt(Invitation inv, ProviderError error, String message, Optional<Duration> retryAfter) {
            String text = truncate(error + ": " + message);
            int failedAttempts = inv.attempts() + 1;
            if (error.isRetryable() && failedAttempts < settings.maxAttempts()) {
                Duration wait = retryAfter.filter(d -> d.compareTo(settings.backoff(failedAttempts)) > 0)
                        .orElse(settings.backoff(failedAttempts));
                Instant at = clock.instant().plus(wait);
                transactions.inTransaction(() -> outbox.scheduleRetry(inv.id(), claim, at, text));
            } else {
                fail(inv, text);
            }
        }

        /**
         * RESERVED → FAILED; only the caller that wins the transition releases the seat and gives the use back.
         * Locks in the order of ADR 28: the code, the invitation, statistics (the use), the team last.
         */
        private void fail(Invitation inv, String reason) {
            Instant now = clock.instant();
            boolean failed = transactions.inTransaction(() -> {
                codes.lock(inv.codeId());
                return outbox.applyClaimed(inv.moveTo(InvitationState.FAILED, now, truncate(reason)), claim)
                        .map(f -> {
                            uses.giveUseBack(f.id());
                            seats.releaseSeat(f.teamId().orElseThrow());
                            return true;
                        }).orElse(false);
            });
            if (failed) {
                seatsReleased++;
                LOG.fine(() -> "invitation " + inv.id().value() + " FAILED: " + reason);
            }
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
