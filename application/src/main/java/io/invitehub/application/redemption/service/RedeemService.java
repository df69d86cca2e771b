package io.invitehub.application.redemption.service;

import io.invitehub.application.recipients.port.in.ScreenRecipientsUseCase;
import io.invitehub.application.redemption.port.in.RedeemCodeUseCase;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedeemWithoutRateLimitsUseCase;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.shared.port.out.CodeUses;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.NewInvitation;
import io.invitehub.application.shared.port.out.NewRedemption;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.SeatReservation;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.port.out.WebhookEvent;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.application.shared.service.RedemptionGuard;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.webhook.EventType;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Public redemption (SPEC section 3). In one transaction — one statement where storage can (ADR 64) —: lock-free checks, lock the code row,
 * recognise an idempotent repeat, check the recipient (blocklist, opt-out, daily cap: SPEC section 9),
 * take a use atomically, bind the e-mail, reserve a seat on one team row or queue (also when older
 * invitations already wait in the code's queue), store the
 * invitation. After commit, wake the dispatcher.
 */
public final class RedeemService implements RedeemCodeUseCase, RedeemWithoutRateLimitsUseCase {
    /** Refusals that count as failed attempts against a code (guessing, or someone else's code). */
    private static final Set<ErrorCode> FAILED_ATTEMPTS = EnumSet.of(ErrorCode.INVALID_CODE, ErrorCode.EMAIL_MISMATCH);

    private final TransactionRunner transactions;
    private final RedeemCodes codes;
    private final CodeUses uses;
    private final Invitations invitations;
    private final Teams teams;
    private final Seats seats;
    private final RedemptionGuard guard;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final RedemptionSettings settings;
    private final ScreenRecipientsUseCase recipients;
    private final WebhookEvents events;

    /** Without webhook events (tests of the redemption alone). */
    public RedeemService(TransactionRunner transactions, RedeemCodes codes, CodeUses uses, Invitations invitations,
                         Teams teams, Seats seats,
                         RateLimiter rateLimiter, WakeUps wakeUps, Clock clock, RedemptionSettings settings,
                         ScreenRecipientsUseCase recipients) {
        this(transactions, codes, uses, invitations, teams, seats, rateLimiter, wakeUps, clock, settings, recipients, WebhookEvents.NONE);
    }

    /** {@code events}: the webhook outbox, where each new redemption publishes {@code code.redeemed} in its transaction. */
    public RedeemService(TransactionRunner transactions, RedeemCodes codes, CodeUses uses, Invitations invitations,
                         Teams teams, Seats seats,
                         RateLimiter rateLimiter, WakeUps wakeUps, Clock clock, RedemptionSettings settings,
                         ScreenRecipientsUseCase recipients, WebhookEvents events) {
        this.events = events;
        this.transactions = transactions;
        this.codes = codes;
        this.uses = uses;
        this.invitations = invitations;
        this.teams = teams;
        this.seats = seats;
        this.guard = new RedemptionGuard(rateLimiter, settings);
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.settings = settings;
        this.recipients = recipients;
    }

    @Override
    public RedemptionResult redeem(RedeemCommand command) {
        enforceRateLimits(command);
        return redeemWithoutRateLimits(command);
    }

    @Override
    public RedemptionResult redeemWithoutRateLimits(RedeemCommand command) {
        Instant now = clock.instant();
        RedemptionResult result;
        int[] deliveries = {0};
        try {
            result = transactions.inTransaction(() -> redeemInTransaction(command, now, deliveries));
        } catch (DomainException refused) {
            if (FAILED_ATTEMPTS.contains(refused.code())) {
                guard.countFailedAttempt(command.code());
            }
            throw refused;
        }
        if (!result.repeated() && result.invitation().state() == InvitationState.RESERVED) {
            wakeUps.signal(WakeUps.Work.INVITE_DISPATCH);
        }
        if (deliveries[0] > 0) {
            wakeUps.signal(WakeUps.Work.WEBHOOKS);
        }
        return result;
    }

    private void enforceRateLimits(RedeemCommand command) {
        guard.refuseLockedCode(command.code());
        guard.acquire(settings.perAddress(), command.clientAddress(), "Too many redemptions from this address; try again later.");
        guard.acquire(settings.perEmail(), command.email().value(), "Too many redemptions for this e-mail; try again later.");
    }

    /** {@code deliveries}: set to the webhook deliveries the new redemption wrote. */
    private RedemptionResult redeemInTransaction(RedeemCommand command, Instant now, int[] deliveries) {
        // a new redemption in one round trip where storage can (ADR 64); it writes nothing unless every check
        // below would pass, so a refusal or a repeat goes the long way and gets today's answer
        NewRedemption oneStatement = codes.redeemNew(command.code(), command.email(), now,
                now.minus(ScreenRecipientsUseCase.CAP_WINDOW), recipients.invitationsPerDay(), settings.allocationPolicy());
        switch (oneStatement.outcome()) {
            case SEATED:
                return redeemed(command, oneStatement.code().orElseThrow(), oneStatement.seat(),
                        oneStatement.invitation().orElseThrow(), now, deliveries);
            case NO_SEAT:
                // the use is taken: the cold path of the seat (ADR 4's rounds, or the queue)
                return seatAndInvite(command, oneStatement.code().orElseThrow(), now, deliveries);
            case NOT_TAKEN:
            default:
                return redeemStatementByStatement(command, now, deliveries);
        }
    }

    private RedemptionResult redeemStatementByStatement(RedeemCommand command, Instant now, int[] deliveries) {
        RedeemCode seen = codes.findByCode(command.code())
                .orElseThrow(command.code()::unknown);
        seen.ensureAccepts(command.email(), now);

        // the code row and the recipient's lock (ADR 28): a second redemption to this e-mail waits here,
        // holding nothing it could block anyone with, and then sees the first one's invitation
        RedeemCode code = codes.lockForRedemption(seen.id(), command.email());
        code.ensureAccepts(command.email(), now);

        // after the lock: every committed invitation of this e-mail is visible (newest first)
        List<Invitation> openOfEmail = invitations.openOfEmail(command.email());
        Optional<Invitation> open = openOfEmail.stream().filter(i -> i.codeId().equals(code.id())).findFirst();
        if (open.isPresent()) {
            return describe(open.get(), code, now, true);
        }
        if (!openOfEmail.isEmpty()) {
            throw new DomainException(ErrorCode.ALREADY_MEMBER,
                    "This e-mail already holds a seat (or a place in the queue) through another code.");
        }

        recipients.ensureMayInvite(command.email(), now);
        uses.takeUseAndBind(code.id(), command.email());
        return seatAndInvite(command, code, now, deliveries);
    }

    /** After the use was taken: a seat or the queue, the invitation, the webhook event. */
    private RedemptionResult seatAndInvite(RedeemCommand command, RedeemCode code, Instant now, int[] deliveries) {
        // fairness: while older invitations wait in this code's queue, a new one queues behind them
        // rather than taking a seat that one of them should get (the promoter seats them in order)
        Optional<SeatReservation> seat = seats.reserveSeatUnlessQueued(code.group(), settings.allocationPolicy());
        Invitation invitation = invitations.create(new NewInvitation(code.id(), code.owner(),
                seat.map(SeatReservation::teamId), command.email(),
                seat.isPresent() ? InvitationState.RESERVED : InvitationState.WAITING, false, true, now));
        return redeemed(command, code, seat, invitation, now, deliveries);
    }

    /** The new invitation stored: {@code code.redeemed} to the webhook outbox, and the answer. */
    private RedemptionResult redeemed(RedeemCommand command, RedeemCode code, Optional<SeatReservation> seat,
                                      Invitation invitation, Instant now, int[] deliveries) {
        deliveries[0] = events.publish(WebhookEvent.of(EventType.CODE_REDEEMED, code.owner(), now,
                "code", code.code().value(), "email", command.email().value(), "invitation_id", invitation.publicId().toString(),
                "state", invitation.state().name(), "team", seat.map(SeatReservation::teamName).orElse(null), "redeemed_at", now));
        return new RedemptionResult(invitation, seat.map(SeatReservation::teamName), queuePosition(invitation),
                code.memberExpiresAt(), code.remainingDays(now), false);
    }

    private RedemptionResult describe(Invitation invitation, RedeemCode code, Instant now, boolean repeated) {
        Optional<String> teamName = invitation.teamId().flatMap(teams::findById).map(t -> t.name());
        return new RedemptionResult(invitation, teamName, queuePosition(invitation), code.memberExpiresAt(),
                code.remainingDays(now), repeated);
    }

    private Optional<Long> queuePosition(Invitation invitation) {
        return invitation.state() == InvitationState.WAITING
                ? invitations.queuePosition(invitation.id())
                : Optional.empty();
    }
}
