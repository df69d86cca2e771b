package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One running InviteHub seen over real HTTP, for the multi-node and Redis outage tests. */
final class Node {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final InviteHub hub;
    final String base;

    Node(InviteHub hub) {
        this.hub = hub;
        this.base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    /** {@code "Bearer <token>"} of a signed-in user. */
    String bearer(String username, String password) {
        HttpResponse<String> login = post("/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (login.statusCode() != 200) {
            throw new AssertionError("login failed: " + login.body());
        }
        return "Bearer " + json(login).get("access_token").asText();
    }

    /** {@code count} new platform codes with {@code maxUses} uses each. */
    List<String> codes(String adminBearer, int count, int maxUses) {
        HttpResponse<String> issued = post("/api/v1/redeem-codes", "{\"count\":" + count + ",\"max_uses\":" + maxUses
                + ",\"validity_days\":30}", "Authorization", adminBearer);
        if (issued.statusCode() != 201) {
            throw new AssertionError("issuing codes failed: " + issued.body());
        }
        List<String> codes = new ArrayList<>();
        json(issued).get("codes").forEach(c -> codes.add(c.asText()));
        return codes;
    }

    void team(String adminBearer, String name, int seats) {
        HttpResponse<String> team = post("/api/v1/admin/teams", "{\"name\":\"" + name + "\",\"provider_account_id\":\"acct-" + name
                + "\",\"max_seats\":" + seats + "}", "Authorization", adminBearer);
        if (team.statusCode() != 201) {
            throw new AssertionError("creating a team failed: " + team.body());
        }
    }

    HttpResponse<String> redeem(String code, String email, String clientAddress) {
        return post("/api/v1/public/redeem", "{\"code\":\"" + code + "\",\"email\":\"" + email + "\"}",
                "X-Forwarded-For", clientAddress);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
