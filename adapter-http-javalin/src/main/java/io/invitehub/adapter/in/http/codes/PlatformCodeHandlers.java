package io.invitehub.adapter.in.http.codes;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.PageBody;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.distributors.port.in.PlatformQueries;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.domain.code.CodeStatus;
import io.javalin.http.Context;

import java.util.Objects;
import java.util.Optional;

import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.enumParam;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;

/** {@code GET /admin/platform-codes}: codes without an owner, as a distributor's code list shows its own. */
public final class PlatformCodeHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape CODES_ANSWER = ResponseShape.page(CodeHandlers.CodeRow.class);

    public static final RequestShape LIST = CodeHandlers.MY_CODES;

    private final PlatformQueries platform;

    public PlatformCodeHandlers(PlatformQueries platform) {
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    public void list(Context ctx) {
        Optional<CodeStatus> status = enumParam(ctx, "status", CodeStatus.class);
        CodeFilter filter = new CodeFilter(status, Optional.ofNullable(HttpRequests.queryParam(ctx, "q")));
        PageBody.answer(ctx, platform.platformCodes(caller(ctx).id(), filter, pageRequest(ctx)), CodeHandlers.CodeRow::of);
    }
}
