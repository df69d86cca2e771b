package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.JsonMapping;
import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.domain.user.Role;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The OpenAPI 3.1 document of the API, generated from the {@link RouteTable} (ADR 40): every route with
 * its method and path, who may call it (security, {@code x-invitehub-access}, {@code x-invitehub-roles}),
 * its path and query parameters and body fields with their shapes from the {@code RequestShape}
 * ({@link Field}: kinds, lengths, ranges, choices), the content types its body may have, its success answer
 * ({@link ApiResponses}, schemas from the response records as Jackson writes them) and the problem details
 * it may answer, with every problem code and its status.
 */
final class OpenApiDocument {
    static final String OPENAPI_VERSION = "3.1.0";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = JsonMapping.objectMapper();
    /** Marks a route whose answer nobody declared in {@link ApiResponses} (OpenApiDocumentTest refuses it). */
    static final String UNDECLARED_ANSWER = "x-invitehub-undeclared-answer";
    private static final ResponseShape UNDECLARED = ResponseShape.text("application/json");

    private final ObjectNode document;

    private OpenApiDocument(ObjectNode document) {
        this.document = document;
    }

    /** The document of these routes; a route without a declared answer ({@link ApiResponses}) is marked, and fails OpenApiDocumentTest. */
    static OpenApiDocument of(List<Route> routes) {
        JsonSchemas schemas = new JsonSchemas(JSON);
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", OPENAPI_VERSION);
        ObjectNode info = doc.putObject("info");
        info.put("title", "InviteHub API");
        info.put("version", "v1");
        info.put("description", "Seats in team workspaces sold through redeem codes. Generated from the route table; "
                + "the prose reference is docs/api.md. Errors are RFC 9457 problem details with a stable `code`.");
        ObjectNode paths = doc.putObject("paths");
        for (Route route : routes) {
            ResponseShape answer = ApiResponses.of(route).orElse(UNDECLARED);
            ObjectNode path = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            ObjectNode operation = operation(route, answer, schemas);
            if (ApiResponses.of(route).isEmpty()) {
                operation.put(UNDECLARED_ANSWER, true);
            }
            path.set(route.method().toLowerCase(Locale.ROOT), operation);
        }
        ObjectNode components = doc.putObject("components");
        ObjectNode security = components.putObject("securitySchemes").putObject("bearer");
        security.put("type", "http");
        security.put("scheme", "bearer");
        security.put("bearerFormat", "JWT");
        security.put("description", "The access_token of POST /api/v1/auth/login");
        ObjectNode componentSchemas = components.putObject("schemas");
        componentSchemas.set("Problem", problemSchema());
        schemas.components().forEach(componentSchemas::set);
        return new OpenApiDocument(doc);
    }

    JsonNode json() {
        return document;
    }

    String text() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static ObjectNode operation(Route route, ResponseShape answer, JsonSchemas schemas) {
        ObjectNode op = NODES.objectNode();
        op.put("operationId", operationId(route));
        op.putArray("tags").add(tag(route.path()));
        op.put("summary", route.method() + " " + route.path());
        op.put("x-invitehub-access", route.access());
        ArrayNode roles = op.putArray("x-invitehub-roles");
        route.roles().stream().map(Role::name).sorted().forEach(roles::add);
        ArrayNode security = op.putArray("security");
        if (!route.access().equals(Route.PUBLIC)) {
            security.addObject().putArray("bearer");
        }
        ArrayNode parameters = op.putArray("parameters");
        for (Field field : route.shape().pathFields()) {
            parameters.add(parameter(field, "path", true));
        }
        for (Field field : route.shape().queryFields()) {
            parameters.add(parameter(field, "query", false));
        }
        for (Field field : route.shape().headerFields()) {
            parameters.add(parameter(field, "header", false)); // Idempotency-Key on the writes that take one (ADR 44)
        }
        route.shape().everyParameter().ifPresent(shape -> op.put("x-invitehub-every-parameter",
                "every query parameter and form field, whatever its name, is checked as " + shape.kind()
                        + " (the payment gateway's signed parameters)"));
        if (!route.accepts().isEmpty()) {
            ObjectNode body = op.putObject("requestBody");
            ObjectNode content = body.putObject("content");
            for (String type : new TreeSet<>(route.accepts())) {
                content.putObject(type).set("schema", bodySchema(route.shape().bodyFields()));
            }
        }
        ObjectNode responses = op.putObject("responses");
        responses.set(Integer.toString(answer.status()), success(answer, schemas));
        if (!route.shape().pathFields().isEmpty() || !route.shape().queryFields().isEmpty() || !route.accepts().isEmpty()
                || !route.shape().headerFields().isEmpty() || route.shape().everyParameter().isPresent()) {
            responses.set("400", problem("an input does not fit its field (VALIDATION_FAILED, with `field`), or a refusal of the request"));
        }
        if (!route.access().equals(Route.PUBLIC)) {
            responses.set("401", problem("no valid access token (UNAUTHORIZED)"));
            responses.set("403", problem("the caller's role may not use this route (FORBIDDEN)"));
        }
        if (!route.accepts().isEmpty()) {
            responses.set("415", problem("a body of another content type (UNSUPPORTED_MEDIA_TYPE)"));
        }
        responses.set("default", problem("any other refusal: the `code` says which (the table in components.schemas.Problem)"));
        return op;
    }

    private static ObjectNode success(ResponseShape answer, JsonSchemas schemas) {
        ObjectNode response = NODES.objectNode();
        response.put("description", answer.status() == 204 ? "done, nothing to answer" : "success");
        if (answer.form() == ResponseShape.Form.NONE) {
            return response;
        }
        ObjectNode content = response.putObject("content").putObject(answer.mediaType());
        switch (answer.form()) {
            case OBJECT:
                content.set("schema", schemas.reference(answer.body().orElseThrow()));
                break;
            case LIST:
                content.set("schema", array(schemas.reference(answer.body().orElseThrow())));
                break;
            case PAGE: {
                ObjectNode page = NODES.objectNode();
                page.put("type", "object");
                ObjectNode properties = page.putObject("properties");
                properties.set("items", array(schemas.reference(answer.body().orElseThrow())));
                ObjectNode next = properties.putObject("next_cursor");
                next.putArray("type").add("string").add("null");
                next.put("description", "the cursor of the next page; null on the last one");
                page.putArray("required").add("items");
                page.put("additionalProperties", false);
                page.put("description", "a page, whatever the parameters (the reference's plain arrays are its dialect's, "
                        + "under /reference, not part of this document)");
                content.set("schema", page);
                break;
            }
            default:
                content.putObject("schema").put("type", "string");
        }
        return response;
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "array");
        schema.set("items", items);
        return schema;
    }

    private static ObjectNode problem(String description) {
        ObjectNode response = NODES.objectNode();
        response.put("description", description);
        response.putObject("content").putObject("application/problem+json").putObject("schema")
                .put("$ref", "#/components/schemas/Problem");
        return response;
    }

    private static ObjectNode parameter(Field field, String in, boolean required) {
        ObjectNode parameter = NODES.objectNode();
        parameter.put("name", field.name());
        parameter.put("in", in);
        parameter.put("required", required);
        parameter.set("schema", fieldSchema(field));
        return parameter;
    }

    private static ObjectNode bodySchema(List<Field> fields) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        fields.forEach(f -> properties.set(f.name(), fieldSchema(f)));
        schema.put("additionalProperties", false);
        return schema;
    }

    /** A field's shape as JSON Schema: what the edge admits (ADR 33). */
    static ObjectNode fieldSchema(Field field) {
        ObjectNode schema = NODES.objectNode();
        schema.put("x-invitehub-kind", field.kind().name());
        switch (field.kind()) {
            case INTEGER:
                schema.put("type", "integer");
                schema.put("minimum", field.min());
                schema.put("maximum", field.max());
                break;
            case IDS:
                schema.put("type", "array");
                schema.putObject("items").put("type", "integer").put("minimum", 1);
                schema.put("minItems", 1);
                schema.put("maxItems", field.maxLength());
                break;
            case BOOLEAN:
                schema.put("type", "boolean");
                break;
            case CHOICE:
                schema.put("type", "string");
                ArrayNode values = schema.putArray("enum");
                field.choices().stream().map(c -> c.toLowerCase(Locale.ROOT)).forEach(values::add);
                break;
            case EMAIL:
                schema.put("type", "string");
                schema.put("format", "email");
                schema.put("maxLength", field.maxLength());
                break;
            case DECIMAL:
                schema.put("type", "string");
                schema.put("pattern", "^[0-9]{1,13}(\\.[0-9]{1,4})?$");
                break;
            case TIMESTAMP:
                schema.put("type", "string");
                schema.put("description", "an ISO-8601 timestamp with offset, or a date");
                schema.put("maxLength", field.maxLength());
                break;
            default:
                schema.put("type", "string");
                schema.put("maxLength", field.maxLength());
        }
        schema.put("examples", NODES.arrayNode().add(field.example()));
        return schema;
    }

    private static ObjectNode problemSchema() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("description", "RFC 9457 problem details with a stable code. Codes and their statuses: "
                + ProblemMapper.codes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        ObjectNode p = schema.putObject("properties");
        p.putObject("type").put("type", "string");
        p.putObject("title").put("type", "string");
        p.putObject("status").put("type", "integer");
        p.putObject("detail").put("type", "string");
        ObjectNode instance = p.putObject("instance");
        instance.putArray("type").add("string").add("null");
        ObjectNode code = p.putObject("code");
        code.put("type", "string");
        ArrayNode codes = code.putArray("enum");
        ProblemMapper.codes().keySet().forEach(codes::add);
        p.putObject("field").put("type", "string").put("description", "the refused input of a 400, when one input is at fault");
        p.putObject("bound_email").put("type", "string").put("description", "EMAIL_MISMATCH only: the masked e-mail the code is bound to");
        p.putObject("reason").put("type", "string").put("description", "a rejected distributor's login: the admin's reason, if any");
        p.putObject("period").put("type", "string").put("description", "a refused statement confirmation: the month (yyyy-mm) that blocks it");
        schema.putArray("required").add("type").add("title").add("status").add("code");
        schema.put("additionalProperties", false);
        return schema;
    }

    private static String operationId(Route route) {
        return route.method().toLowerCase(Locale.ROOT) + route.path().replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_");
    }

    /** The API's area: the segment after {@code /api/v1} ({@code public}, {@code auth}, {@code distributors}, …), or {@code operations}. */
    private static String tag(String path) {
        if (!path.startsWith("/api/v1/")) {
            return "operations";
        }
        String rest = path.substring("/api/v1/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** The paths and methods the document describes, for checks: {@code "GET /health"}. */
    static List<String> operations(JsonNode document) {
        List<String> all = new java.util.ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> all.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return all;
    }
}
