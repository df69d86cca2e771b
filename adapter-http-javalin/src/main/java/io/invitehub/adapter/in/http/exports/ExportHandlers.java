package io.invitehub.adapter.in.http.exports;

import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.InvalidInput;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.application.exports.port.in.ExportRequest;
import io.invitehub.application.exports.port.in.ExportUseCase;
import io.invitehub.application.exports.port.in.PreparedExport;
import io.invitehub.application.exports.view.ExportFilter;
import io.invitehub.application.exports.view.ExportKind;
import io.invitehub.application.exports.view.ExportLink;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.enumValue;
import static io.invitehub.adapter.in.http.wire.HttpRequests.moment;
import static io.invitehub.adapter.in.http.wire.HttpRequests.queryParam;

/**
 * Exports (SPEC section 9, ADR 35): a distributor's lists as CSV streamed from a server-side cursor, with the
 * filters of the matching list; for the distributor itself ({@code /me}) or staff ({@code /{id}}), with the
 * bearer token, or through a short-lived signed link a browser can open ({@code /exports/download}). Every
 * check runs before the first byte, so a refusal is still a problem; then the rows stream.
 */
public final class ExportHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ExportHandlers.class);
    static final String DOWNLOAD_PATH = "/api/v1/exports/download";
    /** The longest token a link carries: far above what the filters make. */
    static final int MAX_TOKEN = 2048;
    static final int MAX_SEARCH = 254;
    static final int MAX_STATUS = 40;

    private static final Field KIND = Field.choice("kind", ExportKind.class);
    private static final Field DISTRIBUTOR_ID = Field.id("id").labelled("distributor id");
    private static final List<Field> FILTERS = List.of(Field.text("status", MAX_STATUS), Field.timestamp("from"), Field.timestamp("to"),
            Field.text("q", MAX_SEARCH), HttpRequests.TAG_FILTER,
            Field.token("period", 7, java.util.regex.Pattern.compile("^\\d{4}-\\d{2}$"), "a month (yyyy-mm)", "2026-11"),
            HttpRequests.LEDGER_KIND_FILTER);

    /** What each route reads (ADR 33). */
    public static final RequestShape MINE = RequestShape.none().path(KIND).query(FILTERS);
    public static final RequestShape STAFF = RequestShape.none().path(DISTRIBUTOR_ID, KIND).query(FILTERS);
    /** The platform's own codes: the filters of {@code GET /admin/platform-codes} ({@code status}, {@code q}). */
    public static final RequestShape PLATFORM = RequestShape.none().query(FILTERS);
    public static final RequestShape DOWNLOAD = RequestShape.none().query(Field.token("token", MAX_TOKEN));

    /** What each route answers (ADR 40): the CSV file, or a signed link to it. */
    public static final ResponseShape CSV_ANSWER = ResponseShape.text("text/csv");
    public static final ResponseShape LINK_ANSWER = ResponseShape.created(Link.class);

    private final ExportUseCase exports;

    public ExportHandlers(ExportUseCase exports) {
        this.exports = Objects.requireNonNull(exports, "exports");
    }

    public void myExport(Context ctx) {
        UserId me = caller(ctx).id();
        stream(ctx, exports.prepare(me, request(ctx, me)));
    }

    public void myLink(Context ctx) {
        UserId me = caller(ctx).id();
        link(ctx, exports.link(me, request(ctx, me)));
    }

    public void distributorExport(Context ctx) {
        stream(ctx, exports.prepare(caller(ctx).id(), request(ctx, distributorId(ctx))));
    }

    public void distributorLink(Context ctx) {
        link(ctx, exports.link(caller(ctx).id(), request(ctx, distributorId(ctx))));
    }

    public void platformExport(Context ctx) {
        stream(ctx, exports.prepare(caller(ctx).id(), platformRequest(ctx)));
    }

    public void platformLink(Context ctx) {
        link(ctx, exports.link(caller(ctx).id(), platformRequest(ctx)));
    }

    public void download(Context ctx) {
        String token = queryParam(ctx, "token");
        if (token == null || token.isBlank()) {
            throw new InvalidInput("token", "token is required: the download link carries it");
        }
        stream(ctx, exports.prepare(token));
    }

    /** {@code url}: the download path with the token, to open with a plain link (no bearer token needed). */
    record Link(String url, String token, Instant expiresAt) {
    }

    private static void link(Context ctx, ExportLink link) {
        ctx.status(201).json(new Link(DOWNLOAD_PATH + "?token=" + link.token(), link.token(), link.expiresAt()));
    }

    private static void stream(Context ctx, PreparedExport export) {
        ctx.status(200).contentType(CsvExport.CONTENT_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"");
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        long started = System.nanoTime();
        try {
            long rows = CsvExport.write(export, ctx.outputStream());
            LOG.debug("exported {} {} rows in {} ms", rows, export.kind().wireName(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            // the client went away mid-download: nothing to answer any more
            LOG.info("export of {} ended early: {}", export.kind().wireName(), e.toString());
            throw new UncheckedIOException(e);
        }
    }

    private static ExportRequest request(Context ctx, UserId distributor) {
        ExportKind kind = enumValue(ExportKind.class, HttpRequests.pathParam(ctx, "kind"), "kind");
        return new ExportRequest(kind, distributor, filter(ctx, kind));
    }

    private static ExportRequest platformRequest(Context ctx) {
        return ExportRequest.platformCodes(filter(ctx, ExportKind.CODES));
    }

    /** The filters of the query that {@code kind} reads; one it does not read is refused naming it. */
    private static ExportFilter filter(Context ctx, ExportKind kind) {
        Set<ExportFilter.Part> reads = kind.filters();
        Optional<String> status = given(ctx, "status", ExportFilter.Part.STATUS, reads)
                .map(raw -> statusName(kind.statusType().orElseThrow(), raw));
        Optional<Instant> from = given(ctx, "from", ExportFilter.Part.FROM, reads).map(raw -> moment(raw, "from", false));
        Optional<Instant> to = given(ctx, "to", ExportFilter.Part.TO, reads).map(raw -> moment(raw, "to", true));
        Optional<String> q = given(ctx, "q", ExportFilter.Part.Q, reads);
        List<String> tags = given(ctx, "tag", ExportFilter.Part.TAG, reads).isPresent()
                ? HttpRequests.tags(ctx).stream().map(Tag::value).collect(Collectors.toList()) : List.of();
        Optional<java.time.YearMonth> period = given(ctx, "period", ExportFilter.Part.PERIOD, reads).map(raw -> {
            try {
                return java.time.YearMonth.parse(raw.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidInput("period", "period must be a month (yyyy-mm)");
            }
        });
        // the ledger's entry kinds: kind (several, as GET /me/ledger takes them) or status (one, the older spelling)
        List<String> kinds = given(ctx, "kind", ExportFilter.Part.KIND, reads).isPresent()
                ? HttpRequests.ledgerKinds(ctx).stream().map(Enum::name).collect(Collectors.toList()) : List.of();
        if (!kinds.isEmpty() && status.isPresent()) {
            throw new InvalidInput("kind", "give the entry kinds with kind or with status, not both");
        }
        return new ExportFilter(status, from, to, q, tags, period, kinds);
    }

    /** A filter given in the query; one the kind does not read is refused naming it. */
    private static Optional<String> given(Context ctx, String name, ExportFilter.Part part, Set<ExportFilter.Part> reads) {
        Optional<String> raw = Optional.ofNullable(queryParam(ctx, name)).filter(v -> !v.isBlank());
        if (raw.isPresent() && !reads.contains(part)) {
            throw new InvalidInput(name, "this export does not filter by " + name);
        }
        return raw;
    }

    /** A constant of the kind's status enum, by name as the lists take it (any case, {@code -} for {@code _}). */
    private static String statusName(Class<? extends Enum<?>> type, String raw) {
        String name = raw.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Enum<?> constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return name;
            }
        }
        throw new InvalidInput("status", "status must be one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    private static UserId distributorId(Context ctx) {
        return new UserId(HttpRequests.pathId(ctx, "distributor id"));
    }
}
