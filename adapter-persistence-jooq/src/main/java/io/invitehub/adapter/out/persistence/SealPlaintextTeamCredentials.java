package io.invitehub.adapter.out.persistence;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Flyway migration 6.1, between V6 (adds {@code teams.sealed_credentials}) and V6_2 (drops the
 * plaintext {@code teams.credentials}): seals every plaintext credential and clears it, in the
 * migration's transaction (ADR 16). A database without plaintext rows needs no key; one with them
 * needs the secrets key, and without it the migration stops with a message that says so, leaving
 * everything as it was.
 */
final class SealPlaintextTeamCredentials implements JavaMigration {
    private final Optional<SecretBox> box;

    SealPlaintextTeamCredentials(Optional<SecretBox> box) {
        this.box = box;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6.1");
    }

    @Override
    public String getDescription() {
        return "seal plaintext team credentials";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        record Row(long id, String plaintext) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "select id, credentials from teams where credentials is not null order by id for update");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getString(2)));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        SecretBox sealer = box.orElseThrow(() -> new IllegalStateException(rows.size()
                + " team credential(s) are stored in plain text and a secrets key is needed to seal them "
                + "(INVITEHUB_SECRETS_KEY); nothing was changed"));
        try (PreparedStatement update = c.prepareStatement(
                "update teams set sealed_credentials = ?, credentials = null where id = ?")) {
            for (Row row : rows) {
                update.setString(1, row.plaintext().isBlank() ? null : sealer.seal(row.plaintext(), JooqTeams.CREDENTIALS_PURPOSE));
                update.setLong(2, row.id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
