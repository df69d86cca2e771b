package io.invitehub.adapter.in.http.members;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.PageBody;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.membership.port.in.InvitationSearchQuery;
import io.invitehub.application.membership.view.StaffInvitation;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Objects;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;
import static io.invitehub.adapter.in.http.wire.HttpRequests.queryParam;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/** {@code GET /admin/invitations?q=}: staff find invitations by the customer's e-mail or the code. */
public final class InvitationSearchHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape INVITATIONS_ANSWER = ResponseShape.page(Row.class);

    public static final RequestShape SEARCH = RequestShape.none().query(Field.text("q", 254)).query(HttpRequests.PAGE_PARAMETERS);

    private final InvitationSearchQuery search;

    public InvitationSearchHandlers(InvitationSearchQuery search) {
        this.search = Objects.requireNonNull(search, "search");
    }

    record Row(long id, String email, String code, Long distributorId, String distributor, Long teamId, String teamName, String state,
               boolean rebind, boolean removalFailed, String removalError, String endReason, Instant createdAt, Instant invitedAt,
               Instant acceptedAt, Instant endedAt) {
        static Row of(StaffInvitation i) {
            return new Row(i.id().value(), i.email().value(), i.code(), i.distributorId().map(UserId::value).orElse(null),
                    i.distributorName().orElse(null), i.teamId().map(TeamId::value).orElse(null), i.teamName().orElse(null),
                    i.state().name(), i.rebind(), i.removalFailed(), i.removalError().orElse(null), i.endReason().orElse(null),
                    i.createdAt(), i.invitedAt().orElse(null), i.acceptedAt().orElse(null), i.endedAt().orElse(null));
        }
    }

    public void search(Context ctx) {
        String q = required(queryParam(ctx, "q"), "q");
        PageBody.answer(ctx, search.search(actor(ctx), q, pageRequest(ctx)), Row::of);
    }
}
