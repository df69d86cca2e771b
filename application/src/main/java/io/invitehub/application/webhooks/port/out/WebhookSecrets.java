package io.invitehub.application.webhooks.port.out;

/** New signing secrets for endpoints, from a cryptographic source. */
public interface WebhookSecrets {

    /** A new secret ({@code whsec_} and 43 base64url characters: 256 random bits). */
    String newSecret();
}
