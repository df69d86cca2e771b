package io.invitehub.adapter.out.security;

import io.invitehub.application.webhooks.port.out.WebhookSecrets;

import java.security.SecureRandom;
import java.util.Base64;

/** Webhook signing secrets: {@code whsec_} and 256 bits from {@link SecureRandom} as base64url. */
public final class SecureRandomWebhookSecrets implements WebhookSecrets {
    private final SecureRandom random = new SecureRandom();

    @Override
    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
