package io.invitehub.library.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * docs/configuration.md, "Database": an external PostgreSQL ({@code url} set) or the embedded one under
 * {@code dataDir}. The password is never printed.
 */
public record DatabaseConfig(Optional<String> url, String user, String password, int poolSize, Path dataDir) {

    static DatabaseConfig read(EnvironmentReader r) {
        return new DatabaseConfig(
                r.optional("INVITEHUB_DB_URL"),
                r.string("INVITEHUB_DB_USER", "postgres"),
                r.string("INVITEHUB_DB_PASSWORD", ""),
                r.integer("INVITEHUB_DB_POOL_SIZE", 16, 1, 500),
                Path.of(r.string("INVITEHUB_DATA_DIR", "data")));
    }

    /** True when no external database is configured: the embedded PostgreSQL under {@link #dataDir()} is used. */
    public boolean embedded() {
        return url.isEmpty();
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + url.orElse("embedded in " + dataDir) + ", user=" + user + ", password=***, pool=" + poolSize + "]";
    }
}
