package io.invitehub.library.config;

import java.util.Set;

/** docs/configuration.md, "HTTP": where the server listens, its request threads, the proxies whose X-Forwarded-For is believed. */
public record HttpConfig(String host, int port, int maxThreads, Set<String> trustedProxies) {

    static HttpConfig read(EnvironmentReader r) {
        return new HttpConfig(
                r.string("INVITEHUB_HTTP_HOST", "127.0.0.1"),
                r.integer("INVITEHUB_HTTP_PORT", 8080, 0, 65535),
                r.integer("INVITEHUB_HTTP_MAX_THREADS", 64, 8, 1000),
                r.trustedProxies("INVITEHUB_TRUSTED_PROXIES"));
    }
}
