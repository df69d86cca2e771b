package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.in.http.wire.ContentSecurityPolicy;
import io.invitehub.adapter.in.http.wire.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /openapi.json} of a running server describes exactly its routes (ADR 40): each with its access,
 * parameters and body fields as its RequestShape declares them, its content types and a success answer;
 * every reference resolves. The bodies the routes really answer are checked against it in the bootstrap's
 * RoleMatrixTest, over every route and caller.
 */
class OpenApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ApiFixture api = new ApiFixture();

    private JsonNode document() throws Exception {
        HttpResponse<String> response = api.get("/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void theDocumentDescribesExactlyTheRunningRoutes() throws Exception {
        JsonNode doc = document();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> described = new TreeSet<>(OpenApiDocument.operations(doc));
        List<Route> own = api.api.routes().stream().filter(r -> !r.reference()).collect(Collectors.toList());
        Set<String> running = own.stream().map(r -> r.method() + " " + r.path()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(described).isEqualTo(running);
        assertThat(running).hasSizeGreaterThan(70);

        for (Route route : own) {
            JsonNode op = doc.get("paths").get(route.path()).get(route.method().toLowerCase(Locale.ROOT));
            assertThat(op.has(OpenApiDocument.UNDECLARED_ANSWER)).as(route + " has its answer declared in ApiResponses").isFalse();
            assertThat(op.get("x-invitehub-access").asText()).as(route.toString()).isEqualTo(route.access());
            assertThat(op.get("security").isEmpty()).as(route + " needs no token exactly when public")
                    .isEqualTo(route.access().equals(Route.PUBLIC));
            List<String> parameters = new ArrayList<>();
            op.get("parameters").forEach(p -> parameters.add(p.get("in").asText() + ":" + p.get("name").asText()));
            List<String> declared = new ArrayList<>();
            route.shape().pathFields().forEach(f -> declared.add("path:" + f.name()));
            route.shape().queryFields().forEach(f -> declared.add("query:" + f.name()));
            route.shape().headerFields().forEach(f -> declared.add("header:" + f.name()));
            assertThat(parameters).as(route + " parameters").isEqualTo(declared);
            if (route.accepts().isEmpty()) {
                assertThat(op.has("requestBody")).as(route + " reads no body").isFalse();
            } else {
                JsonNode content = op.get("requestBody").get("content");
                assertThat(names(content)).as(route + " content types").isEqualTo(new TreeSet<>(route.accepts()));
                JsonNode properties = content.elements().next().get("schema").get("properties");
                assertThat(names(properties)).as(route + " body fields")
                        .isEqualTo(route.shape().bodyFields().stream().map(Field::name).collect(Collectors.toCollection(TreeSet::new)));
            }
            JsonNode responses = op.get("responses");
            assertThat(names(responses).stream().filter(s -> s.startsWith("2")).count()).as(route + " one success answer").isEqualTo(1);
            assertThat(responses.has("default")).isTrue();
            if (!route.access().equals(Route.PUBLIC)) {
                assertThat(responses.has("401") && responses.has("403")).as(route.toString()).isTrue();
            }
        }
    }

    /**
     * The reference dialect (ADR 34) is served but not described (ADR 40, amended): it answers in the reference's
     * own shapes, not problem details, and docs/compatibility.md is its description. None of its routes is in the
     * document, and the server does have them, so the rule is not met by an empty dialect.
     */
    @Test
    void theReferenceDialectIsServedButNotInTheDocument() throws Exception {
        JsonNode doc = document();
        List<Route> dialect = api.api.routes().stream().filter(Route::reference).collect(Collectors.toList());
        assertThat(dialect).hasSizeGreaterThan(30).allMatch(r -> r.path().startsWith(Route.REFERENCE_PREFIX));
        assertThat(names(doc.get("paths"))).noneMatch(path -> path.startsWith("/reference"));
        assertThat(api.get(Route.REFERENCE_PREFIX + "/setup/version").statusCode()).isEqualTo(200);
    }

    @Test
    void fieldBoundsAndProblemCodesAreInTheDocumentAndEveryReferenceResolves() throws Exception {
        JsonNode doc = document();
        JsonNode redeem = doc.at("/paths/~1api~1v1~1public~1redeem/post/requestBody/content/application~1json/schema/properties");
        assertThat(redeem.get("email").get("format").asText()).isEqualTo("email");
        assertThat(redeem.get("email").get("maxLength").asInt()).isEqualTo(254);
        assertThat(redeem.get("code").get("maxLength").asInt()).isEqualTo(64);
        JsonNode codes = doc.at("/components/schemas/Problem/properties/code/enum");
        List<String> listed = new ArrayList<>();
        codes.forEach(c -> listed.add(c.asText()));
        assertThat(listed).contains("CODE_USED_UP", "VALIDATION_FAILED", "UNSUPPORTED_MEDIA_TYPE", "RATE_LIMITED", "INTERNAL_ERROR");
        JsonNode seats = doc.at("/paths/~1api~1v1~1public~1seats/get/responses/200/content/application~1json/schema");
        JsonNode seatsSchema = doc.at(seats.get("$ref").asText().substring(1));
        assertThat(names(seatsSchema.get("properties"))).containsExactlyInAnyOrder("active_teams", "total_seats", "used_seats", "free_seats", "waiting");
        List<String> dangling = new ArrayList<>();
        collectRefs(doc, doc, dangling);
        assertThat(dangling).isEmpty();
    }

    @Test
    void swaggerUiServesItsPageScriptAndWebJarFilesUnderItsOwnPolicy() {
        HttpResponse<String> page = api.get("/api-docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue(ContentSecurityPolicy.HEADER)).hasValue(ApiDocsHandler.POLICY);
        assertThat(page.body()).contains("/api-docs/assets/swagger-ui-bundle.js").contains("/api-docs/init.js").doesNotContain("<script>");
        HttpResponse<String> init = api.get("/api-docs/init.js");
        assertThat(init.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(init.body()).contains("'/openapi.json'");
        HttpResponse<String> bundle = api.get("/api-docs/assets/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(api.get("/api-docs/assets/swagger-ui.css").statusCode()).isEqualTo(200);
        assertThat(api.get("/api-docs/assets/../../openapi.json").statusCode()).isNotEqualTo(500);
    }

    private static void collectRefs(JsonNode doc, JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            if (node.has("$ref") && doc.at(node.get("$ref").asText().substring(1)).isMissingNode()) {
                dangling.add(node.get("$ref").asText());
            }
            node.elements().forEachRemaining(child -> collectRefs(doc, child, dangling));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(doc, child, dangling));
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
