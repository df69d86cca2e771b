package io.invitehub.adapter.out.persistence;

import io.invitehub.application.shared.port.out.NewTeam;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.team.TeamStatus;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Team credentials sealed at rest (ADR 16), on real PostgreSQL. */
class SealedCredentialsTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.team-token.signature";

    private static SecretKeys keys(char fill, SecretKeys... previous) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return SecretKeys.of(key, Arrays.stream(previous).map(SealedCredentialsTest::rawKey).toList());
    }

    /** Test keys are filled with one character; recover it from the ring's id by rebuilding (ids are derived). */
    private static byte[] rawKey(SecretKeys k) {
        for (char c = 'a'; c <= 'z'; c++) {
            byte[] key = new byte[32];
            Arrays.fill(key, (byte) c);
            if (SecretKeys.idOf(key).equals(k.currentId())) {
                return key;
            }
        }
        throw new IllegalArgumentException("not a test key");
    }

    private static Team team(JooqPersistence db, String account, String credentials) {
        return db.transactions().inTransaction(() -> db.teams().create(new NewTeam("T " + account, account, credentials, 5, Optional.empty())));
    }

    private static <T> T value(JooqPersistence db, Class<T> type, String sql, Object... binds) {
        return db.dsl().fetchSingle(sql, binds).get(0, type);
    }

    private static String stored(JooqPersistence db, TeamId id) {
        return value(db, String.class, "select sealed_credentials from teams where id = ?", id.value());
    }

    @Test
    void credentialsRoundTripAndTheStoredTextIsNotThePlaintext() {
        PersistenceSettings settings = TestPostgres.freshDatabase();
        SecretKeys keys = keys('a');
        try (JooqPersistence db = JooqPersistence.connect(settings, keys)) {
            Team one = team(db, "acc-1", TOKEN);
            Team two = team(db, "acc-2", TOKEN);
            Team none = team(db, "acc-3", "  ");

            assertThat(db.teams().account(one.id()).orElseThrow().credentials()).isEqualTo(TOKEN);
            assertThat(db.teams().account(none.id()).orElseThrow().credentials()).isEmpty();
            String sealed = stored(db, one.id());
            assertThat(sealed).startsWith("ih1." + keys.currentId() + ".").doesNotContain(TOKEN).doesNotContain("team-token");
            // a fresh nonce per value: the same token never seals to the same text
            assertThat(stored(db, two.id())).isNotEqualTo(sealed);
            assertThat(stored(db, none.id())).isNull();
            // and there is no plaintext column left to write to
            assertThat(value(db, Integer.class, "select count(*) from information_schema.columns "
                    + "where table_name = 'teams' and column_name = 'credentials'")).isZero();
            // the schema refuses anything but sealed text in the column
            assertThatThrownBy(() -> db.dsl().execute("update teams set sealed_credentials = ? where id = ?", TOKEN, one.id().value()))
                    .hasMessageContaining("teams_sealed_credentials_check");
        }
    }

    @Test
    void aWrongKeyFailsClearlyAndChangesNothing() {
        PersistenceSettings settings = TestPostgres.freshDatabase();
        TeamId id;
        String sealed;
        try (JooqPersistence db = JooqPersistence.connect(settings, keys('a'))) {
            id = team(db, "acc-1", TOKEN).id();
            sealed = stored(db, id);
        }
        try (JooqPersistence wrong = JooqPersistence.connect(settings, keys('b'))) {
            assertThatThrownBy(() -> wrong.teams().account(id))
                    .isInstanceOf(SecretBoxException.class)
                    .hasMessageContaining("team " + id.value())
                    .hasMessageContaining("not among the configured secrets keys")
                    .hasMessageNotContaining(TOKEN).hasMessageNotContaining(sealed);
            assertThatThrownBy(wrong::checkSealedSecrets)
                    .isInstanceOf(SecretBoxException.class)
                    .hasMessageContaining(SecretBox.keyIdOf(sealed))
                    .hasMessageContaining("not configured");
            assertThat(stored(wrong, id)).isEqualTo(sealed);
            assertThat(wrong.teams().findById(id).orElseThrow().status()).isEqualTo(TeamStatus.ACTIVE);
        }
    }

    @Test
    void tamperingIsDetectedAndOnlyTheTamperedTeamStopsReceivingMembers() {
        try (JooqPersistence db = JooqPersistence.connect(TestPostgres.freshDatabase(), keys('a'))) {
            TeamId tampered = team(db, "acc-1", TOKEN).id();
            TeamId intact = team(db, "acc-2", TOKEN).id();
            String sealed = stored(db, tampered);
            int last = sealed.length() - 3;
            char flipped = sealed.charAt(last) == 'A' ? 'B' : 'A';
            db.dsl().execute("update teams set sealed_credentials = ? where id = ?",
                    sealed.substring(0, last) + flipped + sealed.substring(last + 1), tampered.value());

            assertThatThrownBy(() -> db.teams().account(tampered))
                    .isInstanceOf(SecretBoxException.class).hasMessageContaining("authentication failed");

            JooqPersistence.SealedSecretsReport report = db.checkSealedSecrets();
            assertThat(report.sealed()).isEqualTo(2);
            assertThat(report.unreadable()).containsExactly(tampered);
            assertThat(db.teams().findById(tampered).orElseThrow().status()).isEqualTo(TeamStatus.TOKEN_INVALID);
            assertThat(db.teams().findById(intact).orElseThrow().status()).isEqualTo(TeamStatus.ACTIVE);
            assertThat(db.teams().account(intact).orElseThrow().credentials()).isEqualTo(TOKEN);
        }
    }

    @Test
    void aValueMovedToAnotherTeamStillOpensButNotForAnotherPurpose() {
        SecretBox box = new SecretBox(keys('a'));
        String sealed = box.seal(TOKEN, JooqTeams.CREDENTIALS_PURPOSE);
        assertThat(box.open(sealed, JooqTeams.CREDENTIALS_PURPOSE)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> box.open(sealed, "settings.payment_key")).hasMessageContaining("authentication failed");
        // relabelling the key id is caught too (the id is authenticated data; here it names no key at all)
        assertThatThrownBy(() -> box.open(sealed.replace("ih1." + box.keys().currentId(), "ih1.k00000000"), JooqTeams.CREDENTIALS_PURPOSE))
                .isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open(TOKEN, JooqTeams.CREDENTIALS_PURPOSE)).hasMessageContaining("not a sealed value")
                .hasMessageNotContaining(TOKEN);
        assertThat(box.toString()).doesNotContain(new String(rawKey(box.keys()), StandardCharsets.US_ASCII));
    }

    @Test
    void rotationSealsEveryValueAgainUnderTheNewKeyAtTheStartUpCheck() {
        PersistenceSettings settings = TestPostgres.freshDatabase();
        SecretKeys oldKeys = keys('a');
        TeamId id;
        try (JooqPersistence db = JooqPersistence.connect(settings, oldKeys)) {
            id = team(db, "acc-1", TOKEN).id();
        }
        SecretKeys rotated = keys('b', oldKeys);
        try (JooqPersistence db = JooqPersistence.connect(settings, rotated)) {
            assertThat(db.teams().account(id).orElseThrow().credentials()).isEqualTo(TOKEN);
            JooqPersistence.SealedSecretsReport report = db.checkSealedSecrets();
            assertThat(report.resealed()).isEqualTo(1);
            assertThat(SecretBox.keyIdOf(stored(db, id))).isEqualTo(rotated.currentId());
            assertThat(db.checkSealedSecrets().resealed()).isZero();
        }
        try (JooqPersistence db = JooqPersistence.connect(settings, keys('b'))) {
            assertThat(db.teams().account(id).orElseThrow().credentials()).isEqualTo(TOKEN);
        }
    }

    @Test
    void plaintextRowsFromBeforeV6AreSealedByTheMigrationAndNeedTheKey() {
        PersistenceSettings settings = TestPostgres.emptyDatabase();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(settings.jdbcUrl());
        ds.setUser(settings.user());
        ds.setPassword(settings.password());
        // up to V6 (which only adds the sealed column), the plaintext column is there and in use as
        // a release before this change left it
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("6").load().migrate();
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("insert into teams (name, provider_account_id, credentials, max_seats) values "
                    + "('A', 'acc-a', '" + TOKEN + "', 5), ('B', 'acc-b', '', 5), ('C', 'acc-c', null, 5)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        // without a key the migration refuses and leaves the plaintext as it was (no half state)
        assertThatThrownBy(() -> JooqPersistence.migrate(ds))
                .hasStackTraceContaining("stored in plain text and a secrets key is needed");
        try (var c = ds.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("select count(*) from teams where credentials is not null")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        try (JooqPersistence db = JooqPersistence.connect(settings, keys('a'))) {
            assertThat(db.migrate()).isGreaterThanOrEqualTo(2);
            List<String> sealed = db.dsl().fetch("select sealed_credentials from teams order by provider_account_id")
                    .getValues(0, String.class);
            assertThat(sealed.get(0)).startsWith("ih1.").doesNotContain(TOKEN);
            assertThat(sealed.get(1)).isNull();
            assertThat(sealed.get(2)).isNull();
            TeamId a = new TeamId(value(db, Long.class, "select id from teams where provider_account_id = 'acc-a'"));
            assertThat(db.teams().account(a).orElseThrow().credentials()).isEqualTo(TOKEN);
            assertThat(value(db, Integer.class, "select count(*) from information_schema.columns "
                    + "where table_name = 'teams' and column_name = 'credentials'")).isZero();
        }
    }

    @Test
    void keysMustBe32BytesOfBase64AndErrorsNeverQuoteThem() {
        assertThatThrownBy(() -> SecretKeys.fromBase64("c2hvcnQ=", List.of())).hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> SecretKeys.fromBase64("not base64 !!", List.of())).hasMessageContaining("not valid base64")
                .hasMessageNotContaining("!!");
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        SecretKeys parsed = SecretKeys.fromBase64(key, List.of(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32])));
        assertThat(parsed.ids()).hasSize(1);
        assertThat(parsed.toString()).doesNotContain(key);
    }
}
