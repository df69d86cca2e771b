package io.invitehub.library.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the JWT signing secret comes from (ADR 9): {@code INVITEHUB_JWT_SECRET} when set (at least 32
 * bytes); else, only in the embedded demo, a random secret generated once and kept in
 * {@code <data dir>/jwt-secret} (owner-only permissions) so tokens survive restarts. With an external
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
        try {
            if (Files.exists(file)) {
                byte[] kept = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
                if (kept.length >= AccountsConfig.MIN_JWT_SECRET_BYTES) {
                    return kept;
                }
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on non-POSIX file systems
            }
            return secret.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT secret in " + file, e);
        }
    }
}
