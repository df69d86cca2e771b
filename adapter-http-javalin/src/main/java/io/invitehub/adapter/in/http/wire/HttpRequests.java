package io.invitehub.adapter.in.http.wire;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.settlement.LedgerKind;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reading a request, for every handler: the JSON (or form) body as a record, path and query parameters,
 * required fields, positive ids, enum values, timestamps, page requests and keyset limits, and the
 * signed-in caller the access guard left on the request. By the time a handler runs, the route's
 * {@link RequestShape} has admitted every input (ADR 33); the accessors here hand out only inputs the shape
 * declares, and refuse (as a programming error) to read one it does not. A leaf: it calls no handler,
 * route table or server class back, and every refusal is a {@code VALIDATION_FAILED} {@link DomainException}
 * (a 400 problem through the one mapper), an {@link InvalidInput} where one input is at fault.
 */
public final class HttpRequests {
    /** The request attribute under which the access guard leaves the signed-in {@link User}. */
    public static final String CALLER_ATTRIBUTE = "invitehub.user";
    /** Keyset lists ({@code ?limit=&after=}) answer this many rows when no limit is given. */
    public static final int DEFAULT_KEYSET_LIMIT = 100;
    /** The longest page cursor accepted: the cursors this API issues are far shorter. */
    static final int PAGE_CURSOR_LENGTH = 512;

    private static final ObjectMapper JSON = JsonMapping.reader();
    private static final Pattern POSITIVE_NUMBER = Pattern.compile("^[0-9]{1,19}$");

    /** The query parameters of a paged list: {@code limit} (1–500) and the opaque {@code cursor} (see {@link #pageRequest}). */
    public static final List<Field> PAGE_PARAMETERS = List.of(
            Field.integer("limit", 1, PageRequest.MAX_LIMIT), Field.token("cursor", PAGE_CURSOR_LENGTH));
    /** The query parameters of a keyset list: {@code limit} (any positive number, capped by the list) and {@code after} (an id). */
    public static final List<Field> KEYSET_PARAMETERS = List.of(Field.id("limit"), Field.id("after"));

    private HttpRequests() {
    }

    // ---- bodies -------------------------------------------------------------------------------------

    /**
     * The JSON request body as {@code type}, bound from the tree the route's shape admitted; a missing body
     * is VALIDATION_FAILED.
     */
    public static <T> T body(Context ctx, Class<T> type) {
        JsonNode tree = ctx.attribute(RequestShape.BODY_ATTRIBUTE);
        if (tree == null) {
            if (ctx.bodyAsBytes().length == 0) {
                throw invalid("a JSON request body is required");
            }
            throw new IllegalStateException(ctx.method() + " " + ctx.path() + " reads a JSON body its route did not admit");
        }
        T value;
        try {
            value = JSON.treeToValue(tree, type);
        } catch (MismatchedInputException wrongType) {
            if (wrongType.getPath().isEmpty()) {
                throw invalid("request body must be a JSON object");
            }
            String field = fieldPath(wrongType);
            throw new InvalidInput(field, field + " has the wrong type");
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
        return ContentTypes.isForm(ctx) ? fromForm.apply(ctx) : body(ctx, type);
    }

    /** The shape of {@code {code, email}} (redeem, rebind, opt-out), as JSON or a form. */
    public static final RequestShape CODE_AND_EMAIL = RequestShape.none().body(Field.code("code"), Field.email("email"));

    /** A code and the e-mail it is for, parsed at the edge (invalid ones are refused before any lookup). */
    public record CodeAndEmail(Code code, Email email) {
    }

    private record CodeAndEmailBody(String code, String email) {
    }

    /** {@code {code, email}} as JSON or a form (redeem, rebind): the code first, then the e-mail. */
    public static CodeAndEmail codeAndEmail(Context ctx) {
        CodeAndEmailBody body = formOrBody(ctx, CodeAndEmailBody.class,
                form -> new CodeAndEmailBody(formParam(form, "code"), formParam(form, "email")));
        Code code = Code.parse(body.code());
        return new CodeAndEmail(code, Email.of(body.email()));
    }

    /** The JSON body as {@code type} when there is one; an empty body is no body. */
    public static <T> Optional<T> optionalBody(Context ctx, Class<T> type) {
        return ctx.attribute(RequestShape.BODY_ATTRIBUTE) == null && ctx.bodyAsBytes().length == 0
                ? Optional.empty() : Optional.of(body(ctx, type));
    }

    // ---- parameters ---------------------------------------------------------------------------------

    /** The query parameter {@code name} (its first value), or null; the route's shape must declare it. */
    public static String queryParam(Context ctx, String name) {
        if (!shape(ctx).declaresQuery(name)) {
            throw undeclared(ctx, "query parameter", name);
        }
        return ctx.queryParam(name);
    }

    /** Whether the query string names {@code name} at all (even empty); the route's shape must declare it. */
    public static boolean hasQueryParam(Context ctx, String name) {
        if (!shape(ctx).declaresQuery(name)) {
            throw undeclared(ctx, "query parameter", name);
        }
        return ctx.queryParamMap().containsKey(name);
    }

    /** The path parameter {@code name}; the route's shape must declare it. */
    public static String pathParam(Context ctx, String name) {
        if (!shape(ctx).declaresPath(name)) {
            throw undeclared(ctx, "path parameter", name);
        }
        return ctx.pathParam(name);
    }

    /** The form field {@code name} (its first value), or null; the route's shape must declare it. */
    public static String formParam(Context ctx, String name) {
        if (!shape(ctx).declaresForm(name)) {
            throw undeclared(ctx, "form field", name);
        }
        return ctx.formParam(name);
    }

    /**
     * The first value of every query parameter and, for a form, every form field (an empty string for
     * one without a value): the payment gateway's signed parameters, whose shape declares
     * {@linkplain RequestShape#everyParameter every parameter}.
     */
    public static Map<String, String> parameters(Context ctx) {
        if (shape(ctx).everyParameter().isEmpty()) {
            throw undeclared(ctx, "every parameter", "*");
        }
        Map<String, String> params = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        if (ContentTypes.isForm(ctx)) {
            ctx.formParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        }
        return params;
    }

    private static RequestShape shape(Context ctx) {
        RequestShape shape = ctx.attribute(RequestShape.SHAPE_ATTRIBUTE);
        if (shape == null) {
            throw new IllegalStateException(ctx.method() + " " + ctx.path() + " was not admitted by a request shape");
        }
        return shape;
    }

    private static IllegalStateException undeclared(Context ctx, String what, String name) {
        return new IllegalStateException(ctx.method() + " " + ctx.path() + " reads the " + what + " '" + name
                + "' that its route's request shape does not declare");
    }

    private static String fieldPath(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    // ---- values -------------------------------------------------------------------------------------

    /** {@code value}, unless it is missing or blank: then VALIDATION_FAILED naming {@code field}. */
    public static <T> T required(T value, String field) {
        if (value == null || (value instanceof String && ((String) value).isBlank())) {
            throw new InvalidInput(field, field + " is required");
        }
        return value;
    }

    public static long positiveId(String raw, String what) {
        long id;
        try {
            id = raw == null || !POSITIVE_NUMBER.matcher(raw).matches() ? 0 : Long.parseLong(raw);
        } catch (NumberFormatException tooLarge) {
            id = 0;
        }
        if (id < 1) {
            throw invalid(what + " must be a positive number");
        }
        return id;
    }

    /** The {@code {id}} path parameter as a positive number; {@code what} names it in the refusal. */
    public static long pathId(Context ctx, String what) {
        return positiveId(pathParam(ctx, "id"), what);
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
        return Optional.ofNullable(queryParam(ctx, name)).map(raw -> enumValue(type, raw, name));
    }

    /**
     * An ISO-8601 timestamp with offset, or a date ({@code 2025-03-01}) meaning that UTC day: its start
     * for {@code from}, the start of the next day for {@code to} (so the day is included). Either lies
     * from {@link Field#EARLIEST} to {@link Field#LATEST} (years 1970 to 9999), or it is refused naming {@code what}.
     */
    public static Instant moment(String raw, String what, boolean endOfDay) {
        String text = raw.strip();
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notATimestamp) {
            LocalDate day;
            try {
                day = LocalDate.parse(text);
            } catch (DateTimeParseException notADate) {
                throw new InvalidInput(what, what + " must be an ISO-8601 timestamp with offset or a date (yyyy-mm-dd)");
            }
            instant = day.isBefore(Field.FIRST_DAY) ? Instant.MIN : day.isAfter(Field.LAST_DAY) ? Instant.MAX
                    : (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (instant.isBefore(Field.EARLIEST) || instant.isAfter(Field.LATEST)) {
            throw new InvalidInput(what, what + " must lie between " + Field.FIRST_DAY + " and " + Field.LAST_DAY);
        }
        return instant;
    }

    /**
     * The day a plain date ({@code 2025-03-01}) names, checked like {@link #moment}; empty when {@code raw} is a
     * timestamp (for which {@link #moment} is the reading). Lists count such a day in the business time zone.
     */
    public static Optional<LocalDate> plainDate(String raw, String what) {
        LocalDate day;
        try {
            day = LocalDate.parse(raw.strip());
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
        moment(raw, what, false); // the range check and its refusal
        return Optional.of(day);
    }

    // ---- lists --------------------------------------------------------------------------------------

    /**
     * {@code ?limit=} (1–500, default 50) and {@code ?cursor=}. Anything else than a number in range,
     * or a cursor this API did not issue, is VALIDATION_FAILED.
     */
    public static PageRequest pageRequest(Context ctx) {
        String rawLimit = queryParam(ctx, "limit");
        int limit = PageRequest.DEFAULT_LIMIT;
        if (rawLimit != null) {
            if (!POSITIVE_NUMBER.matcher(rawLimit).matches() || Long.parseLong(rawLimit) < 1
                    || Long.parseLong(rawLimit) > PageRequest.MAX_LIMIT) {
                throw invalid("limit must be between 1 and " + PageRequest.MAX_LIMIT);
            }
            limit = Integer.parseInt(rawLimit);
        }
        return PageRequest.of(limit, queryParam(ctx, "cursor"));
    }

    /** {@code ?limit=} of a keyset list: a positive number, at most {@code max} (larger asks get {@code max}), default 100. */
    public static int keysetLimit(Context ctx, int max) {
        return Optional.ofNullable(queryParam(ctx, "limit")).map(raw -> (int) Math.min(positiveId(raw, "limit"), max))
                .orElse(DEFAULT_KEYSET_LIMIT);
    }

    /** {@code ?after=} of a keyset list: the last id of the previous page, when given. */
    public static Optional<Long> keysetAfter(Context ctx) {
        return Optional.ofNullable(queryParam(ctx, "after")).map(raw -> positiveId(raw, "after"));
    }

    // ---- CRM tags ---------------------------------------------------------------------------------

    /** The {@code tag} filter of a list: comma-separated tags, each normalised, at most {@link Tag#MAX_IN_FILTER}. */
    public static final Field TAG_FILTER = Field.text("tag", 200);

    /** The tags of {@code ?tag=} (empty when not given); a tag that is not one, or too many, is refused naming {@code tag}. */
    public static List<Tag> tags(Context ctx) {
        String raw = queryParam(ctx, "tag");
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<Tag> tags = new java.util.ArrayList<>();
        for (String part : raw.split(",")) {
            Tag tag;
            try {
                tag = Tag.parse(part);
            } catch (DomainException notATag) {
                throw new InvalidInput("tag", "tag: " + notATag.getMessage());
            }
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        if (tags.size() > Tag.MAX_IN_FILTER) {
            throw new InvalidInput("tag", "tag names at most " + Tag.MAX_IN_FILTER + " tags, separated by commas");
        }
        return List.copyOf(tags);
    }

    // ---- ledger entry kinds -------------------------------------------------------------------------

    /** The {@code kind} filter of a ledger (ADR 37): entry kinds separated by commas, any case, like {@link #TAG_FILTER}. */
    public static final Field LEDGER_KIND_FILTER = Field.text("kind", 120);

    /**
     * The entry kinds of {@code ?kind=} (empty when not given: every kind), in the enum's order without repeats; a
     * name that is not a kind is refused naming {@code kind} and listing the kinds.
     */
    public static java.util.Set<LedgerKind> ledgerKinds(Context ctx) {
        String raw = queryParam(ctx, "kind");
        java.util.Set<LedgerKind> kinds = java.util.EnumSet.noneOf(LedgerKind.class);
        if (raw == null || raw.isBlank()) {
            return kinds;
        }
        for (String part : raw.split(",", -1)) {
            String name = part.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            LedgerKind kind = Arrays.stream(LedgerKind.values()).filter(k -> k.name().equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidInput("kind", (name.isEmpty() ? "kind has an empty name"
                            : "kind " + abbreviate(part.strip()) + " is not an entry kind") + "; kind takes one or more of "
                            + Arrays.stream(LedgerKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                            + ", separated by commas"));
            kinds.add(kind);
        }
        return kinds;
    }

    private static String abbreviate(String text) {
        return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
    }

    // ---- idempotency keys (ADR 44) -----------------------------------------------------------------

    /** The header of a write that may be repeated safely: printable ASCII, 1 to 255 characters (Stripe's limit). */
    public static final Field IDEMPOTENCY_KEY = Field.token("Idempotency-Key", 255);

    /** The request's {@code Idempotency-Key}, when the route declares it and the client sent one (admitted by the shape). */
    public static Optional<String> idempotencyKey(Context ctx) {
        if (!shape(ctx).declaresHeader(IDEMPOTENCY_KEY.name())) {
            throw undeclared(ctx, "header", IDEMPOTENCY_KEY.name());
        }
        return Optional.ofNullable(ctx.header(IDEMPOTENCY_KEY.name()));
    }

    /**
     * What a repeat of this request must repeat, as SHA-256 hex: the method, the path as sent, the declared
     * query parameters (sorted), the body's media type and its bytes. Two requests with the same key and another
     * fingerprint are two different requests.
     */
    public static String fingerprint(Context ctx) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            java.util.function.Consumer<String> part = text -> {
                byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                digest.update(bytes);
            };
            part.accept(ctx.method().name());
            part.accept(ctx.path());
            new java.util.TreeMap<>(ctx.queryParamMap()).forEach((name, values) -> {
                if (shape(ctx).declaresQuery(name)) {
                    part.accept(name);
                    values.forEach(part);
                }
            });
            part.accept(RequestShape.mediaType(ctx.contentType()));
            byte[] body = ctx.bodyAsBytes();
            digest.update(java.nio.ByteBuffer.allocate(4).putInt(body.length).array());
            digest.update(body);
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
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

    /** The bearer token the request was signed in with (its route declares an access role, so there is one). */
    public static String bearerToken(Context ctx) {
        caller(ctx);
        String header = ctx.header("Authorization");
        return header == null ? "" : header.substring(Math.min(header.length(), "Bearer ".length())).strip();
    }

    /** The request's {@code Host} header as sent (a name and maybe a port), or null. */
    public static String host(Context ctx) {
        return ctx.header("Host");
    }

    /** The signed-in user of this request as the actor of a write. */
    public static Actor actor(Context ctx) {
        return Actor.of(caller(ctx));
    }

    public static DomainException invalid(String message) {
        return DomainException.invalid(ErrorCode.VALIDATION_FAILED, message);
    }
}
