package io.invitehub.adapter.in.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md documents every route that HttpApi declares: a route added without docs fails here. */
class ApiDocumentationTest {
    private static final Pattern ROUTE = Pattern.compile("config\\.routes\\.(get|post|put|patch|delete)\\(\"([^\"]+)\"");

    @Test
    void everyDeclaredRouteIsInTheApiReference() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/invitehub/adapter/in/http/HttpApi.java"));
        String docs = Files.readString(Path.of("../docs/api.md"));
        List<String> routes = new ArrayList<>();
        Matcher m = ROUTE.matcher(source);
        while (m.find()) {
            routes.add(m.group(1).toUpperCase() + " " + m.group(2));
        }
        assertThat(routes).as("routes found in HttpApi").hasSizeGreaterThanOrEqualTo(12);
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            assertThat(docs).as("docs/api.md documents " + route)
                    .containsPattern("\\|\\s*" + method + "\\s*\\|\\s*`" + Pattern.quote(path) + "`");
        }
    }
}
