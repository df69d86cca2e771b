package io.invitehub.library.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSecretTest {

    @Test
    void outsideTheEmbeddedDemoTheSecretIsRequired() {
        Settings external = Settings.from(Map.of("INVITEHUB_DB_URL", "jdbc:postgresql://db/hub", "INVITEHUB_TEAM_PROVIDER", "simulated"));

        assertThatThrownBy(() -> JwtSecret.resolve(external)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("INVITEHUB_JWT_SECRET is required outside the embedded demo (at least 32 bytes");
    }

    @Test
    void aShortSecretStopsTheStartWithoutEchoingIt() {
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_JWT_SECRET", "short-secret-31-bytes-long-xxxx")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("INVITEHUB_JWT_SECRET must have at least 32 bytes");
    }

    @Test
    void aConfiguredSecretIsUsedAsItsBytes() {
        Settings s = Settings.from(Map.of("INVITEHUB_DB_URL", "jdbc:postgresql://db/hub", "INVITEHUB_TEAM_PROVIDER", "simulated",
                "INVITEHUB_JWT_SECRET", "a-secret-of-exactly-thirty-two-b", "INVITEHUB_JWT_TTL", "15m"));

        assertThat(new String(JwtSecret.resolve(s), StandardCharsets.UTF_8)).isEqualTo("a-secret-of-exactly-thirty-two-b");
        assertThat(s.accounts().jwtTtl().toMinutes()).isEqualTo(15);
        assertThat(s.toString()).doesNotContain("a-secret").contains("jwtSecret=***");
    }

    @Test
    void theEmbeddedDemoGeneratesASecretOnceAndKeepsIt(@TempDir Path dataDir) throws Exception {
        Settings embedded = Settings.from(Map.of("INVITEHUB_DATA_DIR", dataDir.toString()));

        byte[] first = JwtSecret.resolve(embedded);
        byte[] second = JwtSecret.resolve(embedded);

        assertThat(first).hasSize(64).isEqualTo(second);
        assertThat(Files.readString(dataDir.resolve("jwt-secret")).strip()).isEqualTo(new String(first, StandardCharsets.UTF_8));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("jwt-secret"))))
                .isEqualTo("rw-------");
    }

    /**
     * The generated secret is never readable by others, not even for an instant: a watcher thread looks at
     * every file in the data directory as fast as it can while the secret is created (200 times); a file
     * created with the default mode and chmod-ed after writing is seen with group and other bits.
     */
    @Test
    void theGeneratedSecretIsOwnerOnlyFromItsFirstByte(@TempDir Path parent) throws Exception {
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 200; i++) {
            Path dataDir = Files.createDirectories(parent.resolve("d" + i));
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread watcher = new Thread(() -> {
                while (!done.get()) {
                    try (java.util.stream.Stream<Path> files = Files.list(dataDir)) {
                        files.forEach(f -> {
                            try {
                                seen.add(f.getFileName().toString().replaceAll("[^a-z-].*", "") + " "
                                        + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
                            } catch (java.io.IOException gone) {
                                // renamed or removed between the listing and the look
                            }
                        });
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            watcher.start();
            try {
                JwtSecret.resolve(Settings.from(Map.of("INVITEHUB_DATA_DIR", dataDir.toString())));
            } finally {
                done.set(true);
                watcher.join();
            }
        }
        assertThat(seen).isNotEmpty().allMatch(s -> s.endsWith(" rw-------"), "owner-only");
    }
}
