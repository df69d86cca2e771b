package io.invitehub.bootstrap;

import com.sun.net.httpserver.HttpServer;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.library.config.ConfigurationException;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code INVITEHUB_TEAM_PROVIDER=chatgpt} end to end on real PostgreSQL: a team's token is sealed in
 * the database, opened only to call the (stub) ChatGPT API, and a redemption ends INVITED there. And a
 * restart with another secrets key refuses to start instead of running with unreadable credentials.
 */
class ChatGptProviderTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.workspace-owner-token.sig";

    private HttpServer stub;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/backend-api/accounts/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " | "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " | "
                    + exchange.getRequestHeaders().getFirst("chatgpt-account-id") + " | " + body);
            byte[] answer = (exchange.getRequestURI().getPath().endsWith("/users")
                    ? "{\"items\":[],\"total\":0}" // the member list the creation's verification reads
                    : "{\"account_invites\":[{\"id\":\"inv-1\",\"email_address\":\"buyer@example.com\"}],"
                    + "\"errored_emails\":[]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    private Map<String, String> chatgpt() {
        return Map.of("INVITEHUB_TEAM_PROVIDER", "chatgpt",
                "INVITEHUB_CHATGPT_BASE_URL", "http://127.0.0.1:" + stub.getAddress().getPort() + "/backend-api",
                "INVITEHUB_CHATGPT_REQUEST_TIMEOUT", "5s");
    }

    @Test
    void aRedemptionIsInvitedThroughTheChatGptApiWithTheSealedToken() {
        PersistenceSettings db = TestHubs.freshDatabase();
        Sql sql = new Sql(db);
        try (InviteHub hub = InviteHub.builder(TestHubs.settings(chatgpt())).persistence(db).http(false).workers(false).start()) {
            assertThat(hub.teamProvider().getClass().getSimpleName()).isEqualTo("ChatGptTeamProvider");
            hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "Team A", "acct-a", TOKEN, 5, Optional.empty()));
            Code code = hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.empty(), 1, 30,
                    Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.empty()), 1)).get(0);
            hub.redeem().redeem(new RedeemCommand(code, Email.of("buyer@example.com"), "10.0.0.1"));

            hub.dispatcher().dispatchBatch();

            assertThat(sql.count("select count(*) from invitations where state = 'INVITED'")).isEqualTo(1);
            assertThat(seen).hasSize(2);
            // the creation verified the token with one read of the member list (ADR 21)
            assertThat(seen.get(0)).isEqualTo("GET /backend-api/accounts/acct-a/users | Bearer " + TOKEN + " | acct-a | ");
            assertThat(seen.get(1)).isEqualTo("POST /backend-api/accounts/acct-a/invites | Bearer " + TOKEN + " | acct-a | "
                    + "{\"email_addresses\":[\"buyer@example.com\"],\"role\":\"standard-user\",\"resend_emails\":true}");
            // at rest the token is sealed text, never the token
            assertThat(sql.count("select count(*) from teams where sealed_credentials like 'ih1.%' "
                    + "and position('" + TOKEN + "' in sealed_credentials) = 0")).isEqualTo(1);
        }
    }

    @Test
    void anotherSecretsKeyRefusesToStartAndTheOldOneAsPreviousKeyReseals() {
        PersistenceSettings db = TestHubs.freshDatabase();
        Sql sql = new Sql(db);
        try (InviteHub hub = InviteHub.builder(TestHubs.settings(chatgpt())).persistence(db).http(false).workers(false).start()) {
            hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "Team A", "acct-a", TOKEN, 5, Optional.empty()));
        }
        String otherKey = Base64.getEncoder().encodeToString("another-secrets-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_SECRETS_KEY", otherKey)))
                .persistence(db).http(false).workers(false).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot open the sealed team credentials")
                .hasMessageContaining("INVITEHUB_SECRETS_PREVIOUS_KEYS")
                .hasMessageNotContaining(TOKEN);

        String before = sql.text("select sealed_credentials from teams");
        try (InviteHub hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_SECRETS_KEY", otherKey,
                "INVITEHUB_SECRETS_PREVIOUS_KEYS", TestHubs.SECRETS_KEY))).persistence(db).http(false).workers(false).start()) {
            assertThat(hub.databaseHealthy()).isTrue();
            String after = sql.text("select sealed_credentials from teams");
            assertThat(after).isNotEqualTo(before).startsWith("ih1.");
            assertThat(after.split("\\.")[1]).isNotEqualTo(before.split("\\.")[1]);
        }
        // sealed under the new key now: the old key is no longer needed
        try (InviteHub hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_SECRETS_KEY", otherKey)))
                .persistence(db).http(false).workers(false).start()) {
            assertThat(hub.databaseHealthy()).isTrue();
        }
    }
}
