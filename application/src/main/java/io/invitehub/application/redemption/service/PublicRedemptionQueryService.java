package io.invitehub.application.redemption.service;

import io.invitehub.application.redemption.port.in.PublicRedemptionQueries;
import io.invitehub.application.redemption.port.out.SeatsCache;
import io.invitehub.application.redemption.view.InvitationView;
import io.invitehub.application.redemption.view.RedemptionStatus;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.RateLimiter;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.Seats;
import io.invitehub.application.shared.port.out.Teams;
import io.invitehub.application.shared.service.RedemptionGuard;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

public final class PublicRedemptionQueryService implements PublicRedemptionQueries {
    private static final String NO_REDEMPTION = "No redemption was found for this code and e-mail.";

    private final RedeemCodes codes;
    private final Invitations invitations;
    private final Teams teams;
    private final Seats seats;
    private final Clock clock;
    private final RedemptionGuard guard;
    private final RedemptionSettings settings;
    private final SeatsCache seatsCache;
    private final Duration seatsTtl;

    /** {@code seatsTtl} is how long the public seat summary may be served from {@code seatsCache}. */
    public PublicRedemptionQueryService(RedeemCodes codes, Invitations invitations, Teams teams, Seats seats,
                                        Clock clock, RateLimiter rateLimiter, RedemptionSettings settings, SeatsCache seatsCache,
                                        Duration seatsTtl) {
        this.codes = codes;
        this.invitations = invitations;
        this.teams = teams;
        this.seats = seats;
        this.clock = clock;
        this.guard = new RedemptionGuard(rateLimiter, settings);
        this.settings = settings;
        this.seatsCache = seatsCache;
        this.seatsTtl = seatsTtl;
    }

    @Override
    public InvitationView invitation(UUID publicId) {
        return invitations.findByPublicId(publicId).map(this::view)
                .orElseThrow(() -> DomainException.notFound("No invitation with this id."));
    }

    @Override
    public RedemptionStatus status(Code code, Email email, String clientAddress) {
        guard.refuseLockedCode(code);
        guard.acquire(settings.statusPerAddress(), clientAddress, "Too many status lookups from this address; try again later.");
        RedeemCode found = codes.findByCode(code)
                .filter(c -> c.boundEmail().filter(email::equals).isPresent())
                .orElseThrow(() -> {
                    guard.countFailedAttempt(code);
                    return DomainException.notFound(NO_REDEMPTION);
                });
        Instant now = clock.instant();
        return new RedemptionStatus(found.code().display(), found.active(), found.usedCount(), found.maxUses(),
                found.expiresAt(), found.validityDays(), found.activatedAt(), found.memberExpiresAt(),
                found.remainingDays(now), invitations.findLatest(found.id(), email).map(this::view));
    }

    @Override
    public SeatSummary seats() {
        Optional<SeatSummary> cached = seatsCache.cached();
        if (cached.isPresent()) {
            return cached.get();
        }
        SeatSummary fresh = seats.seatSummary();
        seatsCache.store(fresh, seatsTtl);
        return fresh;
    }

    private InvitationView view(Invitation read) {
        Invitation inv = read;
        Optional<Long> position = Optional.empty();
        if (inv.state() == InvitationState.WAITING) {
            position = invitations.queuePosition(inv.id());
            if (position.isEmpty()) { // promoted (or cancelled) between the two reads: show where it is now
                inv = invitations.findById(read.id()).orElse(read);
            }
        }
        Optional<String> teamName = inv.teamId().flatMap(teams::findById).map(Team::name);
        return new InvitationView(inv.publicId(), inv.state(), teamName, position, inv.createdAt(), inv.invitedAt(),
                inv.acceptedAt(), inv.endedAt(), publicEndReason(inv.state()));
    }

    /**
     * What the customer is told about an ended invitation: one fixed sentence per end state. The stored end
     * reason stays for staff and the distributor (it may hold a distributor's private note or a provider's
     * error text) and is never shown here.
     */
    static Optional<String> publicEndReason(InvitationState state) {
        switch (state) {
            case CANCELLED:
                return Optional.of("The invitation was cancelled.");
            case FAILED:
                return Optional.of("The invitation could not be sent.");
            case REMOVED:
                return Optional.of("The member was removed from the team.");
            case EXPIRED:
                return Optional.of("The membership has ended.");
            case REBOUND:
                return Optional.of("The member moved to another team.");
            default:
                return Optional.empty();
        }
    }
}
