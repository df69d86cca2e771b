package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI document a running server serves ({@code GET /openapi.json}), used as a contract for that
 * server's real answers: the status must be documented for the route, and the body must fit the schema
 * (JSON Schema 2020-12, the subset the document uses: $ref, anyOf, oneOf, type and type lists, enum,
 * properties, required, additionalProperties, items). Problem answers must fit the Problem schema.
 */
final class ApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode document;

    ApiContract(String document) throws Exception {
        this.document = JSON.readTree(document);
    }

    JsonNode document() {
        return document;
    }

    /** What is wrong with this answer of route {@code method path} (its declared path); empty when it fits. */
    List<String> check(String method, String path, HttpResponse<String> response) throws Exception {
        List<String> problems = new ArrayList<>();
        String where = method + " " + path + " " + response.statusCode();
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            problems.add(where + ": not in the document");
            return problems;
        }
        JsonNode responses = operation.path("responses");
        JsonNode documented = responses.path(Integer.toString(response.statusCode()));
        boolean success = response.statusCode() >= 200 && response.statusCode() < 300;
        if (documented.isMissingNode()) {
            if (success) {
                problems.add(where + ": this success status is not documented (" + fieldNames(responses) + ")");
                return problems;
            }
            documented = responses.path("default");
        }
        String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        JsonNode content = documented.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (!response.body().isEmpty()) {
                problems.add(where + ": documented without a body, answered " + type);
            }
            return problems;
        }
        JsonNode media = content.path(type);
        if (media.isMissingNode()) {
            problems.add(where + ": answered " + type + ", documented " + fieldNames(content));
            return problems;
        }
        if (type.endsWith("json") && !path.equals("/openapi.json")) {
            validate(media.path("schema"), JSON.readTree(response.body()), where + " body", problems);
        }
        return problems;
    }

    private void validate(JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                problems.add(at + ": dangling " + ref);
                return;
            }
            validate(target, value, at, problems);
            return;
        }
        for (String either : new String[] {"anyOf", "oneOf"}) {
            if (schema.has(either)) {
                for (JsonNode option : schema.get(either)) {
                    List<String> tried = new ArrayList<>();
                    validate(option, value, at, tried);
                    if (tried.isEmpty()) {
                        return;
                    }
                }
                problems.add(at + ": fits none of " + either + " " + abbreviate(value));
                return;
            }
        }
        if (schema.has("type") && !typeFits(schema.get("type"), value)) {
            problems.add(at + ": " + kind(value) + " where the schema says " + schema.get("type"));
            return;
        }
        if (schema.has("enum") && !value.isNull()) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (properties.has(field.getKey())) {
                    validate(properties.get(field.getKey()), field.getValue(), at + "." + field.getKey(), problems);
                } else if (schema.path("additionalProperties").isObject()) {
                    validate(schema.get("additionalProperties"), field.getValue(), at + "." + field.getKey(), problems);
                } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                    problems.add(at + ": undocumented property '" + field.getKey() + "'");
                }
            }
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(at + ": required property '" + required.asText() + "' is missing");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                validate(schema.get("items"), item, at + "[" + i++ + "]", problems);
            }
        }
    }

    private static boolean typeFits(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeFits(t, value)) {
                    return true;
                }
            }
            return false;
        }
        switch (type.asText()) {
            case "object": return value.isObject();
            case "array": return value.isArray();
            case "string": return value.isTextual();
            case "integer": return value.isIntegralNumber();
            case "number": return value.isNumber();
            case "boolean": return value.isBoolean();
            case "null": return value.isNull();
            default: return false;
        }
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(value);
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
