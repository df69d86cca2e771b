package io.invitehub.adapter.in.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shells' policy: exactly the CSP, with the import map allowed by its hash and nothing else inline. */
class ConsolePagesTest {
    private static final String MAP = "\n{\"imports\": {\"lit\": \"/webjars/lit/3.3.2/index.js\"}}\n";

    @Test
    void thePolicyAllowsTheImportMapByItsHashAndFillsInTheAssetsPath() throws Exception {
        String template = "<!doctype html><link rel=\"stylesheet\" href=\"{{assets}}/css/console.css\">"
                + "<script type=\"importmap\">" + MAP + "</script><script type=\"module\" src=\"{{assets}}/js/app.js\"></script>";
        ConsolePages.Page page = ConsolePages.page(template, "/assets/0123456789abcdef");

        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(MAP.getBytes(StandardCharsets.UTF_8)));
        assertThat(page.contentSecurityPolicy()).isEqualTo("default-src 'self'; script-src 'self' 'sha256-" + hash + "'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'");
        assertThat(page.html()).contains("href=\"/assets/0123456789abcdef/css/console.css\"")
                .contains("src=\"/assets/0123456789abcdef/js/app.js\"").doesNotContain("{{assets}}");
    }

    @Test
    void aPageWithoutAnImportMapAllowsOnlyItsOwnOrigin() {
        ConsolePages.Page page = ConsolePages.page("<script type=\"module\" src=\"/a.js\"></script>", "/assets/x");
        assertThat(page.contentSecurityPolicy()).startsWith("default-src 'self'; script-src 'self'; style-src");
    }

    @Test
    void anyOtherInlineScriptIsRefusedAtStart() {
        assertThatThrownBy(() -> ConsolePages.page("<script type=\"importmap\">{}</script><script>alert(1)</script>", "/assets/x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inline script");
        assertThatThrownBy(() -> ConsolePages.page("<SCRIPT type=\"module\">import 'x';</SCRIPT>", "/assets/x"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCustomHostsShellNamesItsBrandAndKeepsThePolicy() {
        ConsolePages.Page shell = ConsolePages.page("<html><head><script type=\"importmap\">" + MAP + "</script></head><body></body></html>",
                "/assets/x");
        ConsolePages.Page branded = ConsolePages.withBrand(shell, "kims-seats");

        assertThat(branded.html()).contains("<meta name=\"invitehub-brand\" content=\"kims-seats\">\n</head>");
        assertThat(branded.contentSecurityPolicy()).isEqualTo(shell.contentSecurityPolicy());
        assertThatThrownBy(() -> ConsolePages.withBrand(shell, "\"><script>")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutTheConsoleOnTheClasspathNothingIsServed() {
        // this module's tests do not depend on adapter-console: the HTTP API runs without a console
        assertThat(ConsolePages.load(ConsolePagesTest.class.getClassLoader())).isEmpty();
    }
}
