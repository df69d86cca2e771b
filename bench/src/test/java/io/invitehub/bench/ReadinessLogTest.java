package io.invitehub.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The log the readiness measurement writes holds the demo's generated passwords: it is owner-only (issue 10). */
class ReadinessLogTest {

    @Test
    void theServeLogIsOwnerOnlyEvenWhereALooseOneWasLeft(@TempDir Path dir) throws Exception {
        Path fresh = Readiness.newLog(dir.resolve("serve.log"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-------");

        Files.writeString(fresh, "Admin account: admin / secret");
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-r--r--"));
        Path again = Readiness.newLog(fresh);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(again))).isEqualTo("rw-------");
        assertThat(Files.size(again)).isZero();
    }
}
