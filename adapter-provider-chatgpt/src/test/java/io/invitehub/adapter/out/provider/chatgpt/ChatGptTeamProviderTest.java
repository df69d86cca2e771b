package io.invitehub.adapter.out.provider.chatgpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.out.provider.chatgpt.StubChatGpt.Reply;
import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.MemberPage;
import io.invitehub.application.shared.port.out.PendingInvite;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;
import io.invitehub.domain.team.TeamId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChatGptTeamProviderTest {
    private static final String TOKEN = "eyJhbGciOi.secret-token.value";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final TeamAccount TEAM = new TeamAccount(new TeamId(7), "acc-1234", TOKEN);
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubChatGpt stub;
    private ChatGptTeamProvider provider;

    @BeforeEach
    void start() throws Exception {
        stub = new StubChatGpt();
        provider = provider(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private ChatGptTeamProvider provider(Duration requestTimeout) {
        return new ChatGptTeamProvider(ChatGptSettings.defaults().withBaseUrl(stub.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), requestTimeout), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Email email(String value) {
        return Email.of(value);
    }

    // ---- what the adapter sends ------------------------------------------------------------

    @Test
    void anInviteSendsTheBearerTokenTheAccountHeaderAndTheDocumentedBody() throws Exception {
        stub.answer(r -> Reply.ok("{\"account_invites\":[{\"id\":\"inv-1\",\"email_address\":\"alice@example.com\"},"
                + "{\"id\":\"inv-2\",\"email_address\":\"bob@example.com\"}],\"errored_emails\":[]}"));

        List<InviteResult> results = provider.invite(TEAM, List.of(email("Alice@Example.com"), email("bob@example.com")));

        assertThat(results).extracting(InviteResult::isSent).containsExactly(true, true);
        StubChatGpt.Seen seen = stub.last();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/backend-api/accounts/acc-1234/invites");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(seen.header("chatgpt-account-id")).isEqualTo("acc-1234");
        assertThat(seen.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(seen.body());
        assertThat(body.get("email_addresses")).hasSize(2);
        assertThat(body.get("email_addresses").get(0).asText()).isEqualTo("alice@example.com");
        assertThat(body.get("email_addresses").get(1).asText()).isEqualTo("bob@example.com");
        assertThat(body.get("role").asText()).isEqualTo("standard-user");
        assertThat(body.get("resend_emails").asBoolean()).isTrue();
    }

    @Test
    void partialInviteResultsAreReportedPerEmail() {
        stub.answer(r -> Reply.ok("{\"account_invites\":[{\"email_address\":\"ok@example.com\"}],"
                + "\"errored_emails\":[{\"email\":\"bad@example.com\",\"error\":\"Invalid email bad@example.com\"}, \"plain@example.com\"]}"));

        List<InviteResult> results = provider.invite(TEAM,
                List.of(email("ok@example.com"), email("bad@example.com"), email("plain@example.com"), email("lost@example.com")));

        assertThat(results).extracting(InviteResult::email).containsExactly(
                email("ok@example.com"), email("bad@example.com"), email("plain@example.com"), email("lost@example.com"));
        assertThat(results.get(0).isSent()).isTrue();
        assertThat(results.get(1).error()).contains(ProviderError.REJECTED);
        assertThat(results.get(1).message()).isEqualTo("Invalid email b***d@example.com");
        assertThat(results.get(2).error()).contains(ProviderError.REJECTED);
        // named in neither list while others are: unknown, so the dispatcher asks again
        assertThat(results.get(3).error()).contains(ProviderError.TRANSIENT);
    }

    @Test
    void aRepeatedInviteOfAMemberOrAPendingInviteeIsSent() {
        // the dispatcher may repeat an invite after a crash (ADR 5): that must not fail the invitation
        stub.answer(r -> Reply.ok("{\"account_invites\":[{\"email_address\":\"pending@example.com\"}],"
                + "\"errored_emails\":[{\"email\":\"member@example.com\",\"error\":\"User is already a member of this workspace\"},"
                + "{\"email_address\":\"there@example.com\",\"message\":\"Already in workspace\"}]}"));
        assertThat(provider.invite(TEAM, List.of(email("pending@example.com"), email("member@example.com"), email("there@example.com"))))
                .allMatch(InviteResult::isSent).hasSize(3);
    }

    @Test
    void anEmptyInviteAnswerMeansEveryEmailWasSent() {
        stub.answer(r -> Reply.ok("{}"));
        assertThat(provider.invite(TEAM, List.of(email("a@example.com"), email("b@example.com"))))
                .allMatch(InviteResult::isSent).hasSize(2);
    }

    @Test
    void moreThanTenEmailsAreRefusedBeforeAnyCall() {
        List<Email> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(email("p" + i + "@example.com"));
        }
        assertThatThrownBy(() -> provider.invite(TEAM, eleven)).isInstanceOf(IllegalArgumentException.class);
        assertThat(provider.invite(TEAM, List.of())).isEmpty();
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void cancelSendsTheEmailInTheBodyOfADelete() throws Exception {
        stub.answer(r -> Reply.ok("{\"success\":true}"));
        provider.cancelInvite(TEAM, email("Pending@Example.com"));

        StubChatGpt.Seen seen = stub.last();
        assertThat(seen.method()).isEqualTo("DELETE");
        assertThat(seen.path()).isEqualTo("/backend-api/accounts/acc-1234/invites");
        assertThat(JSON.readTree(seen.body()).get("email_address").asText()).isEqualTo("pending@example.com");
        assertThat(seen.header("chatgpt-account-id")).isEqualTo("acc-1234");
    }

    @Test
    void removeDeletesTheUserByIdWithAnEmptyAnswer() {
        stub.answer(r -> new Reply(204, "", Map.of(), 0));
        provider.removeMember(TEAM, "user-abc/1");

        StubChatGpt.Seen seen = stub.last();
        assertThat(seen.method()).isEqualTo("DELETE");
        assertThat(seen.path()).isEqualTo("/backend-api/accounts/acc-1234/users/user-abc%2F1");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void verifyReadsOneMemberOfTheWorkspace() {
        stub.answer(r -> Reply.ok("{\"items\":[{\"id\":\"user-1\",\"email\":\"owner@example.com\",\"role\":\"account-owner\"}],\"total\":3}"));
        provider.verify(TEAM);
        assertThat(stub.last().path()).isEqualTo("/backend-api/accounts/acc-1234/users");
        assertThat(stub.last().query()).containsEntry("offset", "0").containsEntry("limit", "1");
    }

    @Test
    void seatCountIsTheEntitledSeatsOfTheSubscription() {
        stub.answer(r -> Reply.ok("{\"seats_in_use\":4,\"seats_entitled\":30,\"plan_type\":\"team\"}"));
        assertThat(provider.seatCount(TEAM)).isEqualTo(30);
        assertThat(stub.last().path()).isEqualTo("/backend-api/subscriptions");
        assertThat(stub.last().query()).containsEntry("account_id", "acc-1234");

        stub.answer(r -> Reply.ok("{\"seats_in_use\":4}"));
        assertTyped(() -> provider.seatCount(TEAM), ProviderError.TRANSIENT);
    }

    @Test
    void jsonCredentialsAddTheDeviceIdAndBlankCredentialsNeverReachTheProvider() {
        stub.answer(r -> Reply.ok("{\"items\":[],\"total\":0}"));
        provider.verify(new TeamAccount(new TeamId(8), "acc-9", "{\"access_token\":\"tok-json\",\"device_id\":\"dev-1\"}"));
        assertThat(stub.last().header("Authorization")).isEqualTo("Bearer tok-json");
        assertThat(stub.last().header("oai-device-id")).isEqualTo("dev-1");

        int before = stub.requests().size();
        assertTyped(() -> provider.verify(new TeamAccount(new TeamId(9), "acc-10", "")), ProviderError.TOKEN_INVALID);
        assertTyped(() -> provider.verify(new TeamAccount(new TeamId(9), "acc-10", "{\"device_id\":\"x\"}")), ProviderError.TOKEN_INVALID);
        assertTyped(() -> provider.verify(new TeamAccount(new TeamId(9), "acc-10", "tok\r\nX-Injected: 1")), ProviderError.TOKEN_INVALID);
        assertThat(stub.requests()).hasSize(before);
    }

    // ---- paging ------------------------------------------------------------------------------

    @Test
    void everyPageOfMembersIsRead() {
        int total = 250;
        stub.answer(r -> {
            int offset = Integer.parseInt(r.query().get("offset"));
            int limit = Integer.parseInt(r.query().get("limit"));
            StringBuilder items = new StringBuilder();
            for (int i = offset; i < Math.min(total, offset + limit); i++) {
                items.append(items.length() == 0 ? "" : ",").append("{\"id\":\"user-").append(i)
                        .append("\",\"email\":\"m").append(i).append("@example.com\",\"role\":\"standard-user\","
                                + "\"created_time\":\"2024-05-01T12:00:00.123456+00:00\"}");
            }
            return Reply.ok("{\"items\":[" + items + "],\"total\":" + total + ",\"limit\":" + limit + ",\"offset\":" + offset + "}");
        });

        List<ProviderMember> all = new ArrayList<>();
        MemberPage page;
        int offset = 0;
        do {
            page = provider.listMembers(TEAM, offset, 100);
            all.addAll(page.members());
            offset += page.members().size();
        } while (page.hasMore());

        assertThat(all).hasSize(total);
        Set<String> ids = new HashSet<>();
        all.forEach(m -> ids.add(m.userId()));
        assertThat(ids).hasSize(total);
        assertThat(stub.requests()).extracting(s -> s.query().get("offset")).containsExactly("0", "100", "200");
        assertThat(all.get(0).joinedAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123456Z"));
        assertThat(all.get(0).email()).isEqualTo(email("m0@example.com"));
    }

    @Test
    void aPageLimitAboveTheApiMaximumIsCapped() {
        stub.answer(r -> Reply.ok("{\"items\":[],\"total\":0}"));
        MemberPage page = provider.listMembers(TEAM, 0, 500);
        assertThat(stub.last().query()).containsEntry("limit", "100");
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void aMemberListWithoutTotalStillEnds() {
        stub.answer(r -> {
            int offset = Integer.parseInt(r.query().get("offset"));
            return Reply.ok(offset == 0
                    ? "{\"items\":[{\"id\":\"u1\",\"email\":\"a@example.com\"},{\"id\":\"u2\",\"email\":\"b@example.com\"}]}"
                    : "{\"items\":[]}");
        });
        MemberPage first = provider.listMembers(TEAM, 0, 2);
        assertThat(first.hasMore()).isTrue();
        MemberPage second = provider.listMembers(TEAM, 2, 2);
        assertThat(second.members()).isEmpty();
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void everyPageOfPendingInvitesIsRead() {
        AtomicInteger calls = new AtomicInteger();
        stub.answer(r -> {
            calls.incrementAndGet();
            int offset = Integer.parseInt(r.query().get("offset"));
            StringBuilder items = new StringBuilder();
            for (int i = offset; i < Math.min(230, offset + 100); i++) {
                items.append(items.length() == 0 ? "" : ",").append("{\"id\":\"inv-").append(i)
                        .append("\",\"email_address\":\"p").append(i).append("@example.com\",\"created_time\":\"2025-02-01T00:00:00Z\"}");
            }
            return Reply.ok("{\"items\":[" + items + "],\"total\":230}");
        });

        List<PendingInvite> pending = provider.listPendingInvites(TEAM);

        assertThat(pending).hasSize(230);
        assertThat(calls).hasValue(3);
        assertThat(pending.get(229).email()).isEqualTo(email("p229@example.com"));
        assertThat(pending.get(0).createdAt()).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
        assertThat(stub.last().path()).isEqualTo("/backend-api/accounts/acc-1234/invites");
    }

    // ---- typed errors ------------------------------------------------------------------------

    @Test
    void unauthorisedIsTokenInvalid() {
        stub.answer(r -> Reply.json(401, "{\"detail\":\"Could not parse your authentication token.\"}"));
        assertTyped(() -> provider.verify(TEAM), ProviderError.TOKEN_INVALID);
    }

    @Test
    void forbiddenOrNotFoundMentioningABannedWorkspaceIsBanned() {
        stub.answer(r -> Reply.json(403, "{\"detail\":\"This workspace has been deactivated.\"}"));
        assertTyped(() -> provider.invite(TEAM, List.of(email("a@example.com"))), ProviderError.BANNED);

        stub.answer(r -> Reply.json(404, "{\"error\":{\"message\":\"Account suspended\"}}"));
        assertTyped(() -> provider.listMembers(TEAM, 0, 10), ProviderError.BANNED);

        stub.answer(r -> Reply.json(403, "<html>Your account has been banned</html>"));
        assertTyped(() -> provider.verify(TEAM), ProviderError.BANNED);
    }

    @Test
    void otherForbiddenIsRejectedAndOtherNotFoundIsNotFound() {
        stub.answer(r -> Reply.json(403, "{\"detail\":\"You do not have permission to manage members.\"}"));
        assertTyped(() -> provider.verify(TEAM), ProviderError.REJECTED);

        stub.answer(r -> Reply.json(404, "{\"detail\":\"User not found\"}"));
        assertTyped(() -> provider.removeMember(TEAM, "user-x"), ProviderError.NOT_FOUND);

        stub.answer(r -> Reply.json(400, "{\"detail\":\"bad request\"}"));
        assertTyped(() -> provider.cancelInvite(TEAM, email("a@example.com")), ProviderError.REJECTED);
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInSecondsOrAsADate() {
        stub.answer(r -> Reply.json(429, "{\"detail\":\"Rate limit exceeded\"}").withHeader("Retry-After", "7"));
        TeamProviderException e = assertTyped(() -> provider.invite(TEAM, List.of(email("a@example.com"))), ProviderError.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));

        stub.answer(r -> Reply.json(429, "").withHeader("Retry-After", "Sat, 01 Mar 2025 10:02:00 GMT"));
        e = assertTyped(() -> provider.verify(TEAM), ProviderError.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));

        stub.answer(r -> Reply.json(429, ""));
        e = assertTyped(() -> provider.verify(TEAM), ProviderError.RATE_LIMITED);
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void serverErrorsAreTransientAndA503KeepsItsRetryAfter() {
        stub.answer(r -> Reply.json(500, "{\"detail\":\"internal error\"}"));
        assertTyped(() -> provider.verify(TEAM), ProviderError.TRANSIENT);

        stub.answer(r -> Reply.json(503, "maintenance").withHeader("Retry-After", "30"));
        TeamProviderException e = assertTyped(() -> provider.verify(TEAM), ProviderError.TRANSIENT);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aResponseSlowerThanTheRequestTimeoutIsTransient() {
        ChatGptTeamProvider impatient = provider(Duration.ofMillis(300));
        stub.answer(r -> Reply.ok("{\"items\":[],\"total\":0}").delayed(3_000));
        TeamProviderException e = assertTyped(() -> impatient.verify(TEAM), ProviderError.TRANSIENT);
        assertThat(e.detail()).contains("timed out");
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ChatGptTeamProvider nowhere = new ChatGptTeamProvider(ChatGptSettings.defaults()
                .withBaseUrl(URI.create("http://127.0.0.1:" + closedPort + "/backend-api")), Clock.systemUTC());
        assertTyped(() -> nowhere.verify(TEAM), ProviderError.TRANSIENT);
    }

    @Test
    void malformedOrUnexpectedBodiesAreTypedNeverANullPointer() {
        List<String> bodies = List.of("not json at all", "<html>challenge</html>", "[1,2,3]", "{\"total\":3}",
                "{\"items\":[{\"email\":\"no-id@example.com\"}]}", "{\"items\":[{\"id\":\"u1\"}]}",
                "{\"items\":[{\"id\":\"u1\",\"email\":\"not-an-email\"}]}", "{\"items\":[42]}", "{\"items\":null}");
        for (String body : bodies) {
            stub.answer(r -> Reply.ok(body));
            assertTyped(() -> provider.listMembers(TEAM, 0, 10), ProviderError.TRANSIENT);
        }
        stub.answer(r -> Reply.ok("{\"account_invites\":\"yes\"}"));
        assertTyped(() -> provider.invite(TEAM, List.of(email("a@example.com"))), ProviderError.TRANSIENT);
        stub.answer(r -> Reply.ok("\"sent\""));
        assertTyped(() -> provider.invite(TEAM, List.of(email("a@example.com"))), ProviderError.TRANSIENT);
        stub.answer(r -> Reply.ok("{\"items\":[{\"id\":\"i1\"}],\"total\":1}"));
        assertTyped(() -> provider.listPendingInvites(TEAM), ProviderError.TRANSIENT);
    }

    @Test
    void theTokenNeverAppearsInAnErrorAndEmailsAreMasked() {
        stub.answer(r -> Reply.json(400, "{\"detail\":\"bad token " + TOKEN + " for alice@example.com\"}"));
        TeamProviderException e = assertTyped(() -> provider.invite(TEAM, List.of(email("alice@example.com"))), ProviderError.REJECTED);
        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("alice@").contains("a***e@example.com").contains("HTTP 400");
        assertThat(TEAM.toString()).doesNotContain(TOKEN);
    }

    @Test
    void retryAfterParsing() {
        assertThat(ChatGptTeamProvider.retryAfter(Optional.of("120"), NOW)).contains(Duration.ofSeconds(120));
        assertThat(ChatGptTeamProvider.retryAfter(Optional.of("Sat, 01 Mar 2025 09:00:00 GMT"), NOW)).contains(Duration.ZERO);
        assertThat(ChatGptTeamProvider.retryAfter(Optional.of("soon"), NOW)).isEmpty();
        assertThat(ChatGptTeamProvider.retryAfter(Optional.of("-5"), NOW)).isEmpty();
        assertThat(ChatGptTeamProvider.retryAfter(Optional.empty(), NOW)).isEmpty();
    }

    @Test
    void banWordsNeedTheAccountOrWorkspace() {
        assertThat(ChatGptTeamProvider.mentionsBan("{\"detail\":\"workspace is suspended\"}")).isTrue();
        assertThat(ChatGptTeamProvider.mentionsBan("{\"detail\":\"Account deactivated\"}")).isTrue();
        assertThat(ChatGptTeamProvider.mentionsBan("{\"detail\":\"user banned from posting\"}")).isFalse();
        assertThat(ChatGptTeamProvider.mentionsBan("{\"detail\":\"account not found\"}")).isFalse();
    }

    private static TeamProviderException assertTyped(Executable call, ProviderError expected) {
        TeamProviderException e = catchThrowableOfType(TeamProviderException.class, call::execute);
        assertThat(e).as("a TeamProviderException").isNotNull();
        assertThat(e.error()).as(e.getMessage()).isEqualTo(expected);
        return e;
    }
}
