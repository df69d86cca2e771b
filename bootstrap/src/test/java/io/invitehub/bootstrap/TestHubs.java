package io.invitehub.bootstrap;

import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.TestPostgres;
import io.invitehub.library.config.Settings;

import java.util.HashMap;
import java.util.Map;

/** Settings and hubs for bootstrap tests: a fresh database from {@link TestPostgres}, HTTP on a random port. */
public final class TestHubs {
    /** The secrets key of test hubs: base64 of the 32 bytes TestPostgres.SECRETS is made of. */
    static final String SECRETS_KEY = java.util.Base64.getEncoder().encodeToString(
            "invitehub-test-secrets-key-32-by".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private static final java.nio.file.Path SCRATCH = scratch();

    private static java.nio.file.Path scratch() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("invitehub-test-data");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TestHubs() {
    }

    public static Settings settings(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("INVITEHUB_DB_URL", "jdbc:postgresql://set-by-test/unused");
        env.put("INVITEHUB_HTTP_PORT", "0");
        env.put("INVITEHUB_TEAM_PROVIDER", "simulated");
        env.put("INVITEHUB_JWT_SECRET", "test-secret-of-at-least-thirty-two-bytes");
        env.put("INVITEHUB_SECRETS_KEY", SECRETS_KEY);
        env.put("INVITEHUB_BCRYPT_COST", "4");
        env.put("INVITEHUB_DISPATCH_POLL_INTERVAL", "100ms");
        env.put("INVITEHUB_DISPATCH_BACKOFF_BASE", "10ms");
        env.put("INVITEHUB_REMOVAL_BACKOFF_BASE", "10ms");
        env.put("INVITEHUB_SIM_MAX_LATENCY", "0ms");
        env.put("INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", "1000");
        env.put("INVITEHUB_REDEEM_PER_EMAIL_PER_MINUTE", "1000");
        env.put("INVITEHUB_LOGIN_PER_MINUTE", "1000");
        // tests read seats right after changing them; the cache has its own tests
        env.put("INVITEHUB_SEATS_CACHE_TTL", "1ms");
        env.put("INVITEHUB_INVITATIONS_PER_EMAIL_PER_DAY", "1000");
        env.put("INVITEHUB_PAYMENT_GATEWAY", "sandbox");
        env.put("INVITEHUB_FULFILMENT_POLL_INTERVAL", "100ms");
        // files the service keeps (the sandbox gateway's key) go to a scratch directory, not the module's ./data
        env.put("INVITEHUB_DATA_DIR", SCRATCH.toString());
        env.putAll(overrides);
        return Settings.from(env);
    }

    public static PersistenceSettings freshDatabase() {
        return TestPostgres.freshDatabase();
    }
}
