package io.invitehub.library.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The sandbox gateway's merchant key (ADR 45): made once and kept in {@code <data dir>/sandbox-epay-key},
 * owner-only like {@code jwt-secret}, so pay URLs handed out and notifications signed before a restart still
 * verify after it. Never printed.
 */
public final class SandboxKey {
    static final String FILE_NAME = "sandbox-epay-key";
    private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9_-]{32,128}$");

    private SandboxKey() {
    }

    /** The kept key, or a new one from {@code newKey} written owner-only (0600 from its creation). */
    public static String resolve(Path dataDir, Supplier<String> newKey) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (SHAPE.matcher(kept).matches()) {
                    return kept;
                }
            }
            String key = newKey.get();
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE_NAME + ".new");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the sandbox gateway key in " + file, e);
        }
    }
}
