package io.invitehub.library.config;

import io.invitehub.adapter.out.persistence.SecretKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsKeyTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OLD = Base64.getEncoder().encodeToString("an-old-secrets-key-of-32-bytes!!".getBytes());

    @Test
    void outsideTheEmbeddedDemoTheKeyIsRequired() {
        Settings external = Settings.from(Map.of("INVITEHUB_DB_URL", "jdbc:postgresql://db/hub", "INVITEHUB_TEAM_PROVIDER", "chatgpt"));
        assertThatThrownBy(() -> SecretsKey.resolve(external)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("INVITEHUB_SECRETS_KEY is required outside the embedded demo");
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64StopsTheStartWithoutEchoingIt() {
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_SECRETS_KEY", "dG9vLXNob3J0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("INVITEHUB_SECRETS_KEY must be 32 bytes")
                .hasMessageNotContaining("dG9vLXNob3J0");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_SECRETS_PREVIOUS_KEYS", OLD + ",%%%")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("INVITEHUB_SECRETS_PREVIOUS_KEYS (key #2)")
                .hasMessageNotContaining("%%%");
    }

    @Test
    void aConfiguredKeyAndItsPredecessorsFormTheKeyRing() {
        Settings s = Settings.from(Map.of("INVITEHUB_DB_URL", "jdbc:postgresql://db/hub", "INVITEHUB_TEAM_PROVIDER", "chatgpt",
                "INVITEHUB_SECRETS_KEY", KEY, "INVITEHUB_SECRETS_PREVIOUS_KEYS", OLD));
        SecretKeys keys = SecretsKey.resolve(s);
        assertThat(keys.currentId()).isEqualTo(SecretKeys.idOf(new byte[32]));
        assertThat(keys.ids()).hasSize(2);
        assertThat(s.toString()).doesNotContain(KEY).contains("secretsKey=***");
    }

    @Test
    void theEmbeddedDemoGeneratesAKeyOnceKeepsItOwnerOnlyAndNeverReplacesADamagedOne(@TempDir Path dataDir) throws Exception {
        Settings embedded = Settings.from(Map.of("INVITEHUB_DATA_DIR", dataDir.toString()));

        SecretKeys first = SecretsKey.resolve(embedded);
        SecretKeys second = SecretsKey.resolve(embedded);

        assertThat(first.currentId()).isEqualTo(second.currentId());
        Path file = dataDir.resolve("secrets-key");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Files.writeString(file, "damaged\n");
        assertThatThrownBy(() -> SecretsKey.resolve(embedded)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is damaged");
        assertThat(Files.readString(file)).isEqualTo("damaged\n");
    }
}
