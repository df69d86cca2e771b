package io.invitehub.bootstrap.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console keeps a session alive without the password (ADR 48): five minutes before its token ends it asks
 * POST /auth/renew for a fresh one and goes on with it. Tokens here live 5 min 5 s, so the first renewal comes
 * about five seconds after sign-in.
 */
@BrowserTest
class ConsoleSessionTest {
    private static final String SESSION = "JSON.parse(sessionStorage.getItem('invitehub.session'))";
    private static ConsoleWorld world;

    @BeforeAll
    static void start() {
        world = new ConsoleWorld(Map.of("INVITEHUB_JWT_TTL", "305s"));
        world.team("Team Renew", 5);
        long dana = world.distributor("dana", "dana-password");
        world.grant(dana, 2);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void theConsoleRenewsItsTokenBeforeItEndsAndKeepsWorking(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        pages.signIn("dana", "dana-password");
        String first = (String) pages.script("return " + SESSION + ".token");
        long firstExpiry = ((Number) pages.script("return " + SESSION + ".expiresAt")).longValue();

        String renewed = pages.until(d -> {
            Object token = pages.script("return " + SESSION + ".token");
            return token != null && !token.equals(first) ? (String) token : null;
        }, "a renewed token in sessionStorage");

        long renewedExpiry = ((Number) pages.script("return " + SESSION + ".expiresAt")).longValue();
        assertThat(renewedExpiry).as("the fresh token reaches further").isGreaterThan(firstExpiry);
        assertThat(world.get("/api/v1/auth/me", renewed).get("username").asText()).isEqualTo("dana");
        pages.menu("/console/codes");
        assertThat(pages.waitText(".page-title", "兑换码")).isEqualTo("兑换码");
        pages.waitFor("ih-codes .usage");
        assertThat(pages.texts("ih-codes .usage")).as("the pages load with the renewed token").hasSize(2);
    }
}
