package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.in.http.wire.InvalidInput;
import io.invitehub.adapter.in.http.wire.UnsupportedContent;
import io.invitehub.application.accounts.port.in.NotApprovedException;
import io.invitehub.application.shared.port.in.ConcurrentUpdateException;
import io.invitehub.domain.code.EmailMismatchException;
import io.invitehub.domain.settlement.StatementRefusedException;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.shared.RateLimitedException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** The one place where exceptions become problem details. Registered for every exception type. */
final class ProblemMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    static final String WWW_AUTHENTICATE = "Bearer realm=\"InviteHub\"";
    /** A body of a content type the route does not declare (ADR 33). */
    static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    /** The code of a 503 for a transaction the database kept aborting (not a domain refusal: no ErrorCode). */
    static final String TRANSACTION_CONFLICT = "TRANSACTION_CONFLICT";

    private static final Map<ErrorCode, Integer> STATUS = new EnumMap<>(ErrorCode.class);

    static {
        STATUS.put(ErrorCode.VALIDATION_FAILED, 400);
        STATUS.put(ErrorCode.INVALID_EMAIL, 400);
        STATUS.put(ErrorCode.INVALID_CODE, 404);
        STATUS.put(ErrorCode.NOT_FOUND, 404);
        STATUS.put(ErrorCode.CODE_DISABLED, 403);
        STATUS.put(ErrorCode.FORBIDDEN, 403);
        STATUS.put(ErrorCode.CODE_EXPIRED, 410);
        STATUS.put(ErrorCode.MEMBER_EXPIRED, 410);
        STATUS.put(ErrorCode.CODE_USED_UP, 409);
        STATUS.put(ErrorCode.EMAIL_MISMATCH, 409);
        STATUS.put(ErrorCode.ALREADY_MEMBER, 409);
        STATUS.put(ErrorCode.CONFLICT, 409);
        STATUS.put(ErrorCode.UNAUTHORIZED, 401);
        STATUS.put(ErrorCode.RATE_LIMITED, 429);
        STATUS.put(ErrorCode.RECIPIENT_BLOCKED, 403);
        STATUS.put(ErrorCode.RECIPIENT_OPTED_OUT, 403);
        STATUS.put(ErrorCode.INVITATION_LIMIT_REACHED, 429);
        STATUS.put(ErrorCode.REINVITE_COOLDOWN, 429);
        STATUS.put(ErrorCode.REMOVAL_IN_PROGRESS, 409);
        STATUS.put(ErrorCode.PROVIDER_FAILED, 502);
        STATUS.put(ErrorCode.CREDENTIALS_REJECTED, 422);
        STATUS.put(ErrorCode.NOTHING_TO_REINVITE, 409);
        STATUS.put(ErrorCode.NO_FREE_SEAT, 409);
        STATUS.put(ErrorCode.REBIND_NOT_ALLOWED, 409);
        STATUS.put(ErrorCode.REBIND_WINDOW_OVER, 410);
        STATUS.put(ErrorCode.REBIND_LIMIT_REACHED, 409);
        STATUS.put(ErrorCode.PAYMENT_UNAVAILABLE, 503);
        STATUS.put(ErrorCode.EXPORT_LINK_INVALID, 403);
        STATUS.put(ErrorCode.EXPORT_LINK_EXPIRED, 410);
        STATUS.put(ErrorCode.SLUG_TAKEN, 409);
        STATUS.put(ErrorCode.SLUG_RESERVED, 400);
        STATUS.put(ErrorCode.CUSTOM_HOST_TAKEN, 409);
        STATUS.put(ErrorCode.PASSWORD_CHANGE_REQUIRED, 403);
        STATUS.put(ErrorCode.DISTRIBUTOR_HAS_RECORDS, 409);
        STATUS.put(ErrorCode.RESET_TOKEN_INVALID, 400);
        STATUS.put(ErrorCode.ORDER_NOT_CANCELLABLE, 409);
        STATUS.put(ErrorCode.ORDER_ALREADY_PAID, 409);
        STATUS.put(ErrorCode.ORDER_NOT_REFUNDABLE, 409);
        STATUS.put(ErrorCode.PAYMENT_ALERT_ALREADY_HANDLED, 409);
        STATUS.put(ErrorCode.STATEMENT_MONTH_NOT_OVER, 409);
        STATUS.put(ErrorCode.EARLIER_STATEMENT_NOT_CONFIRMED, 409);
        STATUS.put(ErrorCode.STATEMENT_ALREADY_CONFIRMED, 409);
        STATUS.put(ErrorCode.STATEMENT_NOT_CONFIRMED, 409);
        STATUS.put(ErrorCode.STATEMENT_ALREADY_PAID, 409);
        STATUS.put(ErrorCode.IDEMPOTENCY_KEY_REUSED, 422);
        STATUS.put(ErrorCode.IDEMPOTENCY_KEY_IN_USE, 409);
    }

    private final ObjectMapper json;

    /** Every problem code an answer may carry, with its status: the domain's codes and the server's own (the OpenAPI document lists them). */
    static java.util.SortedMap<String, Integer> codes() {
        java.util.SortedMap<String, Integer> all = new java.util.TreeMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            all.put(code.name(), STATUS.getOrDefault(code, 400));
        }
        all.put(UNSUPPORTED_MEDIA_TYPE, 415);
        all.put("METHOD_NOT_ALLOWED", 405);
        all.put("INTERNAL_ERROR", 500);
        for (int status : new int[] {400, 413, 414, 431}) {
            all.putIfAbsent(ServerErrors.codeOf(status), status);
        }
        return all;
    }

    ProblemMapper(ObjectMapper json) {
        this.json = json;
    }

    void handle(Exception exception, Context ctx) {
        String path = ctx.path();
        Problem problem;
        if (exception instanceof DomainException) {
            problem = domainProblem((DomainException) exception, ctx, path);
        } else if (exception instanceof UnsupportedContent) {
            problem = Problem.of(415, UNSUPPORTED_MEDIA_TYPE, exception.getMessage(), path);
        } else if (exception instanceof HttpResponseException) {
            problem = frameworkProblem((HttpResponseException) exception, path);
        } else if (exception instanceof JsonProcessingException) {
            problem = Problem.of(400, ErrorCode.VALIDATION_FAILED.name(), "request body is not valid JSON", path);
        } else if (exception instanceof ConcurrentUpdateException conflict) {
            // the database aborted the transaction for concurrent ones more often than it is retried (ADR 28)
            LOG.warn("{} {}: {}", ctx.method(), path, conflict.getMessage());
            ctx.header("Retry-After", Long.toString(wholeSecondsUp(conflict.retryAfter())));
            problem = Problem.of(503, TRANSACTION_CONFLICT, "Too many requests changed the same data at once; nothing was changed."
                    + " Please try again.", path);
        } else {
            String reference = UUID.randomUUID().toString();
            LOG.error("Internal error, reference {} ({} {})", reference, ctx.method(), path, exception);
            problem = Problem.of(500, "INTERNAL_ERROR", "Internal error, reference " + reference, path);
        }
        write(ctx, problem);
    }

    static int statusOf(DomainException exception) {
        if (exception instanceof MalformedInputException) {
            return 400;
        }
        return STATUS.getOrDefault(exception.code(), 400);
    }

    private Problem domainProblem(DomainException exception, Context ctx, String path) {
        Problem problem = Problem.of(statusOf(exception), exception.code().name(), exception.getMessage(), path);
        if (exception instanceof InvalidInput) {
            problem = problem.withField(((InvalidInput) exception).field());
        } else if (exception instanceof MalformedInputException && ((MalformedInputException) exception).field().isPresent()) {
            problem = problem.withField(((MalformedInputException) exception).field().get());
        }
        if (exception instanceof EmailMismatchException) {
            problem = problem.withBoundEmail(((EmailMismatchException) exception).maskedBoundEmail());
        }
        if (exception instanceof StatementRefusedException refused) {
            problem = problem.withPeriod(refused.period().toString());
        }
        if (exception instanceof NotApprovedException notApproved) {
            problem = problem.withReason(notApproved.rejectionReason().orElse(null));
        }
        if (exception instanceof RateLimitedException) {
            ctx.header("Retry-After", Long.toString(wholeSecondsUp(((RateLimitedException) exception).retryAfter())));
        }
        if (exception.code() == ErrorCode.UNAUTHORIZED) {
            ctx.header("WWW-Authenticate", WWW_AUTHENTICATE);
        }
        return problem;
    }

    private static Problem frameworkProblem(HttpResponseException exception, String path) {
        int status = exception.getStatus();
        String code;
        String detail;
        switch (status) {
            case 404:
                code = ErrorCode.NOT_FOUND.name();
                detail = path.startsWith(Route.REFERENCE_PREFIX + "/")
                        ? "InviteHub does not serve " + path + ": this feature of the reference is not part of InviteHub"
                        + " (see docs/compatibility.md)."
                        : "No resource at " + path;
                break;
            case 405:
                code = "METHOD_NOT_ALLOWED";
                detail = "This method is not allowed on " + path;
                break;
            case 400:
                code = ErrorCode.VALIDATION_FAILED.name();
                detail = exception.getMessage();
                break;
            case 413:
                code = ServerErrors.codeOf(status);
                detail = "The request body is larger than the " + HttpApi.MAX_REQUEST_BODY + " bytes any route reads.";
                break;
            default:
                code = ServerErrors.codeOf(status);
                detail = exception.getMessage();
        }
        return Problem.of(status, code, detail, path);
    }

    static long wholeSecondsUp(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return 0;
        }
        return duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
    }

    private void write(Context ctx, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a problem detail could not be written", impossible);
        }
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(body);
    }
}
