package io.invitehub.library.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxKeyTest {
    @Test
    void theKeyIsMadeOnceOwnerOnlyAndKeptAcrossRestarts(@TempDir Path data) throws Exception {
        AtomicInteger made = new AtomicInteger();
        String first = SandboxKey.resolve(data, () -> "key-" + made.incrementAndGet() + "-abcdefghijklmnopqrstuvwxyz0123");
        String second = SandboxKey.resolve(data, () -> "key-" + made.incrementAndGet() + "-abcdefghijklmnopqrstuvwxyz0123");
        assertThat(second).isEqualTo(first);
        assertThat(made).hasValue(1);
        Path file = data.resolve("sandbox-epay-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).isEqualTo(first);

        Files.writeString(file, "short\n");
        String replaced = SandboxKey.resolve(data, () -> "key-" + made.incrementAndGet() + "-abcdefghijklmnopqrstuvwxyz0123");
        assertThat(replaced).as("a damaged key file is replaced").isNotEqualTo(first).isNotEqualTo("short");
    }
}
