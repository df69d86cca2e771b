package io.invitehub.library.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * docs/configuration.md, "Accounts": the first admin, password hashing, access tokens, the key that
 * seals team credentials at rest, the sign-in rate limit. Passwords, secrets and keys are never printed.
 */
public record AccountsConfig(String adminUsername, Optional<String> adminPassword, int bcryptCost, Optional<String> jwtSecret,
                             Duration jwtTtl, Optional<String> secretsKey, List<String> secretsPreviousKeys, int loginPerMinute) {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_JWT_SECRET_BYTES = 32;

    static AccountsConfig read(EnvironmentReader r) {
        Optional<String> adminPassword = r.optional("INVITEHUB_ADMIN_PASSWORD");
        adminPassword.filter(p -> p.length() < 8).ifPresent(p -> {
            throw new ConfigurationException("INVITEHUB_ADMIN_PASSWORD must have at least 8 characters");
        });
        return new AccountsConfig(
                r.string("INVITEHUB_ADMIN_USERNAME", "admin"),
                adminPassword,
                r.integer("INVITEHUB_BCRYPT_COST", 10, 4, 16),
                r.secret("INVITEHUB_JWT_SECRET", MIN_JWT_SECRET_BYTES),
                r.duration("INVITEHUB_JWT_TTL", Duration.ofMinutes(60)),
                r.secretsKey("INVITEHUB_SECRETS_KEY"),
                r.secretsKeys("INVITEHUB_SECRETS_PREVIOUS_KEYS"),
                r.integer("INVITEHUB_LOGIN_PER_MINUTE", 5, 1, 1_000_000));
    }

    @Override
    public String toString() {
        return "AccountsConfig[admin=" + adminUsername + ", adminPassword=" + (adminPassword.isPresent() ? "***" : "unset")
                + ", bcryptCost=" + bcryptCost + ", jwtSecret=" + (jwtSecret.isPresent() ? "***" : "unset") + ", jwtTtl=" + jwtTtl
                + ", secretsKey=" + (secretsKey.isPresent() ? "***" : "unset") + ", previousKeys=" + secretsPreviousKeys.size()
                + ", loginPerMinute=" + loginPerMinute + "]";
    }
}
