package io.invitehub.bootstrap.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code start-check} (ADR 80), the start {@code ./invitehub} records its class data archive from: a full start of the
 * embedded default on a data directory of its own (initdb, migrations, demo data, HTTP, {@code /health}), a clean
 * stop, and nothing left behind in the temporary directory — not the data directory, not a running PostgreSQL.
 */
class StartCheckCommandTest {

    @Test
    void aFullStartOnAThrowAwayDirectoryAnswersHealthStopsAndLeavesNothing() throws IOException {
        Set<Path> before = startCheckDirectories();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Main.startCheck(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("start check passed: the embedded default started, answered /health and stopped \\(\\d+ ms\\)");
        assertThat(startCheckDirectories()).as("the throw-away data directory is deleted").isEqualTo(before);
        assertThat(Path.of("data")).as("./data is not touched").doesNotExist();
    }

    private static Set<Path> startCheckDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("invitehub-start-check")).collect(Collectors.toSet());
        }
    }
}
