package io.invitehub.adapter.in.http.wire;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything a route reads from a request, declared on its row of the route table: its path parameters,
 * its query parameters and its body fields, each a {@link Field} with the shape its value must have
 * (ADR 33). {@link #admit(Context, Set)} runs before the handler and refuses, once for every route:
 * a body of a content type the route does not accept (415), then any declared input whose value does not
 * fit its field, a body field the route does not declare, a JSON body that is not an object, a field given
 * twice (400 naming the input). Handlers read their inputs only through {@link HttpRequests}, which
 * refuses to hand out one the shape does not declare, so nothing reaches a use case unchecked.
 *
 * <p>Query parameters that a route does not declare are ignored, never read; the payment gateway's
 * routes instead check {@linkplain #everyParameter(Field) every parameter}, whatever its name.
 */
public final class RequestShape {
    static final String SHAPE_ATTRIBUTE = "invitehub.shape";
    static final String BODY_ATTRIBUTE = "invitehub.body";
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    private static final int MAX_PARAMETER_NAME = 64;
    private static final Pattern WHOLE_LENGTH = Pattern.compile("[0-9]{1,12}");
    private static final RequestShape NONE = new RequestShape(List.of(), List.of(), List.of(), Optional.empty(), List.of());

    private final List<Field> path;
    private final List<Field> query;
    private final List<Field> body;
    private final Optional<Field> everyParameter;
    private final List<Field> headers;

    private RequestShape(List<Field> path, List<Field> query, List<Field> body, Optional<Field> everyParameter, List<Field> headers) {
        this.path = List.copyOf(path);
        this.query = List.copyOf(query);
        this.body = List.copyOf(body);
        this.everyParameter = everyParameter;
        this.headers = List.copyOf(headers);
        for (List<Field> fields : List.of(this.path, this.query, this.body, this.headers)) {
            if (fields.stream().map(Field::name).distinct().count() != fields.size()) {
                throw new IllegalArgumentException("a field is declared twice: " + fields);
            }
        }
    }

    /** A route that reads nothing from the request. */
    public static RequestShape none() {
        return NONE;
    }

    public RequestShape path(Field... fields) {
        return new RequestShape(join(path, Arrays.asList(fields)), query, body, everyParameter, headers);
    }

    public RequestShape query(Field... fields) {
        return query(Arrays.asList(fields));
    }

    public RequestShape query(Collection<Field> fields) {
        return new RequestShape(path, join(query, fields), body, everyParameter, headers);
    }

    public RequestShape body(Field... fields) {
        return new RequestShape(path, query, join(body, Arrays.asList(fields)), everyParameter, headers);
    }

    /**
     * Every query parameter and form field, whatever its name, must fit {@code shape} (its name too is
     * checked): for the payment gateway, whose parameters are signed as a whole and so not fixed here.
     */
    public RequestShape everyParameter(Field shape) {
        return new RequestShape(path, query, body, Optional.of(shape), headers);
    }

    /**
     * Request headers the route reads besides the server's own ({@code Authorization}, {@code Content-Type}),
     * each checked like any input when present ({@code Idempotency-Key}, ADR 44); names are case-insensitive.
     */
    public RequestShape headers(Field... fields) {
        return new RequestShape(path, query, body, everyParameter, join(headers, Arrays.asList(fields)));
    }

    public List<Field> headerFields() {
        return headers;
    }

    boolean declaresHeader(String name) {
        return headers.stream().anyMatch(f -> f.name().equalsIgnoreCase(name));
    }

    private static List<Field> join(List<Field> a, Collection<Field> b) {
        List<Field> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public List<Field> pathFields() {
        return path;
    }

    public List<Field> queryFields() {
        return query;
    }

    public List<Field> bodyFields() {
        return body;
    }

    public Optional<Field> everyParameter() {
        return everyParameter;
    }

    boolean declaresPath(String name) {
        return path.stream().anyMatch(f -> f.name().equals(name));
    }

    boolean declaresQuery(String name) {
        return everyParameter.isPresent() || query.stream().anyMatch(f -> f.name().equals(name));
    }

    boolean declaresForm(String name) {
        return everyParameter.isPresent() || body.stream().anyMatch(f -> f.name().equals(name));
    }

    @Override
    public String toString() {
        return "path " + path + ", query " + query + ", body " + body + everyParameter.map(f -> ", every parameter " + f).orElse("")
                + (headers.isEmpty() ? "" : ", headers " + headers);
    }

    // ---- the edge ---------------------------------------------------------------------------------

    /**
     * Admits the request to a route accepting the content types {@code accepts} (none: no body), or
     * throws {@link UnsupportedContent} (415) or an {@link InvalidInput}/{@code VALIDATION_FAILED} (400).
     * A JSON body is parsed here once; {@link HttpRequests#body} binds the parsed tree. A form (url-encoded, or
     * multipart where a route accepts one) has its fields checked here.
     */
    public void admit(Context ctx, Set<String> accepts) {
        ctx.attribute(SHAPE_ATTRIBUTE, this);
        String mediaType = ContentTypes.admit(ctx, accepts);
        for (Field field : path) {
            field.check(ctx.pathParam(field.name()));
        }
        checkParameters(ctx.queryParamMap(), query);
        for (Field field : headers) {
            List<String> values = ctx.req().getHeaders(field.name()) == null ? List.of()
                    : java.util.Collections.list(ctx.req().getHeaders(field.name()));
            if (values.size() > 1) {
                throw new InvalidInput(field.name(), field.name() + " must be given once");
            }
            if (values.size() == 1) {
                field.check(values.get(0));
            }
        }
        if (mediaType == null) {
            return;
        }
        if (mediaType.equals(ContentTypes.MULTIPART)) {
            admitMultipart(ctx);
            return;
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return;
        }
        if (mediaType.equals(ContentTypes.FORM)) {
            checkParameters(ctx.formParamMap(), body);
            Set<String> unknown = new TreeSet<>(ctx.formParamMap().keySet());
            unknown.removeIf(this::declaresForm);
            if (!unknown.isEmpty()) {
                throw unknownField(unknown.iterator().next());
            }
        } else {
            JsonNode tree = parse(bytes);
            checkObject(tree);
            ctx.attribute(BODY_ATTRIBUTE, tree);
        }
    }

    /**
     * A multipart form (only the reference dialect's login accepts one, ADR 34): its fields are checked like a
     * url-encoded form's, and it may carry no file. Jetty parses it in memory within the server's multipart limits
     * ({@link ContentTypes#MULTIPART_LIMIT_KB}); a body it cannot parse, or one longer than those limits, is a 400
     * (the whole body is at fault, no field), and the answer says {@code Connection: close},
     * since Jetty drops a connection whose multipart body it gave up on (a client reusing it would get no answer).
     */
    private void admitMultipart(Context ctx) {
        String length = ctx.header("Content-Length");
        if (length != null && (!WHOLE_LENGTH.matcher(length.strip()).matches()
                || Long.parseLong(length.strip()) > ContentTypes.MULTIPART_LIMIT_KB * 1024L)) {
            ctx.header("Connection", "close"); // the body is not read: the connection cannot serve another request
            throw HttpRequests.invalid("a multipart form may have at most " + ContentTypes.MULTIPART_LIMIT_KB + " KiB");
        }
        Map<String, List<String>> fields;
        Set<String> files;
        try {
            fields = ctx.formParamMap();
            files = new TreeSet<>(ctx.uploadedFileMap().keySet());
        } catch (Exception unreadable) { // Jetty's parser throws a (checked) ServletException through Javalin, or an IllegalStateException
            ctx.header("Connection", "close");
            throw HttpRequests.invalid("the form could not be read");
        }
        checkParameters(fields, body);
        Set<String> unknown = new TreeSet<>(fields.keySet());
        unknown.removeIf(this::declaresForm);
        unknown.addAll(files);
        if (!unknown.isEmpty()) {
            throw unknownField(unknown.iterator().next());
        }
    }

    private void checkParameters(Map<String, List<String>> parameters, List<Field> declared) {
        for (Field field : declared) {
            List<String> values = parameters.get(field.name());
            if (values == null || values.isEmpty()) {
                continue;
            }
            if (values.size() > 1) {
                throw new InvalidInput(field.name(), field.name() + " must be given once");
            }
            field.check(values.get(0));
        }
        if (everyParameter.isPresent()) {
            Field shape = everyParameter.get();
            for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
                String name = parameter.getKey();
                if (name.length() > MAX_PARAMETER_NAME || Characters.firstRefused(name, false) != null
                        || Characters.firstNotPrintable(name, false) != null) {
                    throw new InvalidInput("parameter name", "a parameter name must be printable and have at most "
                            + MAX_PARAMETER_NAME + " characters");
                }
                for (String value : parameter.getValue()) {
                    try {
                        shape.check(value);
                    } catch (InvalidInput refused) {
                        throw new InvalidInput(name, refused.getMessage().replaceFirst("^" + Pattern.quote(shape.name()), name));
                    }
                }
            }
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode tree = JsonMapping.reader().readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw HttpRequests.invalid("request body is not valid JSON");
            }
            return tree;
        } catch (JsonParseException malformed) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(malformed.getOriginalMessage()));
            if (duplicate.find()) {
                String name = duplicate.group(1);
                throw new InvalidInput(name, name + " is given twice");
            }
            throw HttpRequests.invalid("request body is not valid JSON");
        } catch (IOException malformed) {
            throw HttpRequests.invalid("request body is not valid JSON");
        }
    }

    private void checkObject(JsonNode tree) {
        if (!tree.isObject()) {
            throw HttpRequests.invalid("request body must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = tree.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            Optional<Field> field = body.stream().filter(f -> f.name().equals(entry.getKey())).findFirst();
            if (field.isEmpty()) {
                throw unknownField(entry.getKey());
            }
            field.get().check(entry.getValue());
        }
    }

    private InvalidInput unknownField(String name) {
        String shown = Characters.firstRefused(name, false) == null && name.length() <= MAX_PARAMETER_NAME ? name : "(unprintable)";
        return new InvalidInput(shown, "unknown field '" + shown + "'; this request takes "
                + (body.isEmpty() ? "no fields" : body.stream().map(Field::name).collect(Collectors.joining(", "))));
    }

    /** The media type of a {@code Content-Type} header, lower case, without parameters. */
    static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
