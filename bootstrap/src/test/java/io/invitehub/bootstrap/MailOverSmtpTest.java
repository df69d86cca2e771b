package io.invitehub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.invitehub.bootstrap.Calls.await;
import static io.invitehub.bootstrap.Calls.json;
import static io.invitehub.bootstrap.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail through the outbox and SMTP (issue 16, ADR 41) against GreenMail in this JVM, with the whole service
 * running: a sign-up while the mail server is down still succeeds and its mail goes out once the server is
 * up; the password reset (no enumeration, single use, sessions end, rate limit, expiry); the seat-ready mail
 * of a customer who waited in the queue.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailOverSmtpTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PersistenceSettings db;
    private static Sql sql;
    private static InviteHub hub;
    private static Calls api;
    private static GreenMail smtp;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(30_000);
        smtp = new GreenMail(setup); // not started: the mail server is down at first
        db = TestHubs.freshDatabase();
        sql = new Sql(db);
        hub = InviteHub.builder(TestHubs.settings(Map.ofEntries(
                Map.entry("INVITEHUB_MAIL_TRANSPORT", "smtp"),
                Map.entry("INVITEHUB_SMTP_HOST", "127.0.0.1"),
                Map.entry("INVITEHUB_SMTP_PORT", Integer.toString(port)),
                Map.entry("INVITEHUB_SMTP_SECURITY", "none"),
                Map.entry("INVITEHUB_MAIL_FROM", "no-reply@invitehub.test"),
                Map.entry("INVITEHUB_SMTP_CONNECT_TIMEOUT", "1s"),
                Map.entry("INVITEHUB_SMTP_TIMEOUT", "5s"),
                Map.entry("INVITEHUB_MAIL_BACKOFF_BASE", "200ms"),
                Map.entry("INVITEHUB_MAIL_BACKOFF_MAX", "400ms"),
                Map.entry("INVITEHUB_MAIL_POLL_INTERVAL", "100ms"),
                Map.entry("INVITEHUB_PASSWORD_RESET_URL", "https://hub.example/console/reset-password#token=")))).persistence(db).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        api = new Calls(hub);
        admin = api.login("admin", "admin-password");
    }

    @AfterAll
    static void stop() {
        hub.close();
        smtp.stop();
    }

    @Test
    @Order(1)
    void aSignUpDuringAMailOutageSucceedsAndItsMailGoesOutWhenTheServerIsBack() throws Exception {
        HttpResponse<String> sent = api.send("POST", "/api/v1/auth/send-verification-code", null,
                "{\"email\":\"new.shop@example.com\",\"language\":\"en\"}");
        ok(sent, 200);
        // the workers keep trying while the server is down; the code inside the row is sealed
        await("two failed attempts", WAIT, () -> sql.count("select count(*) from mail_outbox where recipient = 'new.shop@example.com'"
                + " and status = 'PENDING' and attempts >= 2 and last_error is not null") == 1);
        assertThat(sql.text("select sealed_values from mail_outbox where recipient = 'new.shop@example.com'")).startsWith("ih1.");

        smtp.start();
        await("the mail", WAIT, () -> !to("new.shop@example.com").isEmpty());
        MimeMessage mail = to("new.shop@example.com").get(0);
        Matcher code = Pattern.compile("code: ([0-9]{6})$").matcher(mail.getSubject());
        assertThat(code.find()).as(mail.getSubject()).isTrue();
        assertThat(mail.getContent().toString()).contains("It is valid for 10 minutes");
        await("the row settled", WAIT, () -> sql.count("select count(*) from mail_outbox where recipient = 'new.shop@example.com'"
                + " and status = 'SENT' and sealed_values is null") == 1);

        HttpResponse<String> registered = api.send("POST", "/api/v1/auth/register-distributor", null,
                "{\"email\":\"new.shop@example.com\",\"username\":\"new_shop\",\"password\":\"long-enough-pw\",\"code\":\"" + code.group(1) + "\"}");
        ok(registered, 201);
    }

    @Test
    @Order(2)
    void aPasswordResetWorksOnceEndsEverySessionAndSaysNothingAboutUnknownAddresses() throws Exception {
        startServer();
        ok(api.send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"resetter\",\"email\":\"resetter@example.com\",\"password\":\"old-password\"}"), 201);
        String session = api.login("resetter", "old-password");

        HttpResponse<String> known = api.send("POST", "/api/v1/auth/password-reset/request", null,
                "{\"email\":\"Resetter@Example.com\",\"language\":\"zh-CN\"}");
        HttpResponse<String> unknown = api.send("POST", "/api/v1/auth/password-reset/request", null,
                "{\"email\":\"nobody-here@example.com\"}");
        ok(known, 202);
        ok(unknown, 202);
        assertThat(unknown.body()).isEqualTo(known.body());

        await("the reset mail", WAIT, () -> !to("resetter@example.com").isEmpty());
        MimeMessage mail = to("resetter@example.com").get(0);
        assertThat(mail.getSubject()).isEqualTo("重置您的 InviteHub 密码");
        Matcher link = Pattern.compile("https://hub\\.example/console/reset-password#token=([A-Za-z0-9_-]{43})").matcher(mail.getContent().toString());
        assertThat(link.find()).isTrue();
        String token = link.group(1);
        // only its hash is stored
        assertThat(sql.text("select token_hash from password_resets")).doesNotContain(token).hasSize(64);
        // a second request for the same e-mail within a minute is refused
        assertThat(api.send("POST", "/api/v1/auth/password-reset/request", null, "{\"email\":\"resetter@example.com\"}").statusCode())
                .isEqualTo(429);

        ok(api.send("POST", "/api/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + token + "\",\"new_password\":\"brand-new-password\"}"), 204);

        assertThat(api.send("GET", "/api/v1/auth/me", session, null).statusCode()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"resetter\",\"password\":\"old-password\"}").statusCode())
                .isEqualTo(401);
        api.login("resetter", "brand-new-password");
        HttpResponse<String> again = api.send("POST", "/api/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + token + "\",\"new_password\":\"another-password\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).get("code").asText()).isEqualTo("RESET_TOKEN_INVALID");
        assertThat(to("nobody-here@example.com")).isEmpty();
        assertThat(sql.count("select count(*) from mail_outbox where recipient = 'nobody-here@example.com'")).isZero();
        assertThat(sql.count("select count(*) from audit_log where action = 'PASSWORD_RESET'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void anExpiredResetLinkIsRefused() throws Exception {
        startServer();
        ok(api.send("POST", "/api/v1/admins/distributors/create", admin,
                "{\"username\":\"late\",\"email\":\"late@example.com\",\"password\":\"old-password\"}"), 201);
        ok(api.send("POST", "/api/v1/auth/password-reset/request", null, "{\"email\":\"late@example.com\",\"language\":\"en\"}"), 202);
        await("the reset mail", WAIT, () -> !to("late@example.com").isEmpty());
        Matcher link = Pattern.compile("#token=([A-Za-z0-9_-]{43})").matcher(to("late@example.com").get(0).getContent().toString());
        assertThat(link.find()).isTrue();
        sql.execute("update password_resets set expires_at = now() - interval '1 second'");

        HttpResponse<String> expired = api.send("POST", "/api/v1/auth/password-reset/confirm", null,
                "{\"token\":\"" + link.group(1) + "\",\"new_password\":\"brand-new-password\"}");

        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(json(expired).get("code").asText()).isEqualTo("RESET_TOKEN_INVALID");
        api.login("late", "old-password");
    }

    @Test
    @Order(4)
    void aCustomerWhoWaitedIsToldByMailWhenTheSeatIsTheirs() throws Exception {
        startServer();
        JsonNode team = json(ok(api.send("POST", "/api/v1/admin/teams", admin,
                "{\"name\":\"Seat Team\",\"provider_account_id\":\"acct-seat\",\"max_seats\":1}"), 201));
        JsonNode codes = json(ok(api.send("POST", "/api/v1/redeem-codes", admin,
                "{\"count\":2,\"max_uses\":1,\"validity_days\":30}"), 201)).get("codes");
        ok(api.send("POST", "/api/v1/public/redeem", null, "{\"code\":\"" + codes.get(0).asText() + "\",\"email\":\"first@example.com\"}"), 200);
        JsonNode waiting = json(ok(api.send("POST", "/api/v1/public/redeem", null,
                "{\"code\":\"" + codes.get(1).asText() + "\",\"email\":\"second@example.com\"}"), 200));
        assertThat(waiting.get("state").asText()).isEqualTo("WAITING_FOR_SEAT");
        assertThat(to("second@example.com")).isEmpty();

        ok(api.send("PATCH", "/api/v1/admin/teams/" + team.get("id").asLong(), admin, "{\"max_seats\":2}"), 200);

        await("the seat-ready mail", WAIT, () -> !to("second@example.com").isEmpty());
        MimeMessage mail = to("second@example.com").get(0);
        assertThat(mail.getSubject()).isEqualTo("您的席位已就绪：Seat Team");
        assertThat(mail.getContent().toString()).contains(waiting.get("invitation_id").asText());
        assertThat(to("first@example.com")).isEmpty();
    }

    private static void startServer() {
        if (!smtp.isRunning()) {
            smtp.start();
        }
    }

    private static List<MimeMessage> to(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.isRunning() ? smtp.getReceivedMessages() : new MimeMessage[0]) {
            try {
                if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) {
                    found.add(m);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }
}
