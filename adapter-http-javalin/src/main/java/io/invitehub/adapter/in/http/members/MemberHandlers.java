package io.invitehub.adapter.in.http.members;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.redemption.Redemption;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.application.membership.port.in.RebindCommand;
import io.invitehub.application.membership.port.in.RebindResult;
import io.invitehub.application.membership.port.in.RebindUseCase;
import io.invitehub.application.membership.port.in.ReinviteCommand;
import io.invitehub.application.membership.port.in.ReinviteMemberUseCase;
import io.invitehub.application.membership.port.in.RemovalResult;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.membership.port.in.RemoveMemberUseCase;
import io.invitehub.application.membership.view.RemovalFailure;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;

/**
 * The member-lifecycle routes (SPEC sections 3, 4 and 6): removal by a distributor and by staff, re-invite,
 * the staff list of removals that kept failing, and the public rebind.
 */
public final class MemberHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape REMOVAL_ANSWER = ResponseShape.ok(Removal.class);
    public static final ResponseShape REINVITE_ANSWER = ResponseShape.ok(io.invitehub.adapter.in.http.redemption.Redemption.class);
    public static final ResponseShape REBIND_ANSWER = ResponseShape.ok(Rebind.class);
    public static final ResponseShape FAILURES_ANSWER = ResponseShape.ok(Failures.class);

    static final int MAX_FAILURES_PAGE = 500;

    /** What each route reads (ADR 33). */
    public static final RequestShape REMOVE_MINE = RequestShape.none().body(Field.email("email"), Field.id("team_id"),
            Field.prose("reason", RemoveMemberCommand.MAX_REASON_LENGTH));
    public static final RequestShape REINVITE_MINE = RequestShape.none().body(Field.email("email"), Field.id("team_id"));
    public static final RequestShape REMOVE_BY_STAFF = RequestShape.none().path(Field.id("id").labelled("invitation id"))
            .body(Field.prose("reason", RemoveMemberCommand.MAX_REASON_LENGTH));
    public static final RequestShape REMOVAL_FAILURES = RequestShape.none().query(HttpRequests.KEYSET_PARAMETERS);
    public static final RequestShape REBIND = HttpRequests.CODE_AND_EMAIL;

    private final RemoveMemberUseCase removal;
    private final ReinviteMemberUseCase reinvite;
    private final RebindUseCase rebind;
    private final TrustedProxies proxies;

    public MemberHandlers(RemoveMemberUseCase removal, ReinviteMemberUseCase reinvite, RebindUseCase rebind, TrustedProxies proxies) {
        this.removal = Objects.requireNonNull(removal, "removal");
        this.reinvite = Objects.requireNonNull(reinvite, "reinvite");
        this.rebind = Objects.requireNonNull(rebind, "rebind");
        this.proxies = Objects.requireNonNull(proxies, "proxies");
    }

    // ---- request and response bodies (snake_case on the wire) ---------------------------------------

    record MemberRequest(String email, Long teamId, String reason) {
    }

    record StaffRemoveRequest(String reason) {
    }

    /** The reference's removal answer, plus {@code status}. */
    record Removal(String message, String email, String teamName, boolean codeUsageRestored, String status) {
        static Removal of(RemovalResult r) {
            return new Removal(r.message(), r.email().value(), r.teamName().orElse(null), r.codeUsageRestored(), r.outcome().name());
        }
    }

    record Rebind(boolean success, UUID invitationId, String invitationState, String teamName, String previousTeamName,
                  int rebindsLeft, String message) {
        static Rebind of(RebindResult r) {
            return new Rebind(true, r.invitation().publicId(), r.invitation().state().name(), r.toTeam(), r.fromTeam(), r.rebindsLeft(),
                    "Your invitation to " + r.toTeam() + " is being sent; you leave " + r.fromTeam()
                            + " once it is sent. Poll /api/v1/public/invitations/{id} for its state.");
        }
    }

    record Failure(long invitationId, String email, Long teamId, String teamName, String state, String removalKind,
                   int failedAttempts, String error, Instant updatedAt) {
        static Failure of(RemovalFailure f) {
            return new Failure(f.id().value(), f.email().value(), f.teamId().map(TeamId::value).orElse(null), f.teamName().orElse(null),
                    f.state().name(), f.kind().map(Enum::name).orElse(null), f.failedAttempts(), f.error().orElse(null), f.updatedAt());
        }
    }

    record Failures(List<Failure> items, Long nextAfter) {
    }

    // ---- handlers -----------------------------------------------------------------------------------

    public void removeMine(Context ctx) {
        MemberRequest request = body(ctx, MemberRequest.class);
        RemoveMemberCommand command = new RemoveMemberCommand(caller(ctx).id(), email(request), team(request),
                reason(request.reason()));
        ctx.json(Removal.of(removal.remove(command)));
    }

    public void reinviteMine(Context ctx) {
        MemberRequest request = body(ctx, MemberRequest.class);
        ReinviteCommand command = new ReinviteCommand(caller(ctx).id(), email(request), team(request), proxies.clientAddress(ctx));
        ctx.json(Redemption.of(reinvite.reinvite(command)));
    }

    public void removeByStaff(Context ctx) {
        InvitationId id = new InvitationId(HttpRequests.pathId(ctx, "invitation id"));
        Optional<String> reason = HttpRequests.optionalBody(ctx, StaffRemoveRequest.class).flatMap(r -> reason(r.reason()));
        ctx.json(Removal.of(removal.removeByStaff(actor(ctx), id, reason)));
    }

    public void removalFailures(Context ctx) {
        int limit = HttpRequests.keysetLimit(ctx, MAX_FAILURES_PAGE);
        Optional<InvitationId> after = HttpRequests.keysetAfter(ctx).map(InvitationId::new);
        List<Failure> items = removal.removalFailures(after, limit).stream().map(Failure::of).collect(Collectors.toList());
        Long next = items.size() < limit ? null : items.get(items.size() - 1).invitationId();
        ctx.json(new Failures(items, next));
    }

    /** {@code POST /public/rebind {code, email}} as JSON or a form. */
    public void rebind(Context ctx) {
        HttpRequests.CodeAndEmail request = HttpRequests.codeAndEmail(ctx);
        ctx.json(Rebind.of(rebind.rebind(new RebindCommand(request.code(), request.email(), proxies.clientAddress(ctx)))));
    }

    // ---- parsing ------------------------------------------------------------------------------------

    private static Email email(MemberRequest request) {
        if (request.email() == null || request.email().isBlank()) {
            throw invalid("email is required");
        }
        return Email.of(request.email());
    }

    private static TeamId team(MemberRequest request) {
        if (request.teamId() == null) {
            throw invalid("team_id is required");
        }
        if (request.teamId() < 1) {
            throw invalid("team_id must be a positive number");
        }
        return new TeamId(request.teamId());
    }

    private static Optional<String> reason(String raw) {
        Optional<String> reason = Optional.ofNullable(raw).map(String::strip).filter(r -> !r.isEmpty());
        if (reason.filter(r -> r.length() > RemoveMemberCommand.MAX_REASON_LENGTH).isPresent()) {
            throw invalid("reason must have at most " + RemoveMemberCommand.MAX_REASON_LENGTH + " characters");
        }
        return reason;
    }
}
