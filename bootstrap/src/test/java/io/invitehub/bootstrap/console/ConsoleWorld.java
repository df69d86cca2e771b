package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.application.mail.port.out.Mailer;
import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.bootstrap.InviteHub;
import io.invitehub.bootstrap.TestHubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real service for the browser tests: bootstrap's own wiring (workers on) on a fresh embedded
 * PostgreSQL, the simulated team provider and the sandbox gateway, HTTP on a random port. Data is
 * set up through the JSON API like any client would; verification mails are kept to be read back.
 */
final class ConsoleWorld implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final InviteHub hub;
    /** The fresh database the service runs on, for tests that recount from the tables. */
    final PersistenceSettings database;
    final String base;
    final String admin;
    /** The last verification code mailed to each address. */
    final Map<String, String> mailedCodes = new ConcurrentHashMap<>();
    /** The last password-reset link mailed to each address. */
    final Map<String, String> mailedResetLinks = new ConcurrentHashMap<>();

    ConsoleWorld(Map<String, String> overrides) {
        PersistenceSettings db = TestHubs.freshDatabase();
        database = db;
        Map<String, String> settings = new HashMap<>(Map.of("INVITEHUB_SIM_ACCEPT_DELAY", "0ms", "INVITEHUB_SYNC_INTERVAL", "1s",
                "INVITEHUB_FULFILMENT_BATCH", "5", "INVITEHUB_QUEUE_POLL_INTERVAL", "200ms", "INVITEHUB_LIFECYCLE_INTERVAL", "1s"));
        settings.putAll(overrides);
        Mailer mailer = mail -> {
            if (mail.template() == MailTemplate.VERIFICATION_CODE) {
                mailedCodes.put(mail.to().value(), mail.values().get("code"));
            } else if (mail.template() == MailTemplate.PASSWORD_RESET) {
                mailedResetLinks.put(mail.to().value(), mail.values().get("link"));
            }
        };
        hub = InviteHub.builder(TestHubs.settings(settings)).persistence(db).mailer(mailer).start();
        hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
        base = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
        admin = login("admin", "admin-password");
    }

    // ---- setting up through the API --------------------------------------------------------------

    String login(String username, String password) {
        return json(ok(send("POST", "/api/v1/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"), 200)).get("access_token").asText();
    }

    long team(String name, int seats) {
        return json(ok(send("POST", "/api/v1/admin/teams", admin, "{\"name\":\"" + name + "\",\"provider_account_id\":\"acct-"
                + name.replace(' ', '-') + "\",\"max_seats\":" + seats + "}"), 201)).get("id").asLong();
    }

    long plan(String name, String price, int codeCount) {
        return json(ok(send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"" + name + "\",\"price\":\"" + price
                + "\",\"code_count\":" + codeCount + ",\"code_max_uses\":1,\"validity_days\":30,\"recommended\":true}"), 201))
                .get("id").asLong();
    }

    /** A PUBLIC plan on sale: what the official link shows customers, with its price. */
    long publicPlan(String name, String price) {
        return json(ok(send("POST", "/api/v1/admin/code-plans", admin, "{\"name\":\"" + name + "\",\"plan_type\":\"PUBLIC\",\"price\":\""
                + price + "\",\"code_count\":1,\"code_max_uses\":1,\"validity_days\":30,\"recommended\":true,"
                + "\"description\":\"One seat for 30 days\"}"), 201)).get("id").asLong();
    }

    /** An APPROVED distributor created by the admin; its id. */
    long distributor(String username, String password) {
        return json(ok(send("POST", "/api/v1/admins/distributors/create", admin, "{\"username\":\"" + username + "\",\"email\":\""
                + username + "@example.com\",\"password\":\"" + password + "\"}"), 201)).get("id").asLong();
    }

    /** An OPERATOR created by the admin, who replaced the temporary password with {@code password} (ADR 50); its id. */
    long operator(String username, String password) {
        JsonNode created = json(ok(send("POST", "/api/v1/admin/accounts", admin, "{\"username\":\"" + username + "\"}"), 201));
        String temporary = created.get("temporary_password").asText();
        String token = login(username, temporary);
        ok(send("POST", "/api/v1/auth/change-password", token, "{\"old_password\":\"" + temporary + "\",\"new_password\":\"" + password + "\"}"), 204);
        return created.get("account").get("id").asLong();
    }

    /**
     * A distributor that signed up with the mailed code and waits for approval (PENDING); its id. The code is asked
     * from {@code clientAddress} (through the trusted proxy the world must then be configured with,
     * INVITEHUB_TRUSTED_PROXIES=127.0.0.1): one code a minute per address.
     */
    long signUp(String username, String password, String clientAddress) {
        String email = username + "@example.com";
        ok(sendRaw(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/send-verification-code")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientAddress).POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}"))), 200);
        String code = await(() -> mailedCodes.get(email));
        return json(ok(sendRaw(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/register-distributor"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", clientAddress)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"username\":\"" + username
                        + "\",\"password\":\"" + password + "\",\"code\":\"" + code + "\"}"))), 201)).get("id").asLong();
    }

    List<String> grant(long distributor, int count) {
        JsonNode issued = json(ok(send("POST", "/api/v1/distributors/" + distributor + "/grant-codes", admin,
                "{\"count\":" + count + ",\"max_uses\":1,\"validity_days\":30}"), 201));
        List<String> codes = new ArrayList<>();
        issued.get("codes").forEach(c -> codes.add(c.asText()));
        return codes;
    }

    JsonNode redeem(String code, String email) {
        return json(ok(send("POST", "/api/v1/public/redeem", null, "{\"code\":\"" + code + "\",\"email\":\"" + email + "\"}"), 200));
    }

    /** Pays an order the way the sandbox page does and waits until its codes are delivered. */
    JsonNode buy(String token, long planId, int quantity) {
        JsonNode placed = place(token, planId, quantity);
        String answer = pay(placed);
        if (!"success".equals(answer)) {
            throw new AssertionError("the sandbox notification was refused: " + answer);
        }
        return await(() -> {
            JsonNode order = json(ok(send("GET", "/api/v1/distributors/me/code-orders/" + placed.get("order_no").asText(), token, null), 200));
            return "COMPLETED".equals(order.get("fulfillment_status").asText()) ? order : null;
        });
    }

    /** An order placed and not paid: {order_no, amount, pay_url, …}. */
    JsonNode place(String token, long planId, int quantity) {
        return json(ok(send("POST", "/api/v1/distributors/me/code-orders", token,
                "{\"plan_id\":" + planId + ",\"quantity\":" + quantity + ",\"pay_type\":\"alipay\"}"), 201));
    }

    /** Sends the payment notification the sandbox pay page would send for {@code placed}; the gateway's answer ({@code success}/{@code fail}). */
    String pay(JsonNode placed) {
        String page = ok(send("GET", placed.get("pay_url").asText().substring(base.length()), null, null), 200).body();
        java.util.regex.Matcher field = java.util.regex.Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page);
        StringBuilder form = new StringBuilder();
        while (field.find()) {
            form.append(form.length() == 0 ? "" : "&").append(field.group(1)).append('=')
                    .append(java.net.URLEncoder.encode(unescape(field.group(2)), java.nio.charset.StandardCharsets.UTF_8));
        }
        return sendRaw(HttpRequest.newBuilder(URI.create(base + "/api/v1/public/shop/notify"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString()))).body();
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    JsonNode get(String path, String token) {
        return json(ok(send("GET", path, token, null), 200));
    }

    /** Polls {@code check} until it answers non-null (30 s). */
    static <T> T await(java.util.function.Supplier<T> check) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            T value = check.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------------

    HttpResponse<String> send(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return sendRaw(request);
    }

    private HttpResponse<String> sendRaw(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static HttpResponse<String> ok(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        hub.close();
    }
}
