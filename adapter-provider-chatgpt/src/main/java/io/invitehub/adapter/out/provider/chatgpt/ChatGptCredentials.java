package io.invitehub.adapter.out.provider.chatgpt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.team.TeamAccount;

import java.util.Optional;

/**
 * What a team's stored credentials mean to this adapter: either the bare bearer token (an access
 * token of a workspace owner or admin), or a JSON object {@code {"access_token": "…", "device_id": "…"}}
 * whose optional device id is sent as {@code oai-device-id}. {@link #toString()} never prints them.
 */
record ChatGptCredentials(String accessToken, Optional<String> deviceId) {

    static ChatGptCredentials of(TeamAccount team, ObjectMapper json) {
        String raw = team.credentials().strip();
        if (raw.isEmpty()) {
            throw new TeamProviderException(ProviderError.TOKEN_INVALID,
                    "team " + team.teamId().value() + " has no credentials stored");
        }
        if (!raw.startsWith("{")) {
            return checked(team, raw, Optional.empty());
        }
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (JsonProcessingException e) {
            // never echo the parser message: it quotes the secret
            throw new TeamProviderException(ProviderError.TOKEN_INVALID,
                    "team " + team.teamId().value() + " has credentials that are neither a token nor valid JSON");
        }
        String token = text(node, "access_token").or(() -> text(node, "accessToken")).orElseThrow(() ->
                new TeamProviderException(ProviderError.TOKEN_INVALID,
                        "team " + team.teamId().value() + " has JSON credentials without access_token"));
        return checked(team, token, text(node, "device_id"));
    }

    private static ChatGptCredentials checked(TeamAccount team, String token, Optional<String> deviceId) {
        String t = token.strip();
        if (t.regionMatches(true, 0, "Bearer ", 0, 7)) {
            t = t.substring(7).strip();
        }
        // a header value must not carry line breaks or other control characters
        if (t.isEmpty() || t.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new TeamProviderException(ProviderError.TOKEN_INVALID,
                    "team " + team.teamId().value() + " has a malformed access token (blank or with control characters)");
        }
        return new ChatGptCredentials(t, deviceId.map(String::strip).filter(d -> !d.isEmpty()
                && d.chars().noneMatch(c -> c < 0x20 || c == 0x7f)));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "ChatGptCredentials[accessToken=***, deviceId=" + (deviceId.isPresent() ? "***" : "none") + "]";
    }
}
