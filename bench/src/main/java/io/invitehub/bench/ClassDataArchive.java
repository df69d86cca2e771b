package io.invitehub.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class data archive's JVM options and commands, meaning what {@code ./invitehub} does (ADR 80), in one place for
 * the bench: record the classes of one {@code start-check} under {@code -XX:ArchiveClassesAtExit} (its CDS log lines
 * off), check the file with a JVM that refuses a broken archive ({@code -Xshare:on}, running {@code help}), and start
 * with {@code -XX:SharedArchiveFile}. The script spells the same flags in shell; a change here goes there too.
 */
final class ClassDataArchive {
    /** The command whose loaded classes are archived: a full embedded start on a throw-away directory, then a clean stop. */
    static final String RECORD_COMMAND = "start-check";
    /** The command the check runs with the archive: any start that maps it, and exits at once. */
    static final String CHECK_COMMAND = "help";
    /** The heap the script gives the service unless INVITEHUB_JAVA_OPTS says otherwise. */
    static final String HEAP = "-Xmx1g";
    static final String MAIN = "io.invitehub.bootstrap.cli.Main";

    private ClassDataArchive() {
    }

    /** Records {@code archive} at the JVM's exit. */
    static List<String> recordOptions(Path archive) {
        return List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** Fails the JVM's start when {@code archive} cannot be mapped. */
    static List<String> checkOptions(Path archive) {
        return List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive);
    }

    /** Maps {@code archive} when it can, starts without it otherwise (the JVM's default -Xshare:auto). */
    static List<String> useOptions(Path archive) {
        return List.of("-XX:SharedArchiveFile=" + archive);
    }

    /** {@code java <jvmOptions> -Xmx1g -cp <classPath> <mainClass> <args>}, the options first as in the script. */
    static List<String> command(String java, List<String> jvmOptions, String classPath, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of(HEAP, "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        return command;
    }
}
