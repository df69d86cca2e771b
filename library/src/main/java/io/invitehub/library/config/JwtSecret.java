package io.invitehub.library.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the JWT signing secret comes from (ADR 9): {@code INVITEHUB_JWT_SECRET} when set (at least 32
 * bytes); else, only in the embedded demo, a random secret generated once and kept in
 * {@code <data dir>/jwt-secret} (owner-only from its first byte, {@link OwnerOnlyFile}) so tokens survive restarts. With an external
 * database and no secret the service refuses to start.
 */
public final class JwtSecret {
    static final String FILE_NAME = "jwt-secret";

    private JwtSecret() {
    }

    public static byte[] resolve(Settings settings) {
        if (settings.accounts().jwtSecret().isPresent()) {
            return settings.accounts().jwtSecret().get().getBytes(StandardCharsets.UTF_8);
        }
        if (!settings.embeddedDatabase()) {
            throw new ConfigurationException("INVITEHUB_JWT_SECRET is required outside the embedded demo (at least "
                    + AccountsConfig.MIN_JWT_SECRET_BYTES + " bytes, e.g. from `openssl rand -base64 48`)");
        }
        return embedded(settings.database().dataDir().resolve(FILE_NAME));
    }

    private static byte[] embedded(Path file) {
        OwnerOnlyFile secret = OwnerOnlyFile.at(file);
        String kept = secret.read().orElse("");
        if (kept.getBytes(StandardCharsets.UTF_8).length >= AccountsConfig.MIN_JWT_SECRET_BYTES) {
            return kept.getBytes(StandardCharsets.UTF_8);
        }
        String generated = OwnerOnlyFile.randomToken(48);
        secret.write(generated);
        return generated.getBytes(StandardCharsets.UTF_8);
    }
}
