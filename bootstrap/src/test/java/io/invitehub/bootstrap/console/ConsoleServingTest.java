package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.bootstrap.InviteHub;
import io.invitehub.bootstrap.TestHubs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as HTTP serves it from the jar, without a browser: the shells of every page path with
 * the Content-Security-Policy that allows exactly their import map, {@code no-cache} HTML and
 * immutable versioned assets and WebJars, {@code nosniff} everywhere; and every module the pages
 * import, followed from the entry points through relative paths and the import map, answers 200 with
 * a JavaScript (or JSON) type, so no page can fail on a missing or mistyped import.
 */
class ConsoleServingTest {
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"");
    private static final Pattern STYLES = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\"");
    /** Static import and export-from specifiers, bare imports, and dynamic import('…') of a literal. */
    private static final Pattern SPECIFIER = Pattern.compile(
            "(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*)[\"']([^\"'\\s]+)[\"']");
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static InviteHub hub;
    private static String base;

    @BeforeAll
    static void start() {
        hub = InviteHub.builder(TestHubs.settings(Map.of())).persistence(TestHubs.freshDatabase()).workers(false).start();
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void everyPagePathAnswersItsShellWithThePolicyOfItsImportMap() throws Exception {
        for (String path : List.of("/console", "/console/codes", "/console/sign-in", "/invite", "/invite/HUB2-7KQ3-M9XH-2RTW",
                "/r/acme", "/r/acme/HUB2-7KQ3-M9XH-2RTW")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).as(path).hasValue("text/html;charset=utf-8");
            assertThat(page.headers().allValues("Cache-Control")).as(path + ": the shell, not the API's no-store").containsExactly("no-cache");
            assertThat(page.headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
            Matcher map = IMPORT_MAP.matcher(page.body());
            assertThat(map.find()).as(path + " has an import map").isTrue();
            String hash = Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(map.group(1).getBytes(StandardCharsets.UTF_8)));
            assertThat(page.headers().allValues("Content-Security-Policy")).as(path + ": its own policy, once").containsExactly("default-src 'self'; script-src 'self' 'sha256-"
                    + hash + "'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'");
            assertThat(page.body()).as(path).contains(path.startsWith("/console") ? "<ih-console>" : "<ih-redeem>");
        }
        HttpResponse<String> head = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/console/codes"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> shell = get("/console/codes");
        assertThat(head.statusCode()).as("HEAD answers as GET").isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String header : List.of("Content-Type", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options")) {
            assertThat(head.headers().allValues(header)).as("HEAD " + header).isEqualTo(shell.headers().allValues(header));
        }
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/console");
    }

    @Test
    void assetsAndWebJarsAreVersionedImmutableAndTyped() {
        String shell = get("/console").body();
        Matcher entry = ENTRY.matcher(shell);
        assertThat(entry.find()).isTrue();
        assertThat(entry.group(1)).matches("/assets/[0-9a-f]{16}/js/console/app\\.js");
        assertImmutable(entry.group(1), "text/javascript");
        Matcher styles = STYLES.matcher(shell);
        int sheets = 0;
        while (styles.find()) {
            assertImmutable(styles.group(1), "text/css");
            sheets++;
        }
        assertThat(sheets).isEqualTo(3);
        String version = entry.group(1).split("/")[2];
        assertImmutable("/assets/" + version + "/js/core/messages/zh-CN.json", "application/json");
        assertThat(get("/assets/0000000000000000/js/console/app.js").statusCode()).as("another version's asset").isEqualTo(404);
        assertThat(get("/webjars/echarts/5.3.1/dist/echarts.esm.min.js").headers().firstValue("Content-Type")).hasValue("text/javascript");
        assertImmutable("/webjars/echarts/5.3.1/dist/echarts.esm.min.js", "text/javascript");
    }

    @Test
    void everyModuleThePagesImportResolvesThroughRelativePathsOrTheImportMap() throws Exception {
        for (String shellPath : List.of("/console", "/invite")) {
            String shell = get(shellPath).body();
            Matcher map = IMPORT_MAP.matcher(shell);
            assertThat(map.find()).isTrue();
            JsonNode imports = new ObjectMapper().readTree(map.group(1)).get("imports");
            Matcher entry = ENTRY.matcher(shell);
            assertThat(entry.find()).isTrue();
            Deque<URI> todo = new ArrayDeque<>(List.of(URI.create(base + entry.group(1))));
            Set<URI> seen = new HashSet<>(todo);
            if (imports.has("echarts")) { // loaded on demand by the dashboard
                todo.add(resolve(imports, "echarts", null));
            }
            while (!todo.isEmpty()) {
                URI module = todo.pop();
                HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(module).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(module.toString()).isEqualTo(200);
                String type = answer.headers().firstValue("Content-Type").orElse("");
                assertThat(type).as(module.toString()).isIn("text/javascript", "application/json");
                if (!type.equals("text/javascript") || module.getPath().endsWith(".min.js")) {
                    continue; // JSON modules import nothing; the ECharts bundle is self-contained
                }
                Matcher specifier = SPECIFIER.matcher(answer.body());
                while (specifier.find()) {
                    URI next = resolve(imports, specifier.group(1), module);
                    assertThat(next).as("'" + specifier.group(1) + "' imported by " + module + " resolves").isNotNull();
                    if (seen.add(next)) {
                        todo.push(next);
                    }
                }
            }
            assertThat(seen.size()).as(shellPath + " modules").isGreaterThan(20);
        }
    }

    /** A module specifier as the browser resolves it: relative to the importer, else by the import map (exact, then longest prefix). */
    private static URI resolve(JsonNode imports, String specifier, URI importer) {
        if (specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/")) {
            return importer == null ? URI.create(base + specifier) : importer.resolve(specifier);
        }
        if (imports.has(specifier)) {
            return URI.create(base + imports.get(specifier).asText());
        }
        String best = null;
        for (Iterator<String> keys = imports.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.endsWith("/") && specifier.startsWith(key) && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best == null ? null : URI.create(base + imports.get(best).asText() + specifier.substring(best.length()));
    }

    private static void assertImmutable(String path, String type) {
        HttpResponse<String> asset = get(path);
        assertThat(asset.statusCode()).as(path).isEqualTo(200);
        assertThat(asset.headers().allValues("Cache-Control")).as(path).containsExactly("public, max-age=31536000, immutable");
        assertThat(asset.headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
        assertThat(asset.headers().firstValue("Content-Type").orElse("")).as(path).startsWith(type);
    }

    private static HttpResponse<String> get(String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
