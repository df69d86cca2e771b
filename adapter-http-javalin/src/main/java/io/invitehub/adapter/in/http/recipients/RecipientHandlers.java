package io.invitehub.adapter.in.http.recipients;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.TrustedProxies;
import io.invitehub.application.recipients.port.in.ProtectRecipientsUseCase;
import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.Email;
import io.javalin.http.Context;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.keysetAfter;
import static io.invitehub.adapter.in.http.wire.HttpRequests.keysetLimit;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pathId;

/** The anti-harassment routes (SPEC section 9): the customer's opt-out and the admin blocklist. */
public final class RecipientHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape OPT_OUT_ANSWER = ResponseShape.ok(OptOut.class);
    public static final ResponseShape BLOCKS_ANSWER = ResponseShape.list(Block.class);
    public static final ResponseShape BLOCK_CREATED_ANSWER = ResponseShape.created(Block.class);

    static final int MAX_BLOCKS_PAGE = 1000;
    /** An e-mail or a domain, as long as the longest e-mail. */
    static final int MAX_BLOCK_VALUE = 254;
    static final int MAX_REASON = 500;

    /** What each route reads (ADR 33). */
    public static final RequestShape OPT_OUT = HttpRequests.CODE_AND_EMAIL;
    public static final RequestShape BLOCKS = RequestShape.none().query(HttpRequests.KEYSET_PARAMETERS);
    public static final RequestShape BLOCK = RequestShape.none().body(Field.text("value", MAX_BLOCK_VALUE), Field.prose("reason", MAX_REASON));
    public static final RequestShape UNBLOCK = RequestShape.none().path(Field.id("id").labelled("blocklist id"));
    public static final RequestShape LIFT_OPT_OUT = RequestShape.none().body(Field.email("email"));

    private final ProtectRecipientsUseCase recipients;
    private final TrustedProxies proxies;

    public RecipientHandlers(ProtectRecipientsUseCase recipients, TrustedProxies proxies) {
        this.recipients = Objects.requireNonNull(recipients, "recipients");
        this.proxies = Objects.requireNonNull(proxies, "proxies");
    }

    record OptOutRequest(String code, String email) {
    }

    record OptOut(boolean optedOut, boolean alreadyOptedOut, String email, String message) {
    }

    record BlockRequest(String value, String reason) {
    }

    record LiftRequest(String email) {
    }

    record Block(long id, String kind, String value, String reason, OffsetDateTime createdAt) {
        static Block of(BlockEntry b) {
            return new Block(b.id(), b.kind().name(), b.value(), b.reason().orElse(null), b.createdAt().atOffset(ZoneOffset.UTC));
        }
    }

    /** {@code POST /api/v1/public/opt-out {code, email}}: the code bound to the e-mail is the proof. */
    public void optOut(Context ctx) {
        OptOutRequest request = body(ctx, OptOutRequest.class);
        Code code = Code.parse(request.code());
        Email email = Email.of(request.email());
        boolean recorded = recipients.optOut(code, email, proxies.clientAddress(ctx));
        ctx.json(new OptOut(true, !recorded, email.masked(),
                "No further invitations will be sent to this address. Ask the platform to lift this if you change your mind."));
    }

    public void blocks(Context ctx) {
        int limit = keysetLimit(ctx, MAX_BLOCKS_PAGE);
        Optional<Long> after = keysetAfter(ctx);
        ctx.json(recipients.blocks(actor(ctx), after, limit).stream().map(Block::of).collect(Collectors.toList()));
    }

    public void block(Context ctx) {
        BlockRequest request = body(ctx, BlockRequest.class);
        BlockEntry added = recipients.block(actor(ctx), request.value(), Optional.ofNullable(request.reason()));
        ctx.status(201).json(Block.of(added));
    }

    public void unblock(Context ctx) {
        recipients.unblock(actor(ctx), pathId(ctx, "blocklist id"));
        ctx.status(204);
    }

    public void liftOptOut(Context ctx) {
        LiftRequest request = body(ctx, LiftRequest.class);
        recipients.liftOptOut(actor(ctx), Email.of(request.email()));
        ctx.status(204);
    }
}
