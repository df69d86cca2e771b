package io.invitehub.adapter.in.http;

import io.invitehub.application.recipients.port.in.ProtectRecipientsUseCase;
import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.javalin.http.Context;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Handlers of the anti-harassment routes (SPEC section 9): the customer's opt-out and the admin
 * blocklist. The routes themselves are declared in {@link HttpApi}'s route table.
 */
final class RecipientRoutes {
    private static final Pattern POSITIVE_NUMBER = Pattern.compile("^[0-9]{1,18}$");

    private final ProtectRecipientsUseCase recipients;
    private final HttpApi api;

    RecipientRoutes(ProtectRecipientsUseCase recipients, HttpApi api) {
        this.recipients = recipients;
        this.api = api;
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
    void optOut(Context ctx) {
        OptOutRequest request = api.body(ctx, OptOutRequest.class);
        Code code = Code.parse(request.code());
        Email email = Email.of(request.email());
        boolean recorded = recipients.optOut(code, email, api.clientAddress(ctx));
        ctx.json(new OptOut(true, !recorded, email.masked(),
                "No further invitations will be sent to this address. Ask the platform to lift this if you change your mind."));
    }

    void blocks(Context ctx) {
        int limit = Optional.ofNullable(ctx.queryParam("limit")).map(raw -> (int) Math.min(positive(raw, "limit"), 1000)).orElse(100);
        Optional<Long> after = Optional.ofNullable(ctx.queryParam("after")).map(raw -> positive(raw, "after"));
        ctx.json(recipients.blocks(Access.actor(ctx), after, limit).stream().map(Block::of).collect(Collectors.toList()));
    }

    void block(Context ctx) {
        BlockRequest request = api.body(ctx, BlockRequest.class);
        BlockEntry added = recipients.block(Access.actor(ctx), request.value(), Optional.ofNullable(request.reason()));
        ctx.status(201).json(Block.of(added));
    }

    void unblock(Context ctx) {
        recipients.unblock(Access.actor(ctx), positive(ctx.pathParam("id"), "blocklist id"));
        ctx.status(204);
    }

    void liftOptOut(Context ctx) {
        LiftRequest request = api.body(ctx, LiftRequest.class);
        recipients.liftOptOut(Access.actor(ctx), Email.of(request.email()));
        ctx.status(204);
    }

    private static long positive(String raw, String what) {
        if (raw == null || !POSITIVE_NUMBER.matcher(raw).matches() || Long.parseLong(raw) < 1) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, what + " must be a positive number");
        }
        return Long.parseLong(raw);
    }
}
