package io.invitehub.application.membership.service;

import io.invitehub.application.membership.port.in.RebindCommand;
import io.invitehub.application.membership.port.in.RebindResult;
import io.invitehub.application.membership.port.in.RebindUseCase;
import io.invitehub.application.membership.port.out.Rebinds;
import io.invitehub.application.shared.port.out.CodeUses;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.application.shared.port.out.RateLimiter.Limit;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.service.RedemptionGuard;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamId;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rebind, first half (SPEC section 3, ADR 12), in one transaction: lock the code, check the member and
 * the rules ({@link RedeemCode#ensureMayRebind}), count the rebind ({@code rebind_count < rebind_limit},
 * atomically), reserve a seat in another ACTIVE team of the group, create the rebind invitation
 * (RESERVED, no use) and mark the member as moving. The dispatcher sends it; the second half is
 * {@link MemberLifecycleService#settleRebinds()}. Rate-limited like redemption (per address, per e-mail,
 * failed attempts lock the code).
 */
public final class RebindService implements RebindUseCase {
    static final String NOT_A_MEMBER = "This code and e-mail do not name a member of a team.";
    private static final Set<ErrorCode> FAILED_ATTEMPTS = EnumSet.of(ErrorCode.INVALID_CODE, ErrorCode.REBIND_NOT_ALLOWED);

    private final TransactionRunner transactions;
    private final RedeemCodes codes;
    private final CodeUses uses;
    private final Invitations invitations;
    private final Rebinds rebinds;
    private final Teams teams;
    private final Seats seats;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final RedemptionSettings redemption;
    private final LifecycleSettings settings;
    private final RedemptionGuard guard;
    private final Limit perAddress;
    private final Limit perEmail;

    public RebindService(TransactionRunner transactions, RedeemCodes codes, CodeUses uses, Invitations invitations,
                         Rebinds rebinds, Teams teams, Seats seats,
                         RateLimiter rateLimiter, WakeUps wakeUps, Clock clock, RedemptionSettings redemption,
                         LifecycleSettings settings) {
        this.transactions = transactions;
        this.codes = codes;
        this.uses = uses;
        this.invitations = invitations;
        this.rebinds = rebinds;
        this.teams = teams;
        this.seats = seats;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.redemption = redemption;
        this.settings = settings;
        this.guard = new RedemptionGuard(rateLimiter, redemption);
        this.perAddress = new Limit("rebind-address", redemption.perAddress().permits(), redemption.perAddress().window());
        this.perEmail = new Limit("rebind-email", redemption.perEmail().permits(), redemption.perEmail().window());
    }

    @Override
    public RebindResult rebind(RebindCommand command) {
        guard.refuseLockedCode(command.code());
        guard.acquire(perAddress, command.clientAddress(), "Too many requests from this address; try again later.");
        guard.acquire(perEmail, command.email().value(), "Too many requests for this e-mail; try again later.");
        Instant now = clock.instant();
        RebindResult result;
        try {
            result = transactions.inTransaction(() -> rebindInTransaction(command, now));
        } catch (DomainException refused) {
            if (FAILED_ATTEMPTS.contains(refused.code()) && NOT_A_MEMBER.equals(refused.getMessage())) {
                guard.countFailedAttempt(command.code());
            }
            throw refused;
        }
        wakeUps.signal(WakeUps.Work.INVITE_DISPATCH);
        return result;
    }

    private RebindResult rebindInTransaction(RebindCommand command, Instant now) {
        RedeemCode seen = codes.findByCode(command.code())
                .orElseThrow(command.code()::unknown);
        RedeemCode code = codes.lock(seen.id());
        if (code.boundEmail().filter(command.email()::equals).isEmpty()) {
            throw new DomainException(ErrorCode.REBIND_NOT_ALLOWED, NOT_A_MEMBER);
        }
        Invitation open = invitations.findOpen(code.id(), command.email())
                .orElseThrow(() -> new DomainException(ErrorCode.REBIND_NOT_ALLOWED, NOT_A_MEMBER));
        // held before the team rows (ADR 28), and read again under the lock
        Invitation current = invitations.lockAll(List.of(open.id())).stream().findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.REBIND_NOT_ALLOWED, NOT_A_MEMBER));
        if (current.state() != InvitationState.JOINED) {
            throw new DomainException(ErrorCode.REBIND_NOT_ALLOWED, current.isRebind()
                    ? "A move to another team is already under way."
                    : "Only a member who has joined a team can move; this invitation is " + current.state() + ".");
        }
        code.ensureMayRebind(command.email(), current.acceptedAt().orElse(now), now, settings.rebindWindow());
        if (!uses.takeRebind(code.id())) {
            throw new DomainException(ErrorCode.REBIND_LIMIT_REACHED, "This code has used all its moves to another team.");
        }
        TeamId from = current.teamId().orElseThrow();
        SeatReservation seat = seats.reserveSeatElsewhere(code.group(), redemption.allocationPolicy(), from)
                .orElseThrow(() -> new DomainException(ErrorCode.NO_FREE_SEAT,
                        "No seat is free in another team right now; please try again later."));
        Invitation rebind = invitations.create(new NewInvitation(code.id(), code.owner(), Optional.of(seat.teamId()),
                command.email(), InvitationState.RESERVED, true, false, now));
        if (!rebinds.markRebinding(current.id(), rebind.id())) {
            throw new DomainException(ErrorCode.REBIND_NOT_ALLOWED, "A move to another team is already under way.");
        }
        String fromTeam = teams.findById(from).map(Team::name).orElse("");
        return new RebindResult(rebind, seat.teamName(), fromTeam, code.rebindLimit() - code.rebindCount() - 1);
    }
}
