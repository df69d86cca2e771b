package io.invitehub.application.idempotency.port.in;

import java.util.Objects;

/**
 * One write sent with an {@code Idempotency-Key}: whose it is ({@code scope}: the signed-in user, or the public
 * scope), the client's key, the route it was sent to, and a fingerprint of everything else the request said
 * (path, query, body), computed by the inbound adapter. Same scope and key with another route or fingerprint
 * is a reuse of the key.
 */
public record IdempotentRequest(String scope, String key, String route, String fingerprint) {
    public static final int MAX_KEY = 255;

    public IdempotentRequest {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (key == null || key.isEmpty() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new IllegalArgumentException("an idempotency key is 1 to " + MAX_KEY + " printable ASCII characters");
        }
    }

    @Override
    public String toString() {
        return "IdempotentRequest[" + scope + ", " + route + "]";
    }
}
