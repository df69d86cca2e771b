package io.invitehub.adapter.out.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.invitehub.application.mail.port.out.MailException;
import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.application.shared.port.out.OutgoingMail;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.Language;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SMTP mailer against GreenMail in this JVM: plain with login, implicit TLS, refusals, an outage, a hung server. */
class SmtpMailerTest {
    private static final MailTemplates TEMPLATES = MailTemplates.load();
    private static final OutgoingMail CODE_ZH = new OutgoingMail(Email.of("shop@example.com"), Language.ZH_CN, MailTemplate.VERIFICATION_CODE,
            Map.of("code", "042917", "minutes", "10"));

    private GreenMail server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A GreenMail server on a free port; its start (TLS key loading) may be slow on a loaded machine. */
    static ServerSetup setup(String protocol) throws Exception {
        ServerSetup setup = new ServerSetup(freePort(), "127.0.0.1", protocol);
        setup.setServerStartupTimeout(30_000);
        return setup;
    }

    private static SmtpSettings settings(int port, SmtpSettings.Security security, Optional<String> user, Optional<String> password) {
        return new SmtpSettings("127.0.0.1", port, security, user, password, "no-reply@invitehub.test", Optional.of("InviteHub 邀请"),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Optional.empty(), true);
    }

    @Test
    void aPlainRelayWithLoginGetsTheRenderedChineseMail() throws Exception {
        server = new GreenMail(setup(ServerSetup.PROTOCOL_SMTP));
        server.setUser("no-reply@invitehub.test", "mailer", "s3cret-pass");
        server.start();

        new SmtpMailer(settings(server.getSmtp().getPort(), SmtpSettings.Security.NONE, Optional.of("mailer"), Optional.of("s3cret-pass")),
                TEMPLATES).send(CODE_ZH);

        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("InviteHub 验证码：042917");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("shop@example.com");
        assertThat(received[0].getFrom()[0].toString()).contains("no-reply@invitehub.test");
        assertThat(received[0].getHeader("Content-Language")).containsExactly("zh-CN");
        String body = GreenMailUtil.getBody(received[0]);
        assertThat(received[0].getContent().toString()).contains("您的 InviteHub 注册验证码是：042917").contains("10 分钟内有效");
        assertThat(body).isNotEmpty();
    }

    @Test
    void aWrongPasswordIsATemporaryFailure() throws Exception {
        server = new GreenMail(setup(ServerSetup.PROTOCOL_SMTP));
        server.setUser("no-reply@invitehub.test", "mailer", "s3cret-pass");
        server.start();

        SmtpMailer mailer = new SmtpMailer(settings(server.getSmtp().getPort(), SmtpSettings.Security.NONE, Optional.of("mailer"),
                Optional.of("wrong")), TEMPLATES);

        assertThatThrownBy(() -> mailer.send(CODE_ZH)).isInstanceOfSatisfying(MailException.class, e -> {
            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).isEqualTo("the mail server refused the login").doesNotContain("wrong");
        });
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void implicitTlsCarriesTheMail() throws Exception {
        server = new GreenMail(setup(ServerSetup.PROTOCOL_SMTPS));
        server.start();
        SmtpSettings tls = settings(server.getSmtps().getPort(), SmtpSettings.Security.SMTPS, Optional.empty(), Optional.empty())
                // GreenMail's own certificate names no host: trust it explicitly, without the host-name check
                .withSocketFactory(trusting("greenmail.p12", "changeit"), false);

        OutgoingMail reset = new OutgoingMail(Email.of("d@example.com"), Language.EN, MailTemplate.PASSWORD_RESET,
                Map.of("link", "https://hub.example/console/reset-password#token=abc", "minutes", "30"));
        new SmtpMailer(tls, TEMPLATES).send(reset);

        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Reset your InviteHub password");
        assertThat(received[0].getContent().toString()).contains("https://hub.example/console/reset-password#token=abc")
                .contains("within 30 minutes");
    }

    @Test
    void implicitTlsRefusesACertificateItDoesNotTrust() throws Exception {
        server = new GreenMail(setup(ServerSetup.PROTOCOL_SMTPS));
        server.start();
        SmtpMailer mailer = new SmtpMailer(settings(server.getSmtps().getPort(), SmtpSettings.Security.SMTPS, Optional.empty(),
                Optional.empty()), TEMPLATES);

        assertThatThrownBy(() -> mailer.send(CODE_ZH)).isInstanceOfSatisfying(MailException.class, e -> assertThat(e.permanent()).isFalse());
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void starttlsIsRequiredNotOptional() throws Exception {
        // GreenMail's SMTP offers no STARTTLS: a mailer that requires it sends nothing in the clear
        server = new GreenMail(setup(ServerSetup.PROTOCOL_SMTP));
        server.start();
        SmtpMailer mailer = new SmtpMailer(settings(server.getSmtp().getPort(), SmtpSettings.Security.STARTTLS, Optional.empty(),
                Optional.empty()), TEMPLATES);

        assertThatThrownBy(() -> mailer.send(CODE_ZH)).isInstanceOf(MailException.class);
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRecipientRefusedWith5xxIsPermanentAnd4xxIsNot() throws Exception {
        assertThat(refusalOfRecipient("550 5.1.1 no such user")).isTrue();
        assertThat(refusalOfRecipient("451 4.3.0 try again later")).isFalse();
    }

    /** A scripted server that accepts everything but the recipient; answers whether the mailer called it permanent. */
    private static boolean refusalOfRecipient(String answer) throws Exception {
        try (ServerSocket script = new ServerSocket(0)) {
            Thread server = new Thread(() -> {
                try (Socket s = script.accept();
                     java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                             java.nio.charset.StandardCharsets.US_ASCII));
                     java.io.Writer out = new java.io.OutputStreamWriter(s.getOutputStream(), java.nio.charset.StandardCharsets.US_ASCII)) {
                    out.write("220 script ESMTP\r\n");
                    out.flush();
                    String line;
                    while ((line = in.readLine()) != null) {
                        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                        switch (command) {
                            case "EHLO": out.write("250 script\r\n"); break;
                            case "RCPT": out.write(answer + "\r\n"); break;
                            case "QUIT": out.write("221 bye\r\n"); out.flush(); return;
                            default: out.write("250 ok\r\n");
                        }
                        out.flush();
                    }
                } catch (Exception ignored) {
                    // the client went away
                }
            });
            server.start();
            SmtpMailer mailer = new SmtpMailer(settings(script.getLocalPort(), SmtpSettings.Security.NONE, Optional.empty(), Optional.empty()),
                    TEMPLATES);
            try {
                mailer.send(CODE_ZH);
                throw new AssertionError("the refused mail counted as sent");
            } catch (MailException e) {
                server.join(2_000);
                return e.permanent();
            }
        }
    }

    @Test
    void noServerIsATemporaryFailureWithinTheConnectTimeout() throws Exception {
        SmtpMailer mailer = new SmtpMailer(settings(freePort(), SmtpSettings.Security.NONE, Optional.empty(), Optional.empty()), TEMPLATES);

        long start = System.nanoTime();
        assertThatThrownBy(() -> mailer.send(CODE_ZH)).isInstanceOfSatisfying(MailException.class, e -> assertThat(e.permanent()).isFalse());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aServerThatNeverAnswersIsLeftAfterTheReadTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(silent.accept()); // accepts, then says nothing (no 220 greeting)
                } catch (Exception ignored) {
                    // closed by the test
                }
            });
            acceptor.start();
            SmtpMailer mailer = new SmtpMailer(new SmtpSettings("127.0.0.1", silent.getLocalPort(), SmtpSettings.Security.NONE,
                    Optional.empty(), Optional.empty(), "no-reply@invitehub.test", Optional.empty(), Duration.ofSeconds(2),
                    Duration.ofMillis(700), Optional.empty(), true), TEMPLATES);

            long start = System.nanoTime();
            assertThatThrownBy(() -> mailer.send(CODE_ZH)).isInstanceOfSatisfying(MailException.class, e -> assertThat(e.permanent()).isFalse());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofSeconds(5));
            acceptor.join(1_000);
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void everyTemplateRendersInEveryLanguageWithNothingLeftOver() {
        for (MailTemplate template : MailTemplate.values()) {
            Map<String, String> values = new java.util.HashMap<>();
            template.keys().forEach(k -> values.put(k, "<" + k + ">"));
            for (Language language : Language.values()) {
                MailTemplates.Rendered r = TEMPLATES.render(new OutgoingMail(Email.of("x@example.com"), language, template, values));
                assertThat(r.subject()).isNotBlank().doesNotContain("{{");
                assertThat(r.body()).doesNotContain("{{");
                template.keys().forEach(k -> assertThat(r.subject() + r.body()).contains("<" + k + ">"));
            }
        }
    }

    private static SSLSocketFactory trusting(String resource, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = GreenMail.class.getClassLoader().getResourceAsStream(resource)) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
