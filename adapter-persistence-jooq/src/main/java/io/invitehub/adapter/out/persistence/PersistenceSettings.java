package io.invitehub.adapter.out.persistence;

import java.time.Duration;
import java.util.Objects;

/** How to reach PostgreSQL and how big the connection pool is. {@link #toString()} hides the password. */
public record PersistenceSettings(String jdbcUrl, String user, String password, int maxPoolSize, Duration connectionTimeout) {
    public PersistenceSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("only PostgreSQL is supported: jdbc:postgresql://host:port/db");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    }

    public static PersistenceSettings of(String jdbcUrl, String user, String password) {
        return new PersistenceSettings(jdbcUrl, user, password, 16, Duration.ofSeconds(10));
    }

    public PersistenceSettings withMaxPoolSize(int size) {
        return new PersistenceSettings(jdbcUrl, user, password, size, connectionTimeout);
    }

    @Override
    public String toString() {
        return "PersistenceSettings[" + jdbcUrl + ", user=" + user + ", password=***, pool=" + maxPoolSize + "]";
    }
}
