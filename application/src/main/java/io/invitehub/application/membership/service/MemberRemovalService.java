package io.invitehub.application.membership.service;

import io.invitehub.application.membership.port.in.RemovalResult;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.membership.port.in.RemoveMemberUseCase;
import io.invitehub.application.membership.port.out.Rebinds;
import io.invitehub.application.membership.port.out.RemovalClaim;
import io.invitehub.application.membership.port.out.RemovalClaims;
import io.invitehub.application.membership.view.RemovalFailure;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.CodeUses;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Member removal by a distributor or by staff (SPEC section 6, ADR 11). Claim (INVITED/JOINED →
 * REMOVING, one winner), provider call outside any transaction, then one transaction: REMOVED, seat
 * released, use given back at most once, audit entry (statistics follow by trigger). A provider failure
 * returns the invitation to where it was and answers PROVIDER_FAILED; a process that dies in between
 * leaves a claim that {@link MemberLifecycleService#resumeRemovals()} finishes after the lease.
 */
public final class MemberRemovalService implements RemoveMemberUseCase {
    static final String NOT_YOURS = "No member with this e-mail in this team among your customers.";

    private final TransactionRunner transactions;
    private final Invitations invitations;
    private final RemovalClaims claims;
    private final Rebinds rebinds;
    private final Teams teams;
    private final RedeemCodes codes;
    private final CodeUses uses;
    private final AuditLog audit;
    private final CallerRules rules;
    private final RemovalProcessor processor;
    private final Clock clock;
    private final LifecycleSettings settings;

    /** Without webhook events (tests of the removal alone). */
    public MemberRemovalService(TransactionRunner transactions, Invitations invitations, RemovalClaims claims, Rebinds rebinds,
                                Teams teams, Seats seats, RedeemCodes codes, CodeUses uses, Users users, TeamProvider provider, AuditLog audit, WakeUps wakeUps, Clock clock,
                                LifecycleSettings settings) {
        this(transactions, invitations, claims, rebinds, teams, seats, codes, uses, users, provider, audit, wakeUps, clock, settings,
                io.invitehub.application.shared.port.out.WebhookEvents.NONE);
    }

    /** {@code events}: the webhook outbox, where each removal publishes {@code member.removed} in the transaction that ends it. */
    public MemberRemovalService(TransactionRunner transactions, Invitations invitations, RemovalClaims claims, Rebinds rebinds,
                                Teams teams, Seats seats, RedeemCodes codes, CodeUses uses, Users users, TeamProvider provider, AuditLog audit, WakeUps wakeUps, Clock clock,
                                LifecycleSettings settings, io.invitehub.application.shared.port.out.WebhookEvents events) {
        this.transactions = transactions;
        this.invitations = invitations;
        this.claims = claims;
        this.rebinds = rebinds;
        this.teams = teams;
        this.codes = codes;
        this.uses = uses;
        this.audit = audit;
        this.rules = new CallerRules(users);
        this.processor = new RemovalProcessor(transactions, invitations, claims, teams, seats, codes, uses, provider, wakeUps, clock, settings, events);
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public RemovalResult remove(RemoveMemberCommand command) {
        User caller = rules.caller(command.caller());
        Optional<Invitation> live = invitations.findSeatHolder(command.team(), command.email()).filter(i -> ownedBy(i, caller.id()));
        if (live.isEmpty()) {
            boolean removedBefore = invitations.findLatestInTeam(command.team(), command.email())
                    .filter(i -> ownedBy(i, caller.id()) && i.state() == InvitationState.REMOVED).isPresent();
            if (removedBefore) {
                return alreadyRemoved(command.email(), teamName(command.team()));
            }
            throw DomainException.notFound(NOT_YOURS);
        }
        String reason = "removed by distributor" + command.reason().map(r -> ": " + r).orElse("");
        return removeInvitation(live.get(), Actor.of(caller), reason, false);
    }

    @Override
    public RemovalResult removeByStaff(Actor actor, InvitationId id, Optional<String> reason) {
        Invitation invitation = invitations.findById(id)
                .orElseThrow(() -> DomainException.notFound("invitation " + id.value() + " does not exist"));
        String endReason = "removed by staff" + reason.map(String::strip).filter(r -> !r.isEmpty()).map(r -> ": " + r).orElse("");
        return removeInvitation(invitation, actor, endReason, true);
    }

    @Override
    public List<RemovalFailure> removalFailures(Optional<InvitationId> after, int limit) {
        return claims.removalFailures(after, limit);
    }

    private RemovalResult removeInvitation(Invitation invitation, Actor actor, String endReason, boolean staff) {
        Optional<String> teamName = invitation.teamId().flatMap(teams::findById).map(Team::name);
        switch (invitation.removal(staff)) {
            case CLAIM:
                break;
            case ALREADY_REMOVED:
                return alreadyRemoved(invitation, teamName);
            case CANCEL_QUEUED:
                return cancelQueued(invitation, actor, endReason);
            default:
                throw DomainException.notFound(NOT_YOURS);
        }
        Instant now = clock.instant();
        Optional<RemovalClaim> claim = transactions.inTransaction(() -> {
            if (rebinds.moveUnsettled(invitation)) {
                // the use still sits with the old membership: removing the new one now would give nothing back
                throw moving();
            }
            return claims.claimRemoval(invitation.id(), RemovalKind.REMOVE, now, settings.lease());
        });
        if (claim.isEmpty()) {
            return lostClaim(invitation, teamName);
        }
        Optional<TeamProviderException> failure = processor.evict(claim.get());
        if (failure.isPresent()) {
            TeamProviderException e = failure.get();
            transactions.inTransaction(() -> claims.abandonRemoval(invitation.id(), clock.instant(),
                    RemovalProcessor.truncate("REMOVE failed: " + e.error() + ": " + e.detail()), false));
            throw new DomainException(ErrorCode.PROVIDER_FAILED, "The team provider did not confirm the removal ("
                    + e.error() + "); nothing was changed, please try again later.");
        }
        Optional<RemovalProcessor.Finished> finished = processor.finish(claim.get(), endReason,
                f -> audit.record(AuditEntry.of(actor, "MEMBER_REMOVE", "invitation", f.invitation().id().value(),
                        invitation.email().masked() + " from team " + invitation.teamId().orElseThrow().value()
                                + "; use given back: " + f.useGivenBack() + "; " + endReason, clock.instant())));
        if (finished.isEmpty()) {
            return alreadyRemoved(invitation, teamName); // the recovery step finished it meanwhile
        }
        return new RemovalResult(RemovalResult.Outcome.REMOVED, "Member removed from " + teamName.orElse("the team") + ".",
                invitation.email(), teamName, finished.get().useGivenBack());
    }

    /** The claim was lost: say what the winner is doing, from a fresh read. */
    private RemovalResult lostClaim(Invitation invitation, Optional<String> teamName) {
        Invitation now = invitations.findById(invitation.id()).orElseThrow();
        switch (now.state()) {
            case REMOVING:
                throw Invitation.removalInProgress();
            case REMOVED:
                return alreadyRemoved(now, teamName);
            case INVITED:
            case JOINED:
                throw moving();
            default:
                throw new DomainException(ErrorCode.CONFLICT, "This invitation changed meanwhile (" + now.state() + ").");
        }
    }

    private RemovalResult cancelQueued(Invitation invitation, Actor actor, String reason) {
        Instant now = clock.instant();
        Optional<Boolean> cancelled = transactions.inTransaction(() -> {
            codes.lock(invitation.codeId()); // the code before its invitation (ADR 28)
            return invitations.apply(invitation.moveTo(InvitationState.CANCELLED, now, reason))
                    .map(c -> {
                        boolean givenBack = uses.giveUseBack(c.id());
                        audit.record(AuditEntry.of(actor, "INVITATION_CANCEL", "invitation", c.id().value(),
                                invitation.email().masked() + " left the queue; use given back: " + givenBack, now));
                        return givenBack;
                    });
        });
        if (cancelled.isEmpty()) {
            throw new DomainException(ErrorCode.CONFLICT, "The invitation left the queue meanwhile; look at it again.");
        }
        return new RemovalResult(RemovalResult.Outcome.CANCELLED, "Queued invitation cancelled.", invitation.email(),
                Optional.empty(), cancelled.get());
    }

    private static boolean ownedBy(Invitation invitation, UserId distributor) {
        return invitation.distributorId().filter(distributor::equals).isPresent();
    }

    private Optional<String> teamName(io.invitehub.domain.team.TeamId team) {
        return teams.findById(team).map(Team::name);
    }

    private static RemovalResult alreadyRemoved(Invitation invitation, Optional<String> teamName) {
        return alreadyRemoved(invitation.email(), teamName);
    }

    private static RemovalResult alreadyRemoved(io.invitehub.domain.shared.Email email, Optional<String> teamName) {
        return new RemovalResult(RemovalResult.Outcome.ALREADY_REMOVED, "Member already removed.", email, teamName, false);
    }

    private static DomainException moving() {
        return new DomainException(ErrorCode.CONFLICT, "This member is moving to another team right now; try again in a minute.");
    }
}
