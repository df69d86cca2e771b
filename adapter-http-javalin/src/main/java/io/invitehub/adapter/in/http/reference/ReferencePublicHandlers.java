package io.invitehub.adapter.in.http.reference;

import io.invitehub.adapter.in.http.redemption.Redemption;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.application.membership.port.in.RebindCommand;
import io.invitehub.application.membership.port.in.RebindResult;
import io.invitehub.application.membership.port.in.RebindUseCase;
import io.invitehub.application.redemption.port.in.PublicRedemptionQueries;
import io.invitehub.application.redemption.port.in.RedeemCodeUseCase;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.redemption.view.InvitationView;
import io.invitehub.application.redemption.view.RedemptionStatus;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;

/**
 * The reference's public pages: redeem (its {@code direct-redeem}), status, rebind, the waiting-queue poll and
 * the seat counter. One deliberate difference (SPEC section 12): nothing is looked up by a code alone or by an
 * e-mail alone. The reference answered a code alone with the bound e-mail in clear; InviteHub answers such a
 * status or poll in the reference's shape with {@code found: false} and a {@code message} asking for both, and
 * refuses such a rebind with a 400 whose {@code detail} says so (the reference's rebind page shows that
 * {@code detail} as its error).
 */
public final class ReferencePublicHandlers {
    static final String BOTH_NEEDED = "For your security InviteHub looks a code up only together with the e-mail address it is bound to:"
            + " send both code and email.";
    static final String REBIND_NEEDS_EMAIL = "Rebinding needs the code and the e-mail address it is bound to; this page sends only the code."
            + " Ask your distributor, or use a client that sends both.";
    static final String NOT_FOUND = "No redemption was found for this code and e-mail.";

    /** What each route reads (ADR 33). */
    public static final RequestShape REDEEM = HttpRequests.CODE_AND_EMAIL;
    public static final RequestShape REBIND = HttpRequests.CODE_AND_EMAIL;
    public static final RequestShape LOOKUP = RequestShape.none().query(Field.code("code"), Field.email("email"));
    public static final RequestShape NOTHING = RequestShape.none();

    private final RedeemCodeUseCase redeem;
    private final PublicRedemptionQueries queries;
    private final RebindUseCase rebind;
    private final TrustedProxies proxies;

    public ReferencePublicHandlers(RedeemCodeUseCase redeem, PublicRedemptionQueries queries, RebindUseCase rebind, TrustedProxies proxies) {
        this.redeem = Objects.requireNonNull(redeem, "redeem");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.rebind = Objects.requireNonNull(rebind, "rebind");
        this.proxies = Objects.requireNonNull(proxies, "proxies");
    }

    /** {@code POST /public/redeem}: the reference's {@code RedeemResponse}. */
    record Redeemed(boolean success, String message, String teamName, Instant expiresAt, Long remainingDays, String state,
                    Long queuePosition) {
        static Redeemed of(RedemptionResult r) {
            return new Redeemed(true, Redemption.of(r).message(), r.teamName().orElse(null), r.memberExpiresAt().orElse(null),
                    r.remainingDays(), r.outcome().name(), r.queuePosition().orElse(null));
        }
    }

    /** {@code POST /public/direct-redeem}: as {@link Redeemed} plus {@code is_first_use} (this call took a new use). */
    record DirectRedeemed(boolean success, String message, String teamName, Instant expiresAt, Long remainingDays, boolean isFirstUse,
                          String state, Long queuePosition) {
        static DirectRedeemed of(RedemptionResult r) {
            return new DirectRedeemed(true, Redemption.of(r).message(), r.teamName().orElse(null), r.memberExpiresAt().orElse(null),
                    r.remainingDays(), !r.repeated(), r.outcome().name(), r.queuePosition().orElse(null));
        }
    }

    /**
     * The reference's {@code StatusResponse} plus {@code message}. {@code email} is masked (the reference sent
     * it in clear); {@code team_active} says whether the member's seat is live (invited or joined);
     * {@code can_rebind} whether the member has joined (the rebind itself checks the window and the limit).
     */
    record Status(boolean found, String email, String teamName, Boolean teamActive, String code, Instant expiresAt, Long remainingDays,
                  Boolean canRebind, String message) {
        static Status notFound(String message) {
            return new Status(false, null, null, null, null, null, null, null, message);
        }

        static Status of(RedemptionStatus s, Email email) {
            Optional<InvitationView> latest = s.latestInvitation();
            Boolean teamActive = latest.filter(i -> i.teamName().isPresent())
                    .map(i -> i.state() == InvitationState.INVITED || i.state() == InvitationState.JOINED).orElse(null);
            boolean joined = latest.filter(i -> i.state() == InvitationState.JOINED).isPresent();
            return new Status(true, email.masked(), latest.flatMap(InvitationView::teamName).orElse(null), teamActive,
                    Code.parse(s.code()).masked(), s.memberExpiresAt().orElse(null), s.remainingDays(), joined,
                    "This code is bound to " + email.masked() + ".");
        }
    }

    record Rebound(boolean success, String message, String newTeamName, String state, Long queuePosition, String email) {
        static Rebound of(RebindResult r, Email email) {
            return new Rebound(true, "Your invitation to " + r.toTeam() + " is being sent; you leave " + r.fromTeam()
                    + " once it is sent.", r.toTeam(), RedemptionResult.Outcome.INVITE_QUEUED.name(), null, email.value());
        }
    }

    /** The reference's waiting-queue poll answer. */
    record InviteStatus(boolean found, String email, String status, String statusMessage, String teamName, Instant createdAt,
                        Instant processedAt, Integer retryCount, Boolean canRetry, Long queuePosition) {
        static InviteStatus notFound(String message) {
            return new InviteStatus(false, null, null, message, null, null, null, null, null, null);
        }

        static InviteStatus of(InvitationView i, Email email) {
            String status = i.state() == InvitationState.JOINED ? "success" : ReferenceWire.inviteStatus(i.state());
            return new InviteStatus(true, email.value(), status, message(i), i.teamName().orElse(null), i.createdAt(),
                    i.invitedAt().orElse(null), 0, false, i.queuePosition().orElse(null));
        }

        private static String message(InvitationView i) {
            String team = i.teamName().orElse("the team");
            switch (i.state()) {
                case WAITING: return i.queuePosition().map(p -> "All seats are taken; you are number " + p + " in the queue.")
                        .orElse("All seats are taken; you are in the queue.");
                case RESERVED: return "Your invitation to " + team + " is being sent.";
                case INVITED: return "Your invitation to " + team + " has been sent; check your mailbox.";
                case JOINED: return "You are a member of " + team + ".";
                default: return "This invitation has ended (" + ReferenceWire.lower(i.state()) + ").";
            }
        }
    }

    record Seats(long totalSeats, long usedSeats, long pendingSeats, long availableSeats) {
        /** InviteHub counts invited members in {@code used_seats}; {@code pending_seats} is therefore 0. */
        static Seats of(SeatSummary s) {
            return new Seats(s.totalSeats(), s.usedSeats(), 0, s.freeSeats());
        }
    }

    record RebindBody(String code, String email) {
    }

    /** {@code POST /public/redeem {email, code}}. */
    public void redeem(Context ctx) {
        ctx.json(Redeemed.of(redeemOnce(ctx)));
    }

    /** {@code POST /public/direct-redeem {email, code}}: the route the reference's redeem page calls. */
    public void directRedeem(Context ctx) {
        ctx.json(DirectRedeemed.of(redeemOnce(ctx)));
    }

    private RedemptionResult redeemOnce(Context ctx) {
        HttpRequests.CodeAndEmail request = HttpRequests.codeAndEmail(ctx);
        return redeem.redeem(new RedeemCommand(request.code(), request.email(), proxies.clientAddress(ctx)));
    }

    /** {@code GET /public/status?code=&email=}: both, or {@code found: false} with a message and no lookup. */
    public void status(Context ctx) {
        Optional<String> code = param(ctx, "code");
        Optional<String> email = param(ctx, "email");
        if (code.isEmpty() || email.isEmpty()) {
            ctx.json(Status.notFound(BOTH_NEEDED));
            return;
        }
        Email address = Email.of(email.get());
        try {
            ctx.json(Status.of(queries.status(Code.parse(code.get()), address, proxies.clientAddress(ctx)), address));
        } catch (DomainException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            ctx.json(Status.notFound(NOT_FOUND));
        }
    }

    /** {@code POST /public/rebind {code, email}}: without the e-mail a 400 whose {@code detail} asks for it. */
    public void rebind(Context ctx) {
        RebindBody request = body(ctx, RebindBody.class);
        if (request.code() == null || request.code().isBlank()) {
            throw invalid("code is required");
        }
        if (request.email() == null || request.email().isBlank()) {
            throw invalid(REBIND_NEEDS_EMAIL);
        }
        Code code = Code.parse(request.code());
        Email email = Email.of(request.email());
        ctx.json(Rebound.of(rebind.rebind(new RebindCommand(code, email, proxies.clientAddress(ctx))), email));
    }

    /**
     * {@code GET /public/invite-status?email=&code=}: the latest invitation of that code for that e-mail. The
     * reference's page polls with the e-mail alone: {@code found: false} and a message, no lookup.
     */
    public void inviteStatus(Context ctx) {
        Optional<String> code = param(ctx, "code");
        Optional<String> email = param(ctx, "email");
        if (code.isEmpty() || email.isEmpty()) {
            ctx.json(InviteStatus.notFound(BOTH_NEEDED));
            return;
        }
        Email address = Email.of(email.get());
        try {
            RedemptionStatus status = queries.status(Code.parse(code.get()), address, proxies.clientAddress(ctx));
            ctx.json(status.latestInvitation().map(i -> InviteStatus.of(i, address)).orElse(InviteStatus.notFound(NOT_FOUND)));
        } catch (DomainException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            ctx.json(InviteStatus.notFound(NOT_FOUND));
        }
    }

    /** {@code GET /public/seats}. */
    public void seats(Context ctx) {
        ctx.json(Seats.of(queries.seats()));
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(HttpRequests.queryParam(ctx, name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
