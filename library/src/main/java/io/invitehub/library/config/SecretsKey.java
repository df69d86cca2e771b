package io.invitehub.library.config;

import io.invitehub.adapter.out.persistence.SecretKeys;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the key that seals team credentials at rest comes from (ADR 16): {@code INVITEHUB_SECRETS_KEY}
 * (base64 of 32 bytes) plus {@code INVITEHUB_SECRETS_PREVIOUS_KEYS} during a rotation; else, only in
 * the embedded demo, a random key generated once and kept in {@code <data dir>/secrets-key}
 * (owner-only from its first byte, {@link OwnerOnlyFile}) next to the data it protects. With an external database and no key the
 * service refuses to start.
 */
public final class SecretsKey {
    static final String FILE_NAME = "secrets-key";

    private SecretsKey() {
    }

    public static SecretKeys resolve(Settings settings) {
        if (settings.accounts().secretsKey().isPresent()) {
            return SecretKeys.fromBase64(settings.accounts().secretsKey().get(), settings.accounts().secretsPreviousKeys());
        }
        if (!settings.embeddedDatabase()) {
            throw new ConfigurationException("INVITEHUB_SECRETS_KEY is required outside the embedded demo: base64 of 32 random "
                    + "bytes (`openssl rand -base64 32`); it seals team credentials at rest, keep it safe and apart from database backups");
        }
        return SecretKeys.fromBase64(embedded(settings.database().dataDir().resolve(FILE_NAME)), settings.accounts().secretsPreviousKeys());
    }

    private static String embedded(Path file) {
        OwnerOnlyFile secret = OwnerOnlyFile.at(file);
        java.util.Optional<String> kept = secret.read();
        if (kept.isPresent()) {
            try {
                SecretKeys.decode(kept.get(), file.toString());
                return kept.get();
            } catch (IllegalArgumentException e) {
                // never replace a damaged key silently: what it sealed would be lost
                throw new ConfigurationException("the embedded secrets key in " + file + " is damaged (" + e.getMessage()
                        + "); restore it, or set INVITEHUB_SECRETS_KEY");
            }
        }
        byte[] random = new byte[SecretKeys.KEY_BYTES];
        new SecureRandom().nextBytes(random);
        String key = Base64.getEncoder().encodeToString(random);
        secret.write(key);
        return key;
    }
}
