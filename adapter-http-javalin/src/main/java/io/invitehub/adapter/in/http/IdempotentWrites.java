package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.application.idempotency.port.in.IdempotentRequest;
import io.invitehub.application.idempotency.port.in.IdempotentWritesUseCase;
import io.invitehub.application.idempotency.port.in.RecordedAnswer;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.User;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A write sent with {@code Idempotency-Key} (ADR 44): the route's handler runs inside the transaction of
 * {@link IdempotentWritesUseCase}, its answer (status, media type, body) is captured and stored with the key
 * in that transaction, and a repeat is answered from the store with {@code Idempotent-Replayed: true}.
 * Business refusals become problem details inside the transaction, so a definite one (404, 409, 422…) is kept
 * like a success; transient ones (400 at the handler, 429, REMOVAL_IN_PROGRESS) and every 5xx roll back and
 * keep nothing, so the client may simply send the request again with the same key.
 */
final class IdempotentWrites {
    static final String REPLAYED = "Idempotent-Replayed";
    /** Refusals that say "try again": never kept for a key. */
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(400, 401, 408, 425, 429);
    private static final Set<ErrorCode> TRANSIENT_CODES = EnumSet.of(ErrorCode.REMOVAL_IN_PROGRESS, ErrorCode.RATE_LIMITED,
            ErrorCode.IDEMPOTENCY_KEY_IN_USE);

    private final IdempotentWritesUseCase writes;
    private final ProblemMapper problems;

    IdempotentWrites(IdempotentWritesUseCase writes, ProblemMapper problems) {
        this.writes = writes;
        this.problems = problems;
    }

    /** The handler of {@code route}, with the key when the request carries one. */
    void handle(Context ctx, Route route, Handler handler) throws Exception {
        Optional<String> key = HttpRequests.idempotencyKey(ctx);
        if (key.isEmpty()) {
            handler.handle(ctx);
            return;
        }
        User caller = ctx.attribute(HttpRequests.CALLER_ATTRIBUTE);
        String scope = caller == null ? "public" : "user:" + caller.id().value();
        IdempotentRequest request = new IdempotentRequest(scope, key.get(), route.method() + " " + route.path(), HttpRequests.fingerprint(ctx));
        IdempotentWritesUseCase.Outcome outcome;
        try {
            outcome = writes.run(request, () -> answer(ctx, handler));
        } catch (HandlerFailed failed) {
            throw failed.getCause() instanceof Exception ? (Exception) failed.getCause() : failed;
        }
        if (outcome.replayed()) {
            RecordedAnswer stored = outcome.answer();
            ctx.status(stored.status());
            stored.contentType().ifPresent(ctx::contentType);
            ctx.result(stored.body());
            ctx.header(REPLAYED, "true");
        }
    }

    /** Runs the handler and captures what it answered (a business refusal as its problem detail). */
    private RecordedAnswer answer(Context ctx, Handler handler) {
        boolean transientRefusal = false;
        try {
            handler.handle(ctx);
        } catch (DomainException refusal) {
            problems.handle(refusal, ctx);
            transientRefusal = TRANSIENT_CODES.contains(refusal.code());
        } catch (RuntimeException e) {
            throw e; // rolls the transaction back (the outermost call retries a deadlock); the server maps it
        } catch (Exception e) {
            throw new HandlerFailed(e);
        }
        byte[] body = body(ctx);
        int status = ctx.statusCode();
        boolean kept = status < 500 && !TRANSIENT_STATUSES.contains(status) && !transientRefusal;
        return new RecordedAnswer(status, Optional.ofNullable(ctx.res().getContentType()), body, kept);
    }

    /** The answer's bytes; the context keeps them as its result. */
    private static byte[] body(Context ctx) {
        InputStream result = ctx.resultInputStream();
        if (result == null) {
            return new byte[0];
        }
        try (InputStream in = result) {
            byte[] bytes = in.readAllBytes();
            ctx.result(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the answer", e);
        }
    }

    /** A checked exception of a handler, carried through the use case's transaction (which it rolls back). */
    private static final class HandlerFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerFailed(Exception cause) {
            super(cause);
        }
    }
}
