package io.invitehub.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's readiness child starts as {@code ./invitehub} does (ADR 80): the command lines it builds, the script
 * spelling the same flags, and what the flags do in a real JVM (a recorded archive passes the -Xshare:on check, a
 * truncated one does not; a missing one does not stop a start that only uses it).
 */
class ClassDataArchiveTest {
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @Test
    void theRecordCheckAndServeCommandLinesAreTheScripts() {
        Path jsa = Path.of("/run/readiness/invitehub.jsa");
        assertThat(ClassDataArchive.command("java", ClassDataArchive.recordOptions(jsa), "bench.jar",
                ClassDataArchive.MAIN, ClassDataArchive.RECORD_COMMAND)).containsExactly("java",
                "-XX:ArchiveClassesAtExit=/run/readiness/invitehub.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Xmx1g", "-cp", "bench.jar", "io.invitehub.bootstrap.cli.Main", "start-check");
        assertThat(ClassDataArchive.command("java", ClassDataArchive.checkOptions(jsa), "bench.jar",
                ClassDataArchive.MAIN, ClassDataArchive.CHECK_COMMAND)).containsExactly("java",
                "-Xshare:on", "-XX:SharedArchiveFile=/run/readiness/invitehub.jsa",
                "-Xmx1g", "-cp", "bench.jar", "io.invitehub.bootstrap.cli.Main", "help");
        assertThat(ClassDataArchive.command("java", ClassDataArchive.useOptions(jsa), "bench.jar", ClassDataArchive.MAIN, "serve"))
                .containsExactly("java", "-XX:SharedArchiveFile=/run/readiness/invitehub.jsa",
                        "-Xmx1g", "-cp", "bench.jar", "io.invitehub.bootstrap.cli.Main", "serve");
        assertThat(ClassDataArchive.command("java", List.of(), "bench.jar", ClassDataArchive.MAIN, "serve"))
                .containsExactly("java", "-Xmx1g", "-cp", "bench.jar", "io.invitehub.bootstrap.cli.Main", "serve");
    }

    /** The script is shell: if its flags change, this says the bench's must change with them. */
    @Test
    void theScriptSpellsTheSameFlags() throws Exception {
        String script = Files.readString(Path.of("../invitehub"));
        assertThat(script).contains("-XX:ArchiveClassesAtExit=\"$tmp\" -Xlog:cds=off -Xlog:cds+dynamic=off")
                .contains("-jar \"$jar\" start-check")
                .contains("-Xshare:on -XX:SharedArchiveFile=\"$tmp\" ${INVITEHUB_JAVA_OPTS:--Xmx1g} -jar \"$jar\" help")
                .contains("cds=\"-XX:SharedArchiveFile=$jsa\"");
    }

    @Test
    void aRecordedArchivePassesTheCheckATruncatedOneDoesNot(@TempDir Path dir) throws Exception {
        Path jsa = dir.resolve("probe.jsa");
        assertThat(java(dir, ClassDataArchive.recordOptions(jsa))).isZero();
        assertThat(jsa).isRegularFile();
        assertThat(java(dir, ClassDataArchive.checkOptions(jsa))).isZero();

        Path truncated = dir.resolve("truncated.jsa");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(jsa), (int) Files.size(jsa) / 2));
        assertThat(java(dir, ClassDataArchive.checkOptions(truncated))).isNotZero();
        assertThat(java(dir, ClassDataArchive.checkOptions(dir.resolve("missing.jsa")))).isNotZero();
        // a run only using an archive starts without one that is not there (the JVM's default -Xshare:auto)
        assertThat(java(dir, ClassDataArchive.useOptions(dir.resolve("missing.jsa")))).isZero();
    }

    @Test
    void aFailedRecordingIsSaidAndLeavesNoArchive(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        // no InviteHub on this class path: start-check cannot even find its main class
        assertThat(Readiness.record(dir, JAVA, dir.resolve("nothing-here.jar").toString(), out)).isEmpty();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("class data archive not recorded (start-check exited 1): measuring without one")
                .contains("io.invitehub.bootstrap.cli.Main");
        assertThat(dir.resolve("invitehub.jsa")).doesNotExist();
    }

    /** {@code java <options> -version} in {@code dir}: a JVM crashing on the truncated archive leaves its hs_err file there. */
    private static int java(Path dir, List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(options);
        command.add("-version");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
