package io.invitehub.adapter.in.http;

import io.invitehub.application.membership.port.in.RebindCommand;
import io.invitehub.application.membership.port.in.RebindResult;
import io.invitehub.application.membership.port.in.RebindUseCase;
import io.invitehub.application.membership.port.in.ReinviteCommand;
import io.invitehub.application.membership.port.in.ReinviteMemberUseCase;
import io.invitehub.application.membership.port.in.RemovalResult;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.membership.port.in.RemoveMemberUseCase;
import io.invitehub.application.membership.view.RemovalFailure;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The member-lifecycle routes (SPEC sections 3, 4 and 6): removal by a distributor and by staff, re-invite,
 * the staff list of removals that kept failing, and the public rebind. Declared in {@link HttpApi}'s route
 * table; parsing of bodies and the client address is HttpApi's.
 */
final class MemberHandlers {
    private static final Pattern POSITIVE_NUMBER = Pattern.compile("^[0-9]{1,18}$");
    static final int MAX_FAILURES_PAGE = 500;

    private final HttpApi api;
    private final RemoveMemberUseCase removal;
    private final ReinviteMemberUseCase reinvite;
    private final RebindUseCase rebind;

    MemberHandlers(HttpApi api, RemoveMemberUseCase removal, ReinviteMemberUseCase reinvite, RebindUseCase rebind) {
        this.api = api;
        this.removal = Objects.requireNonNull(removal, "removal");
        this.reinvite = Objects.requireNonNull(reinvite, "reinvite");
        this.rebind = Objects.requireNonNull(rebind, "rebind");
    }

    // ---- request and response bodies (snake_case on the wire) ---------------------------------------

    record MemberRequest(String email, Long teamId, String reason) {
    }

    record StaffRemoveRequest(String reason) {
    }

    record RebindRequest(String code, String email) {
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

    void removeMine(Context ctx) {
        MemberRequest request = api.body(ctx, MemberRequest.class);
        RemoveMemberCommand command = new RemoveMemberCommand(Access.caller(ctx).id(), email(request), team(request),
                reason(request.reason()));
        ctx.json(Removal.of(removal.remove(command)));
    }

    void reinviteMine(Context ctx) {
        MemberRequest request = api.body(ctx, MemberRequest.class);
        ReinviteCommand command = new ReinviteCommand(Access.caller(ctx).id(), email(request), team(request), api.clientAddress(ctx));
        ctx.json(HttpResponses.Redemption.of(reinvite.reinvite(command)));
    }

    void removeByStaff(Context ctx) {
        InvitationId id = new InvitationId(positive(ctx.pathParam("id"), "invitation id"));
        Optional<String> reason = ctx.bodyAsBytes().length == 0
                ? Optional.empty() : reason(api.body(ctx, StaffRemoveRequest.class).reason());
        ctx.json(Removal.of(removal.removeByStaff(Access.actor(ctx), id, reason)));
    }

    void removalFailures(Context ctx) {
        int limit = Optional.ofNullable(ctx.queryParam("limit")).map(raw -> (int) Math.min(positive(raw, "limit"), MAX_FAILURES_PAGE))
                .orElse(100);
        Optional<InvitationId> after = Optional.ofNullable(ctx.queryParam("after")).map(raw -> new InvitationId(positive(raw, "after")));
        List<Failure> items = removal.removalFailures(after, limit).stream().map(Failure::of).collect(Collectors.toList());
        Long next = items.size() < limit ? null : items.get(items.size() - 1).invitationId();
        ctx.json(new Failures(items, next));
    }

    void rebind(Context ctx) {
        RebindRequest request = ctx.isFormUrlencoded()
                ? new RebindRequest(ctx.formParam("code"), ctx.formParam("email"))
                : api.body(ctx, RebindRequest.class);
        Code code = Code.parse(request.code());
        Email email = Email.of(request.email());
        ctx.json(Rebind.of(rebind.rebind(new RebindCommand(code, email, api.clientAddress(ctx)))));
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

    private static long positive(String raw, String what) {
        if (raw == null || !POSITIVE_NUMBER.matcher(raw).matches() || Long.parseLong(raw) < 1) {
            throw invalid(what + " must be a positive number");
        }
        return Long.parseLong(raw);
    }

    private static DomainException invalid(String message) {
        return DomainException.invalid(ErrorCode.VALIDATION_FAILED, message);
    }
}
