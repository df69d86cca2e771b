package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.domain.user.Role;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The real server on a random port, driven through {@link HttpClient}, with in-memory in-ports. Register it
 * as an extension ({@code @RegisterExtension final ApiFixture api = new ApiFixture();}): a fresh server per
 * test, stopped after each one.
 */
final class ApiFixture implements AutoCloseable, AfterEachCallback {
    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";

    final InPortFakes.Redeem redeem = new InPortFakes.Redeem();
    final InPortFakes.Queries queries = new InPortFakes.Queries();
    final InPortFakes.Teams teams = new InPortFakes.Teams();
    final InPortFakes.IssueCodes issueCodes = new InPortFakes.IssueCodes();
    final InPortFakes.ReadSide readSide = new InPortFakes.ReadSide();
    final InPortFakes.Recipients recipients = new InPortFakes.Recipients();
    final MemberPortFakes members = new MemberPortFakes();
    final ShopFakes shop = new ShopFakes();
    final BrandFakes brands = new BrandFakes();
    final InPortFakes.Accounts accounts = new InPortFakes.Accounts()
            .with("admin", "admin-pass", Role.ADMIN)
            .with("operator", "operator-pass", Role.OPERATOR)
            .with("reseller", "reseller-pass", Role.DISTRIBUTOR)
            .with("newcomer", "newcomer-pass", Role.DISTRIBUTOR, io.invitehub.domain.user.Approval.PENDING);
    final AtomicBoolean databaseUp = new AtomicBoolean(true);
    final HttpApi api;
    final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    ApiFixture() {
        this(Set.of());
    }

    ApiFixture(Set<String> trustedProxies) {
        api = new HttpApi(new HttpPorts(redeem, queries, teams, issueCodes, accounts, accounts, accounts, accounts, readSide, readSide,
                recipients, members, members, members, shop.api(), brands.api(), brands, accounts, new NoWebhooks(),
                new StaffFakes().ports(), new InPortFakes.Exports(), new InPortFakes.Crm(), new InPortFakes.Settlement(),
                new InPortFakes.Settlement(),
                (request, write) -> new io.invitehub.application.idempotency.port.in.IdempotentWritesUseCase.Outcome(write.get(), false)),
                new HttpSettings("127.0.0.1", 0, 16, 2, Duration.ofSeconds(30), trustedProxies),
                databaseUp::get, Clock.fixed(InPortFakes.NOW, ZoneOffset.UTC));
        port = api.start();
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    HttpResponse<String> method(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<String> withBody(String method, String path, String jsonBody, String... headers) {
        return send(request(path, headers).header("Content-Type", JSON)
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8)).build());
    }

    /** The Authorization header of the user's current token. */
    String[] bearer(String username) {
        return new String[]{"Authorization", "Bearer " + InPortFakes.Accounts.tokenOf(accounts.user(username))};
    }

    HttpResponse<String> delete(String path, String... headers) {
        return send(request(path, headers).DELETE().build());
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        api.stop();
    }
}
