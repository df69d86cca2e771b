package io.invitehub.adapter.in.http.redemption;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.application.redemption.view.InvitationView;
import io.invitehub.application.redemption.port.in.PublicRedemptionQueries;
import io.invitehub.application.redemption.port.in.RedeemCodeUseCase;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.view.RedemptionStatus;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.Email;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;

/**
 * The customer's public routes (SPEC section 3): redeem a code (JSON or form), poll an invitation, look
 * up a code's status, the pool's free seats.
 */
public final class PublicRedemptionHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape REDEMPTION_ANSWER = ResponseShape.ok(Redemption.class);
    public static final ResponseShape INVITATION_ANSWER = ResponseShape.ok(Invitation.class);
    public static final ResponseShape STATUS_ANSWER = ResponseShape.ok(Status.class);
    public static final ResponseShape SEATS_ANSWER = ResponseShape.ok(Seats.class);

    private static final Pattern UUID_SHAPE =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /** What each route reads (ADR 33). */
    public static final RequestShape REDEEM = HttpRequests.CODE_AND_EMAIL;
    public static final RequestShape INVITATION = RequestShape.none().path(Field.token("id", 36, UUID_SHAPE, "a UUID", "5b0c6a57-4f0e-4c6b-9a53-2f1d7d0e8c11").labelled("invitation id"));
    public static final RequestShape STATUS = RequestShape.none().query(Field.code("code"), Field.email("email"));

    private final RedeemCodeUseCase redeem;
    private final PublicRedemptionQueries queries;
    private final TrustedProxies proxies;

    public PublicRedemptionHandlers(RedeemCodeUseCase redeem, PublicRedemptionQueries queries, TrustedProxies proxies) {
        this.redeem = Objects.requireNonNull(redeem, "redeem");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.proxies = Objects.requireNonNull(proxies, "proxies");
    }

    record Invitation(UUID invitationId, String state, String teamName, Long queuePosition, Instant createdAt,
                      Instant invitedAt, Instant acceptedAt, Instant endedAt, String endReason) {
        static Invitation of(InvitationView view) {
            return new Invitation(view.publicId(), view.state().name(), view.teamName().orElse(null),
                    view.queuePosition().orElse(null), view.createdAt(), view.invitedAt().orElse(null),
                    view.acceptedAt().orElse(null), view.endedAt().orElse(null), view.endReason().orElse(null));
        }
    }

    record Status(String code, boolean active, int usedCount, int maxUses, Instant expiresAt, int validityDays,
                  Instant activatedAt, Instant memberExpiresAt, long remainingDays, Invitation latestInvitation) {
        static Status of(RedemptionStatus status) {
            return new Status(status.code(), status.active(), status.usedCount(), status.maxUses(),
                    status.expiresAt().orElse(null), status.validityDays(), status.activatedAt().orElse(null),
                    status.memberExpiresAt().orElse(null), status.remainingDays(),
                    status.latestInvitation().map(Invitation::of).orElse(null));
        }
    }

    record Seats(int activeTeams, long totalSeats, long usedSeats, long freeSeats, long waiting) {
        static Seats of(SeatSummary summary) {
            return new Seats(summary.activeTeams(), summary.totalSeats(), summary.usedSeats(), summary.freeSeats(),
                    summary.waiting());
        }
    }

    /** {@code POST /public/redeem} and {@code /public/direct-redeem}: {@code {code, email}} as JSON or a form. */
    public void redeem(Context ctx) {
        HttpRequests.CodeAndEmail request = HttpRequests.codeAndEmail(ctx);
        ctx.json(Redemption.of(redeem.redeem(new RedeemCommand(request.code(), request.email(), proxies.clientAddress(ctx)))));
    }

    /** {@code GET /public/invitations/{id}}: the invitation by its public UUID. */
    public void invitation(Context ctx) {
        String raw = HttpRequests.pathParam(ctx, "id");
        if (!UUID_SHAPE.matcher(raw).matches()) {
            throw invalid("invitation id must be a UUID");
        }
        ctx.json(Invitation.of(queries.invitation(UUID.fromString(raw))));
    }

    /** {@code GET /public/status?code=&email=}: the code as its holder may see it. */
    public void status(Context ctx) {
        String code = HttpRequests.queryParam(ctx, "code");
        String email = HttpRequests.queryParam(ctx, "email");
        List<String> missing = new ArrayList<>(2);
        if (code == null || code.isBlank()) {
            missing.add("code");
        }
        if (email == null || email.isBlank()) {
            missing.add("email");
        }
        if (!missing.isEmpty()) {
            throw invalid((missing.size() == 1 ? "query parameter " : "query parameters ")
                    + missing.stream().map(name -> "'" + name + "'").collect(Collectors.joining(" and "))
                    + (missing.size() == 1 ? " is" : " are") + " required");
        }
        ctx.json(Status.of(queries.status(Code.parse(code), Email.of(email), proxies.clientAddress(ctx))));
    }

    /** {@code GET /public/seats}. */
    public void seats(Context ctx) {
        ctx.json(Seats.of(queries.seats()));
    }
}
