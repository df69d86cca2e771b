package io.invitehub.adapter.in.http.recipients;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.PageBody;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.recipients.port.in.OptOutQueries;
import io.invitehub.application.recipients.view.OptOutEntry;
import io.invitehub.domain.shared.Email;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;
import static io.invitehub.adapter.in.http.wire.HttpRequests.queryParam;

/** {@code GET /admins/opt-outs}: the e-mails whose owners asked for no further invitations. */
public final class OptOutHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape OPT_OUTS_ANSWER = ResponseShape.page(Row.class);

    public static final RequestShape LIST = RequestShape.none().query(Field.email("email")).query(HttpRequests.PAGE_PARAMETERS);

    private final OptOutQueries optOuts;

    public OptOutHandlers(OptOutQueries optOuts) {
        this.optOuts = Objects.requireNonNull(optOuts, "optOuts");
    }

    record Row(String email, String code, Instant createdAt) {
        static Row of(OptOutEntry e) {
            return new Row(e.email().value(), e.code(), e.createdAt());
        }
    }

    public void list(Context ctx) {
        Optional<Email> email = Optional.ofNullable(queryParam(ctx, "email")).map(String::strip).filter(s -> !s.isEmpty()).map(Email::of);
        PageBody.answer(ctx, optOuts.optOuts(actor(ctx), email, pageRequest(ctx)), Row::of);
    }
}
