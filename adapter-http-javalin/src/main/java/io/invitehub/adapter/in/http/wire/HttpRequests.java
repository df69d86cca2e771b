package io.invitehub.adapter.in.http.wire;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.User;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reading a request, for every handler: the JSON (or form) body as a record, required fields, positive
 * ids, enum values, timestamps, page requests and keyset limits, and the signed-in caller the access
 * guard left on the request. A leaf: it calls no handler, route table or server class back, and every
 * refusal is a {@code VALIDATION_FAILED} {@link DomainException} (a 400 problem through the one mapper).
 */
public final class HttpRequests {
    /** The request attribute under which the access guard leaves the signed-in {@link User}. */
    public static final String CALLER_ATTRIBUTE = "invitehub.user";
    /** Keyset lists ({@code ?limit=&after=}) answer this many rows when no limit is given. */
    public static final int DEFAULT_KEYSET_LIMIT = 100;

    private static final ObjectMapper JSON = JsonMapping.objectMapper();
    private static final Pattern POSITIVE_NUMBER = Pattern.compile("^[0-9]{1,18}$");

    private HttpRequests() {
    }

    // ---- bodies -------------------------------------------------------------------------------------

    /** The JSON request body as {@code type}; a missing, malformed or wrongly typed body is VALIDATION_FAILED. */
    public static <T> T body(Context ctx, Class<T> type) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw invalid("a JSON request body is required");
        }
        T value;
        try {
            value = JSON.readValue(bytes, type);
        } catch (MismatchedInputException wrongType) {
            throw invalid(wrongType.getPath().isEmpty()
                    ? "request body must be a JSON object"
                    : "field '" + fieldPath(wrongType) + "' has the wrong type");
        } catch (IOException notJson) {
            throw invalid("request body is not valid JSON");
        }
        if (value == null) {
            throw invalid("request body must be a JSON object");
        }
        return value;
    }

    /** A form body read by {@code fromForm} when the request is form-encoded, else the JSON body as {@code type}. */
    public static <T> T formOrBody(Context ctx, Class<T> type, Function<Context, T> fromForm) {
        return ctx.isFormUrlencoded() ? fromForm.apply(ctx) : body(ctx, type);
    }

    /** A code and the e-mail it is for, parsed at the edge (invalid ones are refused before any lookup). */
    public record CodeAndEmail(Code code, Email email) {
    }

    private record CodeAndEmailBody(String code, String email) {
    }

    /** {@code {code, email}} as JSON or a form (redeem, rebind): the code first, then the e-mail. */
    public static CodeAndEmail codeAndEmail(Context ctx) {
        CodeAndEmailBody body = formOrBody(ctx, CodeAndEmailBody.class,
                form -> new CodeAndEmailBody(form.formParam("code"), form.formParam("email")));
        Code code = Code.parse(body.code());
        return new CodeAndEmail(code, Email.of(body.email()));
    }

    /** The JSON body as {@code type} when there is one; an empty body is no body. */
    public static <T> Optional<T> optionalBody(Context ctx, Class<T> type) {
        return ctx.bodyAsBytes().length == 0 ? Optional.empty() : Optional.of(body(ctx, type));
    }

    private static String fieldPath(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    // ---- values -------------------------------------------------------------------------------------

    public static <T> T required(T value, String field) {
        if (value == null || (value instanceof String && ((String) value).isBlank())) {
            throw invalid(field + " is required");
        }
        return value;
    }

    public static long positiveId(String raw, String what) {
        if (raw == null || !POSITIVE_NUMBER.matcher(raw).matches() || Long.parseLong(raw) < 1) {
            throw invalid(what + " must be a positive number");
        }
        return Long.parseLong(raw);
    }

    /** The {@code {id}} path parameter as a positive number; {@code what} names it in the refusal. */
    public static long pathId(Context ctx, String what) {
        return positiveId(ctx.pathParam("id"), what);
    }

    /** An optional group of a body ({@code group_id}): absent, or a positive number. */
    public static Optional<TeamGroupId> group(Long groupId) {
        if (groupId == null) {
            return Optional.empty();
        }
        if (groupId < 1) {
            throw invalid("group_id must be a positive number");
        }
        return Optional.of(new TeamGroupId(groupId));
    }

    /** An enum constant by name, case-insensitively, with {@code -} for {@code _}. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String what) {
        String name = raw.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        throw invalid(what + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /** The query parameter {@code name} as a constant of {@code type}, when given. */
    public static <E extends Enum<E>> Optional<E> enumParam(Context ctx, String name, Class<E> type) {
        return Optional.ofNullable(ctx.queryParam(name)).map(raw -> enumValue(type, raw, name));
    }

    /**
     * An ISO-8601 timestamp with offset, or a date ({@code 2025-03-01}) meaning that UTC day: its start
     * for {@code from}, the start of the next day for {@code to} (so the day is included).
     */
    public static Instant moment(String raw, String what, boolean endOfDay) {
        String text = raw.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notATimestamp) {
            try {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw invalid(what + " must be an ISO-8601 timestamp with offset or a date (yyyy-mm-dd)");
            }
        }
    }

    // ---- lists --------------------------------------------------------------------------------------

    /**
     * {@code ?limit=} (1–500, default 50) and {@code ?cursor=}. Anything else than a number in range,
     * or a cursor this API did not issue, is VALIDATION_FAILED.
     */
    public static PageRequest pageRequest(Context ctx) {
        String rawLimit = ctx.queryParam("limit");
        int limit = PageRequest.DEFAULT_LIMIT;
        if (rawLimit != null) {
            if (!POSITIVE_NUMBER.matcher(rawLimit).matches() || Long.parseLong(rawLimit) < 1
                    || Long.parseLong(rawLimit) > PageRequest.MAX_LIMIT) {
                throw invalid("limit must be between 1 and " + PageRequest.MAX_LIMIT);
            }
            limit = Integer.parseInt(rawLimit);
        }
        return PageRequest.of(limit, ctx.queryParam("cursor"));
    }

    /** {@code ?limit=} of a keyset list: a positive number, at most {@code max} (larger asks get {@code max}), default 100. */
    public static int keysetLimit(Context ctx, int max) {
        return Optional.ofNullable(ctx.queryParam("limit")).map(raw -> (int) Math.min(positiveId(raw, "limit"), max))
                .orElse(DEFAULT_KEYSET_LIMIT);
    }

    /** {@code ?after=} of a keyset list: the last id of the previous page, when given. */
    public static Optional<Long> keysetAfter(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("after")).map(raw -> positiveId(raw, "after"));
    }

    // ---- the caller ---------------------------------------------------------------------------------

    /** The signed-in user of this request; only on routes that declare an access role. */
    public static User caller(Context ctx) {
        User user = ctx.attribute(CALLER_ATTRIBUTE);
        if (user == null) {
            throw new IllegalStateException("no signed-in user on " + ctx.path() + ": the route has no Access role");
        }
        return user;
    }

    /** The signed-in user of this request as the actor of a write. */
    public static Actor actor(Context ctx) {
        return Actor.of(caller(ctx));
    }

    public static DomainException invalid(String message) {
        return DomainException.invalid(ErrorCode.VALIDATION_FAILED, message);
    }
}
