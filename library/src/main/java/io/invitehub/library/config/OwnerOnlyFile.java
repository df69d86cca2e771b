package io.invitehub.library.config;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A file the embedded default keeps in its data directory (JWT secret, secrets key, database
 * passwords, the embedded database's {@code pg_hba.conf}): owner-only from the first byte. A new file is created under a temporary name with mode
 * 0600 in the same {@code open(2)} that creates it (never chmod-ed after writing), filled, synced and
 * renamed into place, so the name never shows a partial or readable secret. Directories it creates
 * are 0700. On a file system without POSIX permissions the files are created plainly.
 */
public final class OwnerOnlyFile {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.complementOf(
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;

    private OwnerOnlyFile(Path file) {
        this.file = file;
    }

    public static OwnerOnlyFile at(Path file) {
        return new OwnerOnlyFile(file.toAbsolutePath());
    }

    /** {@code bytes} random bytes as URL-safe base64 without padding. */
    public static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * Creates {@code directory} and missing parents with mode 0700 (existing ones are left as they are).
     */
    public static Path ownerOnlyDirectories(Path directory) {
        Path absolute = directory.toAbsolutePath();
        try {
            if (Files.isDirectory(absolute)) {
                return absolute;
            }
            Path parent = absolute.getParent();
            if (parent != null) {
                ownerOnlyDirectories(parent);
            }
            try {
                Files.createDirectory(absolute, ownerOnly(OWNER_ONLY_DIRECTORY));
            } catch (FileAlreadyExistsException raced) {
                // created meanwhile: fine when it is a directory
                if (!Files.isDirectory(absolute)) {
                    throw raced;
                }
            }
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + absolute, e);
        }
    }

    /**
     * Creates {@code directory} like {@link #ownerOnlyDirectories}, and makes an existing one owner-only
     * too (a data directory made by an earlier version had the default mode).
     */
    public static Path ownerOnlyDirectory(Path directory) {
        Path absolute = ownerOnlyDirectories(directory);
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(absolute);
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                Files.setPosixFilePermissions(absolute, OWNER_ONLY_DIRECTORY);
            }
        } catch (UnsupportedOperationException notPosix) {
            // nothing to tighten
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + absolute + " owner-only", e);
        }
        return absolute;
    }

    public Path path() {
        return file;
    }

    /**
     * The stripped content when the file exists; a kept file that group or others may read (written by
     * an earlier version) is made owner-only first.
     */
    public Optional<String> read() {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            tighten();
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes {@code content} (plus a newline) owner-only, replacing the file atomically. */
    public void write(String content) {
        Path directory = ownerOnlyDirectories(file.getParent());
        Path temporary = directory.resolve("." + file.getFileName() + "." + randomToken(6) + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(Files.createFile(temporary, ownerOnly(OWNER_READ_WRITE)),
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
                out.write((content + "\n").getBytes(StandardCharsets.UTF_8));
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the write failed already; that is what gets reported
            }
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The kept secret, or {@code generated} written owner-only when the file is missing. */
    public String readOrCreate(java.util.function.Supplier<String> generated) {
        Optional<String> kept = read();
        if (kept.isPresent() && !kept.get().isEmpty()) {
            return kept.get();
        }
        String secret = generated.get();
        write(secret);
        return secret;
    }

    private void tighten() throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
            }
        } catch (UnsupportedOperationException notPosix) {
            // nothing to tighten
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        try {
            if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
            }
        } catch (UnsupportedOperationException notPosix) {
            // fall through
        }
        return new FileAttribute<?>[0];
    }
}
