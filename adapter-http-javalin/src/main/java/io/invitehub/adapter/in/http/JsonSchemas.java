package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of the response records, from the same Jackson
 * configuration that writes them ({@code JsonMapping}: snake_case, ISO instants, empty Optionals as null).
 * The property names and types are Jackson's own view of the class, so the schema says what the wire
 * carries. Nested records become named components ({@code #/components/schemas/<Name>}).
 */
final class JsonSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json;
    private final Map<String, ObjectNode> components = new TreeMap<>();
    private final Map<Class<?>, String> names = new java.util.HashMap<>();

    JsonSchemas(ObjectMapper json) {
        this.json = json;
    }

    /** The schemas named so far, for {@code components.schemas}. */
    Map<String, ObjectNode> components() {
        return components;
    }

    /** A reference to the schema of {@code type} (described once, as a component). */
    ObjectNode reference(Class<?> type) {
        return ref(componentOf(type));
    }

    private String componentOf(Class<?> type) {
        String known = names.get(type);
        if (known != null) {
            return known;
        }
        String name = uniqueName(type);
        names.put(type, name);
        components.put(name, NODES.objectNode()); // a placeholder, so a type that contains itself ends
        components.put(name, objectSchema(json.constructType(type)));
        return name;
    }

    private String uniqueName(Class<?> type) {
        String base = type.getEnclosingClass() != null && !type.getEnclosingClass().getSimpleName().endsWith("Handlers")
                && !type.getEnclosingClass().getSimpleName().endsWith("Responses")
                ? type.getEnclosingClass().getSimpleName() + type.getSimpleName() : type.getSimpleName();
        String name = base;
        for (int i = 2; components.containsKey(name); i++) {
            name = base + i;
        }
        return name;
    }

    private ObjectNode objectSchema(JavaType type) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (BeanPropertyDefinition property : json.getSerializationConfig().introspect(type).findProperties()) {
            if (!property.couldSerialize()) {
                continue;
            }
            JavaType propertyType = property.getPrimaryType();
            boolean optional = isNullable(propertyType);
            properties.set(property.getName(), schemaOf(propertyType));
            if (!optional && propertyType.isPrimitive()) {
                required.add(property.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** Primitives are always written; references may be null (Optional.empty, absent values). */
    private static boolean isNullable(JavaType type) {
        return !type.isPrimitive();
    }

    ObjectNode schemaOf(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Optional.class) {
            return nullable(schemaOf(type.containedType(0)));
        }
        if (raw == OptionalLong.class || raw == OptionalInt.class) {
            return nullable(simple("integer"));
        }
        if (type.isPrimitive()) {
            if (raw == boolean.class) {
                return simple("boolean");
            }
            if (raw == double.class || raw == float.class) {
                return simple("number");
            }
            return simple("integer");
        }
        if (raw == String.class || raw == ZoneId.class || raw == Character.class) {
            return nullable(simple("string"));
        }
        if (raw == Boolean.class) {
            return nullable(simple("boolean"));
        }
        if (raw == Integer.class || raw == Long.class || raw == Short.class || raw == BigInteger.class) {
            return nullable(simple("integer"));
        }
        if (Number.class.isAssignableFrom(raw) || raw == BigDecimal.class) {
            return nullable(simple("number"));
        }
        if (raw == Instant.class || raw == OffsetDateTime.class) {
            return nullable(format("date-time"));
        }
        if (raw == LocalDate.class) {
            return nullable(format("date"));
        }
        if (raw == UUID.class) {
            return nullable(format("uuid"));
        }
        if (raw.isEnum()) {
            ObjectNode schema = simple("string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return nullable(schema);
        }
        if (type.isCollectionLikeType() || type.isArrayType() || Collection.class.isAssignableFrom(raw)) {
            ObjectNode schema = simple("array");
            schema.set("items", schemaOf(type.getContentType()));
            return nullable(schema);
        }
        if (type.isMapLikeType()) {
            ObjectNode schema = simple("object");
            schema.set("additionalProperties", schemaOf(type.getContentType()));
            return nullable(schema);
        }
        if (raw == Object.class) {
            return NODES.objectNode();
        }
        return nullable(ref(componentOf(raw)));
    }

    private static ObjectNode simple(String type) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", type);
        return schema;
    }

    private static ObjectNode format(String format) {
        ObjectNode schema = simple("string");
        schema.put("format", format);
        return schema;
    }

    private static ObjectNode ref(String component) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$ref", "#/components/schemas/" + component);
        return schema;
    }

    /** JSON Schema 2020-12: {@code type: [T, "null"]}, or {@code anyOf} with null for a reference. */
    private static ObjectNode nullable(ObjectNode schema) {
        if (schema.has("$ref")) {
            ObjectNode either = NODES.objectNode();
            either.putArray("anyOf").add(schema).add(simple("null"));
            return either;
        }
        if (schema.has("type") && schema.get("type").isTextual()) {
            String type = schema.get("type").asText();
            schema.putArray("type").add(type).add("null");
        }
        return schema;
    }
}
