package io.invitehub.adapter.out.provider.chatgpt;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the ChatGPT workspace admin API is and how long to wait for it.
 *
 * @param baseUrl        the API root, {@code https://chatgpt.com/backend-api} in production; paths such
 *                       as {@code /accounts/{id}/users} are appended to it
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout whole-request timeout (headers and body); beyond it a call fails TRANSIENT
 * @param pageSize       members and invites asked for per page (the API serves at most 100)
 * @param role           the workspace role given to invited people
 */
public record ChatGptSettings(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int pageSize, String role) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://chatgpt.com/backend-api");
    public static final int MAX_PAGE_SIZE = 100;
    public static final String STANDARD_USER = "standard-user";

    public ChatGptSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL, was " + baseUrl);
        }
        String text = baseUrl.toString();
        if (text.endsWith("/")) {
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
        Objects.requireNonNull(role, "role");
    }

    /** Production defaults: chatgpt.com, 10 s to connect, 30 s per request, pages of 100, standard users. */
    public static ChatGptSettings defaults() {
        return new ChatGptSettings(DEFAULT_BASE_URL, Duration.ofSeconds(10), Duration.ofSeconds(30), MAX_PAGE_SIZE, STANDARD_USER);
    }

    public ChatGptSettings withBaseUrl(URI url) {
        return new ChatGptSettings(url, connectTimeout, requestTimeout, pageSize, role);
    }

    public ChatGptSettings withTimeouts(Duration connect, Duration request) {
        return new ChatGptSettings(baseUrl, connect, request, pageSize, role);
    }

    public ChatGptSettings withPageSize(int size) {
        return new ChatGptSettings(baseUrl, connectTimeout, requestTimeout, size, role);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
