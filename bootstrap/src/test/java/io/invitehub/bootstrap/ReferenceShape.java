package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference's field names and JSON types, checked exactly: {@code shape(node, "id:int", "email:str",
 * "expires_at:time?")} asserts that {@code node} is an object with exactly these fields and that each has
 * its type. Types: {@code int} (a whole number), {@code num} (any number, never a string), {@code str},
 * {@code bool}, {@code arr}, {@code obj}, {@code time} (an ISO-8601 timestamp with offset, which the
 * reference's pages parse with {@code new Date} and {@code dayjs}); a trailing {@code ?} allows null.
 */
final class ReferenceShape {
    private ReferenceShape() {
    }

    static void shape(JsonNode node, String... fields) {
        assertThat(node).as("a JSON object").isNotNull();
        assertThat(node.isObject()).as("a JSON object: " + node).isTrue();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String field : fields) {
            String[] parts = field.split(":", 2);
            expected.put(parts[0], parts[1]);
        }
        List<String> actual = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            actual.add(names.next());
        }
        assertThat(actual).as("field names of " + node).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, type) -> assertThat(typeOk(node.get(name), type))
                .as("field " + name + " should be " + type + " in " + node).isTrue());
    }

    /** Every element of a JSON array has this shape; the array is not empty. */
    static void eachShaped(JsonNode array, String... fields) {
        assertThat(array.isArray()).as("a JSON array: " + array).isTrue();
        assertThat(array.size()).as("rows in " + array).isPositive();
        array.forEach(row -> shape(row, fields));
    }

    private static boolean typeOk(JsonNode value, String type) {
        boolean nullable = type.endsWith("?");
        String t = nullable ? type.substring(0, type.length() - 1) : type;
        if (value == null) {
            return false;
        }
        if (value.isNull()) {
            return nullable;
        }
        switch (t) {
            case "int": return value.isIntegralNumber();
            case "num": return value.isNumber();
            case "str": return value.isTextual();
            case "bool": return value.isBoolean();
            case "arr": return value.isArray();
            case "obj": return value.isObject();
            case "time": return value.isTextual() && parses(value.asText());
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }

    private static boolean parses(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
