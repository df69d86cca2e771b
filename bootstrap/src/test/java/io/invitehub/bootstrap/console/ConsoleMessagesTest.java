package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two message tables hold the same keys with non-empty text, every key the pages name exists, and
 * every stable error {@code code} of docs/api.md has its words in both languages.
 */
class ConsoleMessagesTest {
    private static final String ROOT = "invitehub/console/assets/js";
    /** A string literal that looks like a message key: namespace.name(.more). */
    private static final Pattern KEY = Pattern.compile("'([a-z][A-Za-z]*(?:\\.[A-Za-z0-9_]+)+)'");
    /** A template literal key: `namespace.${…}` or `namespace.${…}.suffix`. */
    private static final Pattern TEMPLATE = Pattern.compile("t\\(`([a-zA-Z]+)\\.\\$\\{[^}]+}(\\.[A-Za-z]+)?`");

    @Test
    void bothLanguagesHaveTheSameKeysAndNoEmptyText() {
        JsonNode zh = table("zh-CN");
        JsonNode en = table("en");
        assertThat(keys(zh)).isEqualTo(keys(en));
        for (JsonNode table : List.of(zh, en)) {
            table.properties().forEach(e -> assertThat(e.getValue().asText()).as(e.getKey()).isNotBlank());
        }
        assertThat(zh.get("menu.dashboard").asText()).isEqualTo("概览");
        assertThat(en.get("menu.dashboard").asText()).isEqualTo("Dashboard");
    }

    @Test
    void everyKeyThePagesNameExistsAndEveryTemplateNamespaceHasKeys() throws Exception {
        Set<String> keys = keys(table("zh-CN"));
        Set<String> namespaces = keys.stream().map(k -> k.substring(0, k.indexOf('.'))).collect(Collectors.toCollection(TreeSet::new));
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Path file : sources()) {
            String js = Files.readString(file, StandardCharsets.UTF_8);
            Matcher key = KEY.matcher(js);
            while (key.find()) {
                String candidate = key.group(1);
                if (namespaces.contains(candidate.substring(0, candidate.indexOf('.')))) {
                    named++;
                    if (!keys.contains(candidate)) {
                        missing.add(candidate + " (" + file.getFileName() + ")");
                    }
                }
            }
            Matcher template = TEMPLATE.matcher(js);
            while (template.find()) {
                String prefix = template.group(1) + ".";
                String suffix = template.group(2) == null ? "" : template.group(2);
                assertThat(keys).as("keys for t(`" + template.group(0) + "`) in " + file.getFileName())
                        .anyMatch(k -> k.startsWith(prefix) && k.endsWith(suffix));
            }
        }
        assertThat(missing).as("message keys named by the pages but missing from the tables").isEmpty();
        assertThat(named).isGreaterThan(200);
    }

    /**
     * A payment alert's {@code detail} is English for API clients; the page shows its kind and what it means by the
     * kind's stable name, so every kind the service can raise has both texts in both languages.
     */
    @Test
    void everyPaymentAlertKindHasItsNameAndItsMeaningInBothLanguages() {
        for (String lang : List.of("zh-CN", "en")) {
            Set<String> keys = keys(table(lang));
            for (io.invitehub.application.shop.view.PaymentAlert.Kind kind : io.invitehub.application.shop.view.PaymentAlert.Kind.values()) {
                assertThat(keys).as(lang).contains("paymentAlert." + kind.name(), "paymentAlertDetail." + kind.name());
            }
        }
        assertThat(table("zh-CN").get("paymentAlertDetail.PAID_TWICE").asText()).isEqualTo("订单已支付后又收到一笔付款：请退款。");
    }

    @Test
    void everyStableErrorCodeOfTheApiHasItsWords() throws IOException {
        Path api = repository("docs", "api.md");
        Set<String> codes = new TreeSet<>();
        Matcher row = Pattern.compile("^\\| `([A-Z_]+)` \\| [0-9]", Pattern.MULTILINE).matcher(Files.readString(api));
        while (row.find()) {
            codes.add(row.group(1));
        }
        assertThat(codes).contains("CODE_USED_UP", "EMAIL_MISMATCH", "RATE_LIMITED", "PROVIDER_FAILED");
        Set<String> keys = keys(table("en"));
        assertThat(codes.stream().filter(code -> !keys.contains("error." + code))).as("error codes without words").isEmpty();
    }

    private static JsonNode table(String lang) {
        try (InputStream in = ConsoleMessagesTest.class.getClassLoader().getResourceAsStream(ROOT + "/core/messages/" + lang + ".json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> keys(JsonNode table) {
        Set<String> keys = new TreeSet<>();
        for (Iterator<String> names = table.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        return keys;
    }

    /** A path of the repository, from the module directory (Maven) or the repository root. */
    static Path repository(String first, String... more) {
        Path fromModule = Path.of("..", first).resolve(Path.of("", more));
        return Files.exists(fromModule) ? fromModule : Path.of(first).resolve(Path.of("", more));
    }

    private static List<Path> sources() throws IOException {
        Path root = repository("adapter-console", "src", "main", "resources", ROOT);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".js")).sorted().collect(Collectors.toList());
        }
    }
}
