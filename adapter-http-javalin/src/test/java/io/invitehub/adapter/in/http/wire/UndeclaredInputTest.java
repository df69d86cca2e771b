package io.invitehub.adapter.in.http.wire;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HttpRequests} hands a handler only the inputs its route's {@link RequestShape} declares: reading
 * another one is a programming error, loud on the first request, never an unchecked value.
 */
class UndeclaredInputTest {
    private Javalin app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private HttpResponse<String> get(RequestShape shape, String parameter, String query) throws Exception {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.exception(Exception.class, (e, ctx) -> ctx.status(500).result(e.getClass().getSimpleName() + ": " + e.getMessage()));
            config.routes.addHttpHandler(HandlerType.GET, "/probe", ctx -> {
                shape.admit(ctx, Set.of());
                ctx.result("read " + HttpRequests.queryParam(ctx, parameter));
            });
        }).start(0);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/probe?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDeclaredParameterIsHandedOut() throws Exception {
        HttpResponse<String> response = get(RequestShape.none().query(Field.text("q", 10)), "q", "q=abc");
        assertThat(response.body()).isEqualTo("read abc");
    }

    @Test
    void anUndeclaredParameterIsNeverHandedOut() throws Exception {
        HttpResponse<String> response = get(RequestShape.none().query(Field.text("q", 10)), "from", "from=%00");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("IllegalStateException: GET /probe reads the query parameter 'from' that its route's"
                + " request shape does not declare");
    }
}
