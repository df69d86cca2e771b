package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.invitehub.adapter.in.http.ApiFixture.FORM;
import static io.invitehub.adapter.in.http.ApiFixture.JSON;
import static io.invitehub.adapter.in.http.ApiFixture.contentType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge of ADR 33 on the real server: content types per route (415), inputs refused naming the field
 * before any use case runs, HEAD through the access guard, Jetty's own refusals as problem details, and
 * the headers every answer carries.
 */
class EdgeRoutesTest {
    private static final String REDEEM = "/api/v1/public/redeem";

    @RegisterExtension
    final ApiFixture api = new ApiFixture();

    private JsonNode problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(contentType(response)).isEqualTo("application/problem+json");
        JsonNode problem = api.json(response);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    // ---- content types ------------------------------------------------------------------------------

    @Test
    void aBodyOfAnUndeclaredContentTypeIsA415NamingWhatTheRouteAccepts() {
        JsonNode text = problem(api.post(REDEEM, "text/plain", "{\"code\":\"x\",\"email\":\"a@example.com\"}"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(text.get("type").asText()).isEqualTo("https://invitehub.dev/problems/unsupported-media-type");
        assertThat(text.get("detail").asText()).isEqualTo(
                "The request body must be application/json or application/x-www-form-urlencoded, not 'text/plain'.");
        problem(api.post(REDEEM, "multipart/form-data; boundary=x", "--x--"), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(api.post(REDEEM, "application/json; charset=UTF-16", "{}"), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(api.post("/api/v1/public/opt-out", FORM, "code=x&email=a@example.com"), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(api.post("/api/v1/public/shop/notify", JSON, "{}"), 415, "UNSUPPORTED_MEDIA_TYPE");
        JsonNode noBody = problem(api.post("/api/v1/admins/distributors/3/approve", JSON, "{}", api.bearer("admin")), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertThat(noBody.get("detail").asText()).isEqualTo("This route takes no request body.");
        assertThat(api.redeem.calls).isEmpty();
        assertThat(api.accounts.calls).noneMatch(call -> call.startsWith("approve"));
    }

    @Test
    void jsonAndFormAreReadWhereDeclaredWithOrWithoutACharset() {
        String code = InPortFakes.CODE.display();
        assertThat(api.post(REDEEM, "application/json; charset=utf-8", "{\"code\":\"" + code + "\",\"email\":\"a@example.com\"}")
                .statusCode()).isEqualTo(200);
        assertThat(api.post(REDEEM, "Application/X-WWW-Form-Urlencoded;charset=UTF-8", "code=" + code + "&email=b@example.com")
                .statusCode()).isEqualTo(200);
        assertThat(api.redeem.calls).hasSize(2);
        assertThat(api.post("/api/v1/admins/distributors/3/approve", JSON, "", api.bearer("admin")).statusCode())
                .as("an empty body is no body, whatever its type").isNotEqualTo(415);
    }

    @Test
    void aMultipartFormIsReadOnlyByTheReferenceLoginAndCheckedThereLikeAnyForm() {
        String login = Route.REFERENCE_PREFIX + "/auth/login";
        String type = "multipart/form-data; boundary=zz";
        HttpResponse<String> signedIn = api.post(login, type, multipart("username", "admin", "password", "admin-pass"));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(api.json(signedIn).get("token_type").asText()).isEqualTo("bearer");
        assertThat(api.accounts.calls).containsExactly("login admin from 127.0.0.1");

        JsonNode unknown = problem(api.post(login, type, multipart("username", "admin", "role", "admin")), 400, "VALIDATION_FAILED");
        assertThat(unknown.get("field").asText()).isEqualTo("role");
        JsonNode twice = problem(api.post(login, type, multipart("username", "a", "username", "b")), 400, "VALIDATION_FAILED");
        assertThat(twice.get("field").asText()).isEqualTo("username");
        JsonNode nul = problem(api.post(login, type, multipart("username", "ad\u0000min", "password", "x")), 400, "VALIDATION_FAILED");
        assertThat(nul.get("field").asText()).isEqualTo("username");
        String file = "--zz\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nx\r\n--zz--\r\n";
        assertThat(problem(api.post(login, type, file), 400, "VALIDATION_FAILED").get("field").asText()).isEqualTo("upload");

        HttpResponse<String> garbled = api.post(login, type, "--zz\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin");
        assertThat(problem(garbled, 400, "VALIDATION_FAILED").has("field")).as("the body as a whole is at fault").isFalse();
        assertThat(garbled.headers().firstValue("Connection")).hasValue("close");
        HttpResponse<String> large = api.post(login, type, multipart("username", "a".repeat(HttpApi.MULTIPART_LIMIT_KB * 1024)));
        assertThat(problem(large, 400, "VALIDATION_FAILED").get("detail").asText()).contains("at most 16 KiB");
        assertThat(large.headers().firstValue("Connection")).hasValue("close");
        assertThat(api.accounts.calls).as("no refused form reached the sign-in").hasSize(1);

        // everywhere else a multipart body is a type the route does not take
        problem(api.post("/api/v1/auth/login", type, multipart("username", "admin", "password", "x")), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(api.post(Route.REFERENCE_PREFIX + "/public/redeem", type, multipart("code", "x")), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(api.post(login, JSON, "{\"username\":\"admin\"}"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void theReferenceDialectsRoutesAreInstalledLikeInviteHubsOwn() {
        String ref = Route.REFERENCE_PREFIX;
        HttpResponse<String> head = api.method("HEAD", ref + "/setup/status");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(head.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.method("HEAD", ref + "/auth/me").statusCode()).as("HEAD through the access guard").isEqualTo(401);
        JsonNode limit = problem(api.get(ref + "/distributors/me/sales?limit=ten", api.bearer("reseller")), 400, "VALIDATION_FAILED");
        assertThat(limit.get("field").asText()).isEqualTo("limit");
        JsonNode id = problem(api.method("PUT", ref + "/redeem-codes/0/toggle", api.bearer("reseller")), 400, "VALIDATION_FAILED");
        assertThat(id.get("field").asText()).isEqualTo("id");
        JsonNode unknown = problem(api.post(ref + "/public/rebind", JSON, "{\"code\":\"x\",\"email\":\"a@example.com\",\"zz\":1}"), 400,
                "VALIDATION_FAILED");
        assertThat(unknown.get("field").asText()).isEqualTo("zz");
        problem(api.post(ref + "/public/rebind", FORM, "code=x&email=a@example.com"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(api.members.calls).as("nothing refused reached a use case").isEmpty();
    }

    private static String multipart(String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.append("--zz\r\nContent-Disposition: form-data; name=\"").append(namesAndValues[i]).append("\"\r\n\r\n")
                    .append(namesAndValues[i + 1]).append("\r\n");
        }
        return body.append("--zz--\r\n").toString();
    }

    @Test
    void theAccessGuardAnswersBeforeTheBodyIsLookedAt() {
        problem(api.post("/api/v1/admin/teams", "text/plain", "\u0000"), 401, "UNAUTHORIZED");
        problem(api.post("/api/v1/admin/teams", "text/plain", "x", api.bearer("reseller")), 403, "FORBIDDEN");
    }

    // ---- inputs ------------------------------------------------------------------------------------

    @Test
    void aRefusedInputIsNamedInFieldAndDetailAndNoUseCaseRuns() {
        JsonNode nul = problem(api.post(REDEEM, JSON, "{\"code\":\"HUB2-7KQ3-M9XH-2RTW\",\"email\":\"a\\u0000@example.com\"}"), 400,
                "VALIDATION_FAILED");
        assertThat(nul.get("field").asText()).isEqualTo("email");
        assertThat(nul.get("detail").asText()).isEqualTo("email must not contain a NUL character (U+0000)");

        JsonNode unknown = problem(api.post(REDEEM, JSON, "{\"code\":\"HUB2-7KQ3-M9XH-2RTW\",\"email\":\"a@example.com\",\"emial\":1}"),
                400, "VALIDATION_FAILED");
        assertThat(unknown.get("field").asText()).isEqualTo("emial");
        assertThat(unknown.get("detail").asText()).isEqualTo("unknown field 'emial'; this request takes code, email");

        JsonNode twice = problem(api.post(REDEEM, JSON, "{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}"), 400, "VALIDATION_FAILED");
        assertThat(twice.get("field").asText()).isEqualTo("email");
        JsonNode formTwice = problem(api.post(REDEEM, FORM, "email=a@example.com&email=b@example.com"), 400, "VALIDATION_FAILED");
        assertThat(formTwice.get("field").asText()).isEqualTo("email");
        JsonNode formUnknown = problem(api.post(REDEEM, FORM, "code=x&mail=b@example.com"), 400, "VALIDATION_FAILED");
        assertThat(formUnknown.get("field").asText()).isEqualTo("mail");

        JsonNode query = problem(api.get("/api/v1/distributors/me/sales?q=%1b%5b2J", api.bearer("reseller")), 400, "VALIDATION_FAILED");
        assertThat(query.get("field").asText()).isEqualTo("q");
        JsonNode path = problem(api.get("/api/v1/redeem-codes/0/records", api.bearer("admin")), 400, "VALIDATION_FAILED");
        assertThat(path.get("field").asText()).isEqualTo("id");
        assertThat(path.get("detail").asText()).isEqualTo("code id must be a positive number");

        JsonNode whole = problem(api.post(REDEEM, JSON, "[1]"), 400, "VALIDATION_FAILED");
        assertThat(whole.has("field")).as("the body as a whole is at fault").isFalse();
        assertThat(api.redeem.calls).isEmpty();
        assertThat(api.readSide.calls).isEmpty();
    }

    @Test
    void undeclaredQueryParametersAreIgnored() {
        assertThat(api.get("/api/v1/public/seats?_=1700000000&x=%00", "Accept", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWholeWithA413Problem() {
        JsonNode tooLarge = problem(api.post(REDEEM, JSON, "{\"code\":\"" + "a".repeat(300_000) + "\"}"), 413, "PAYLOAD_TOO_LARGE");
        assertThat(tooLarge.get("detail").asText()).isEqualTo("The request body is larger than the 262144 bytes any route reads.");
    }

    // ---- HEAD ----------------------------------------------------------------------------------------

    @Test
    void headOnAProtectedRouteIsGuardedLikeGet() {
        HttpResponse<String> anonymous = api.method("HEAD", "/api/v1/auth/me");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue(ProblemMapper.WWW_AUTHENTICATE);
        assertThat(api.method("HEAD", "/api/v1/admin/teams", api.bearer("reseller")).statusCode()).isEqualTo(403);
        HttpResponse<String> signedIn = api.method("HEAD", "/api/v1/auth/me", api.bearer("reseller"));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).isEmpty();
        assertThat(contentType(signedIn)).startsWith("application/json");
        assertThat(api.method("HEAD", "/api/v1/redeem-codes/x/records", api.bearer("admin")).statusCode()).isEqualTo(400);
        assertThat(api.method("HEAD", "/api/v1/nothing-here").statusCode()).isEqualTo(404);
    }

    // ---- Jetty's own refusals ------------------------------------------------------------------------

    @Test
    void whatJettyRefusesBeforeRoutingIsAProblemToo() throws Exception {
        String nul = raw("GET /api/v1/public/invitations/a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(nul).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json", "X-Content-Type-Options: nosniff",
                "\"code\":\"MALFORMED_REQUEST\"");
        String badUtf8 = raw("GET /api/v1/public/invitations/%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(badUtf8).startsWith("HTTP/1.1 400 ").contains("\"code\":\"MALFORMED_REQUEST\"");
        String longUri = raw("GET /api/v1/public/status?code=" + "A".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(longUri).startsWith("HTTP/1.1 414 ").contains("Content-Type: application/problem+json", "\"code\":\"URI_TOO_LONG\"",
                "X-Content-Type-Options: nosniff");
        String longHeader = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(longHeader).startsWith("HTTP/1.1 431 ").contains("application/problem+json", "\"code\":\"HEADERS_TOO_LARGE\"");
    }

    @Test
    void aRequestJettyCannotParseEndsItsConnectionAndTheAnswerSaysSo() throws Exception {
        // a keep-alive request: only the answer's Connection header tells the client not to reuse the socket
        for (String request : java.util.List.of(
                "GET /api/v1/public/status?code=" + "A".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n")) {
            String answer = raw(request + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(answer).as(request.substring(0, 40)).matches("(?s)HTTP/1\\.1 4(00|14|31) .*")
                    .contains("Connection: close", "application/problem+json");
            assertThat(answer.split("HTTP/1\\.1 ", -1)).as("one answer, none for the request behind it").hasSize(2);
        }
    }

    /**
     * A 200 KB query answers 414 however its bytes arrive: Jetty's HttpConnection parses every read as it comes and its
     * parser appends the URI's bytes as it counts them, so the limit is crossed inside the URI whatever the reads' sizes
     * (tiny writes, writes around the 8 KiB limit and the input buffer's size, pauses between them). Over-long headers
     * arriving the same way stay 431.
     */
    @Test
    void anOverLongRequestLineIs414AndOverLongHeadersAre431WhateverTheSegmentation() throws Exception {
        byte[] longUri = ("GET /api/v1/public/status?code=" + "1".repeat(200 * 1024) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] longHeader = ("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(200 * 1024) + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int[] chunks : new int[][] {{1}, {3}, {4, 1}, {7}, {100}, {8191}, {8192}, {8193}, {16_383, 1}, {16_384}, {65_536}, {1, 8192, 2}}) {
            String uri = inChunks(longUri, chunks);
            assertThat(uri).as("URI in chunks %s", java.util.Arrays.toString(chunks)).startsWith("HTTP/1.1 414 ")
                    .contains("\"code\":\"URI_TOO_LONG\"");
            String header = inChunks(longHeader, chunks);
            assertThat(header).as("header in chunks %s", java.util.Arrays.toString(chunks)).startsWith("HTTP/1.1 431 ")
                    .contains("\"code\":\"HEADERS_TOO_LARGE\"");
        }
    }

    /**
     * Jetty answers 414 only when its parser crosses the limit inside the URI; crossing it anywhere else in a request line
     * it has not finished (here a 200 KB query's tail parsed from its start, as the method) it answers 431, the answer to
     * over-long headers. Such a request line is answered 414 too; a finished request line with over-long headers stays 431.
     */
    @Test
    void anOverLongRequestLineIs414WhereverTheParserCrossesTheLimit() throws Exception {
        String tail = raw("1".repeat(200 * 1024) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(tail).startsWith("HTTP/1.1 414 ").contains("application/problem+json", "\"code\":\"URI_TOO_LONG\"",
                "\"status\":414", "X-Content-Type-Options: nosniff", "Connection: close").doesNotContain("badMessage");
        String longMethod = raw("G".repeat(9_000) + " /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(longMethod).startsWith("HTTP/1.1 414 ").contains("\"code\":\"URI_TOO_LONG\"");
        String headers = raw("GET /health HTTP/1.1\r\nHost: x\r\n" + "X-A: b\r\n".repeat(2_000) + "Connection: close\r\n\r\n");
        assertThat(headers).startsWith("HTTP/1.1 431 ").contains("\"code\":\"HEADERS_TOO_LARGE\"", "\"status\":431");
    }

    /** Writes the request in chunks of these sizes in turn (the last repeats), flushing each and pausing now and then. */
    private String inChunks(byte[] request, int[] sizes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port)) {
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            int at = 0;
            try {
                for (int i = 0; at < request.length; i++) {
                    int n = Math.min(request.length - at, sizes[Math.min(i, sizes.length - 1)]);
                    out.write(request, at, n);
                    out.flush();
                    at += n;
                    if (i < 3 || i % 64 == 0) {
                        Thread.sleep(2);
                    }
                }
            } catch (java.io.IOException closedEarly) {
                // the server answers before reading it all and closes: its answer is still there to read
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- response headers ----------------------------------------------------------------------------

    @Test
    void everyAnswerForbidsSniffingAndEveryRoutesAnswerIsNeverStored() {
        for (HttpResponse<String> response : java.util.List.of(api.get("/health"), api.get("/api/v1/auth/me"),
                api.get("/api/v1/auth/me", api.bearer("reseller")), api.post("/api/v1/auth/login", FORM, "username=reseller&password=reseller-pass"),
                api.post(REDEEM, "text/plain", "x"), api.get("/api/v1/public/shop/return"))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(response.uri().toString()).hasValue("nosniff");
            assertThat(response.headers().firstValue("Cache-Control")).as(response.uri() + " " + response.statusCode()).hasValue("no-store");
        }
        for (HttpResponse<String> response : java.util.List.of(api.get("/api/v1/nothing-here"), api.method("DELETE", REDEEM))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(response.uri().toString()).hasValue("nosniff");
        }
    }

    @Test
    void htmlAnswersCarryTheContentSecurityPolicyAndJsonAnswersDoNot() {
        HttpResponse<String> page = api.get("/api/v1/public/shop/return");
        assertThat(contentType(page)).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'");
        assertThat(api.get("/api/v1/public/seats").headers().firstValue("Content-Security-Policy")).isEmpty();
    }
}
