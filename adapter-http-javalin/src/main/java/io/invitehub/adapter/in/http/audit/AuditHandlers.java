package io.invitehub.adapter.in.http.audit;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.PageBody;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.audit.port.in.AuditTrailQueries;
import io.invitehub.application.audit.view.AuditFilter;
import io.invitehub.application.audit.view.AuditRecord;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.moment;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;
import static io.invitehub.adapter.in.http.wire.HttpRequests.queryParam;

/** {@code GET /admin/audit-log}: the audit log, filtered by actor, action and time, newest first, keyset-paged. */
public final class AuditHandlers {
    /** An action name as written by the services ({@code TEAM_CREATE}): well inside the column. */
    static final int MAX_ACTION = 64;

    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape ENTRIES_ANSWER = ResponseShape.page(Entry.class);

    public static final RequestShape LIST = RequestShape.none().query(Field.text("actor", 128), Field.text("action", MAX_ACTION),
            Field.timestamp("from"), Field.timestamp("to")).query(HttpRequests.PAGE_PARAMETERS);

    private final AuditTrailQueries audit;

    public AuditHandlers(AuditTrailQueries audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    record Entry(long id, Instant at, Long actorId, String actor, String actorRole, String action, String targetType, String targetId,
                 String details) {
        static Entry of(AuditRecord r) {
            return new Entry(r.id(), r.at(), r.actorId().map(UserId::value).orElse(null), r.actorUsername().orElse(null), r.actorRole(),
                    r.action(), r.targetType().orElse(null), r.targetId().orElse(null), r.details().orElse(null));
        }
    }

    public void list(Context ctx) {
        AuditFilter filter = new AuditFilter(blankless(queryParam(ctx, "actor")), blankless(queryParam(ctx, "action")),
                Optional.ofNullable(queryParam(ctx, "from")).map(raw -> moment(raw, "from", false)),
                Optional.ofNullable(queryParam(ctx, "to")).map(raw -> moment(raw, "to", true)));
        PageBody.answer(ctx, audit.entries(actor(ctx), filter, pageRequest(ctx)), Entry::of);
    }

    private static Optional<String> blankless(String raw) {
        return Optional.ofNullable(raw).map(String::strip).filter(s -> !s.isEmpty());
    }
}
