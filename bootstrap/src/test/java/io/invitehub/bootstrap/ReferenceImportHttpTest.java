package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.ReferenceDatabase;
import io.invitehub.adapter.out.persistence.ReferenceDataset;
import io.invitehub.adapter.out.persistence.reference.ImportReport;
import io.invitehub.bootstrap.cli.ImportReferenceCommand;
import io.invitehub.library.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator moving from the reference: {@code import-reference} from the reference's SQLite file into the
 * database a hub then serves, over real HTTP: an imported distributor signs in with the password it had
 * in the reference (its bcrypt hash kept), and a customer redeems an imported code typed as the reference
 * printed it.
 */
class ReferenceImportHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static PersistenceSettings db;
    private static Sql sql;
    private static String dryRunOutput;
    private static long usersAfterDryRun;
    private static String importOutput;
    private static InviteHub hub;
    private static String base;

    @BeforeAll
    static void importThenServe() throws Exception {
        db = TestHubs.freshDatabase();
        sql = new Sql(db);
        Path file = Files.createTempDirectory("reference").resolve("app.db");
        try (ReferenceDatabase reference = ReferenceDatabase.sqlite(file)) {
            ReferenceDataset.fill(reference);
        }
        Settings target = Settings.from(Map.of("INVITEHUB_DB_URL", db.jdbcUrl(), "INVITEHUB_DB_USER", db.user(),
                "INVITEHUB_DB_PASSWORD", db.password() == null ? "" : db.password(), "INVITEHUB_TEAM_PROVIDER", "simulated",
                "INVITEHUB_SECRETS_KEY", TestHubs.SECRETS_KEY));
        // the reference's pending rows are judged at the dataset's moment (an hour-old reservation is fresh)
        Clock clock = Clock.fixed(ReferenceDataset.NOW, java.time.ZoneOffset.UTC);
        try {
            dryRunOutput = command(target, clock, "--from", "jdbc:sqlite:" + file, "--dry-run");
            usersAfterDryRun = sql.count("select count(*) from users");
            importOutput = command(target, clock, "--from", "jdbc:sqlite:" + file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }

        hub = InviteHub.builder(TestHubs.settings(Map.of("INVITEHUB_QUEUE_POLL_INTERVAL", "100ms",
                "INVITEHUB_SIM_ACCEPT_DELAY", "1h"))).persistence(db).start();
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static String command(Settings settings, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImportReport report = ImportReferenceCommand.run(args, Map.of(), settings, new PrintStream(out, true, StandardCharsets.UTF_8), clock);
        assertThat(report.imported()).isPositive();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCommandPrintsTheSamePlanDryAndForRealAndOnlyTheRealRunWrites() {
        assertThat(usersAfterDryRun).isZero();
        assertThat(dryRunOutput).contains("Dry run of the import from SQLite", "SKIP   users #3 (viewer1)", "would add",
                "Dry run: nothing was written.");
        assertThat(importOutput).contains("Import from SQLite", "SKIP   users #3 (viewer1)", "Imported.");
        assertThat(sql.count("select count(*) from users")).isEqualTo(6);
        assertThat(sql.count("select count(*) from audit_log where action = 'REFERENCE_IMPORT'")).isEqualTo(1);
    }

    @Test
    void anImportedDistributorSignsInWithItsOldPasswordAndSeesItsNumbers() throws Exception {
        HttpResponse<String> wrong = postForm("/api/v1/auth/login", "username=dist_a&password=not-it");
        assertThat(wrong.statusCode()).isEqualTo(401);

        HttpResponse<String> login = postForm("/api/v1/auth/login", "username=dist_a&password=" + ReferenceDataset.DIST_A_PASSWORD);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String token = json(login).get("access_token").asText();

        HttpResponse<String> summary = get("/api/v1/distributors/me/summary", "Bearer " + token);
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(json(summary).get("total_codes").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(json(summary).get("members_removed").asLong()).isGreaterThanOrEqualTo(3);

    }

    @Test
    void aCustomerRedeemsAnImportedCodeAsTheReferencePrintedIt() throws Exception {
        // erin waited in the reference's queue; InviteHub's promoter seats her first (first in, first out)
        Instant deadline = Instant.now().plusSeconds(20);
        while (sql.count("select count(*) from invitations where email = 'erin@x.example' and state = 'WAITING'") > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }

        HttpResponse<String> typo = post("/api/v1/public/redeem", "{\"code\":\"D4_UNUSED00X\",\"email\":\"newcomer@example.com\"}");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(json(typo).get("code").asText()).isEqualTo("INVALID_CODE");

        HttpResponse<String> redeemed = post("/api/v1/public/redeem",
                "{\"code\":\" " + ReferenceDataset.UNUSED_CODE.toLowerCase() + " \",\"email\":\"Newcomer@Example.com\"}");
        assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(200);
        JsonNode body = json(redeemed);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("state").asText()).isEqualTo("INVITE_QUEUED");
        assertThat(body.get("team_name").asText()).isNotBlank();
        assertThat(sql.count("select used_count from redeem_codes where code = 'D4_UNUSED001' and bound_email = 'newcomer@example.com'"))
                .isEqualTo(1);

        HttpResponse<String> status = get("/api/v1/public/status?code=" + ReferenceDataset.UNUSED_CODE + "&email=newcomer@example.com", null);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);

        HttpResponse<String> another = post("/api/v1/public/redeem",
                "{\"code\":\"" + ReferenceDataset.UNUSED_CODE + "\",\"email\":\"someone-else@example.com\"}");
        assertThat(another.statusCode()).isBetween(400, 499);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postForm(String path, String form) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
