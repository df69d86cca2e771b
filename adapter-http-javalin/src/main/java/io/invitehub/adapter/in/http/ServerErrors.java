package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's own refusals, before any route is matched (a path with {@code %00} or bad UTF-8, a request
 * line or headers over the limits), as problem details like every other error instead of Jetty's HTML
 * page: {@code 400 MALFORMED_REQUEST}, {@code 414 URI_TOO_LONG}, {@code 431 HEADERS_TOO_LARGE}.
 */
final class ServerErrors extends ErrorHandler {
    /** Every answer carries it (the server adds it to the others); set here for the answers Jetty writes itself. */
    private static final HttpField NOSNIFF = new HttpField(HttpApi.NOSNIFF_HEADER, HttpApi.NOSNIFF);
    /** What Jetty's {@code HttpConnection.RequestHandler.badMessage} names a request whose request line it did not finish. */
    private static final String JETTY_PLACEHOLDER_METHOD = "BAD";
    private static final String JETTY_PLACEHOLDER_PATH = "/badMessage";
    private final ObjectMapper json;

    ServerErrors(ObjectMapper json) {
        this.json = json;
    }

    static String codeOf(int status) {
        switch (status) {
            case 400: return "MALFORMED_REQUEST";
            case 404: return "NOT_FOUND";
            case 413: return "PAYLOAD_TOO_LARGE";
            case 414: return "URI_TOO_LONG";
            case 431: return "HEADERS_TOO_LARGE";
            default: return status >= 500 ? "INTERNAL_ERROR" : "HTTP_" + status;
        }
    }

    /**
     * A request Jetty could not parse (request line or headers over the limits, a malformed request line)
     * ends its connection: Jetty closes it after this answer, and says so. Without {@code Connection: close}
     * a keep-alive client (the JDK's HttpClient among them) returns the connection to its pool as if it
     * were still usable and may send its next request down a socket the server is closing.
     */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object status = request.getAttribute(ERROR_STATUS);
        int code = status instanceof Integer ? (Integer) status : response.getStatus();
        Object message = request.getAttribute(ERROR_MESSAGE);
        boolean unfinishedRequestLine = beforeAnyRequestLine(request);
        if (code == 431 && unfinishedRequestLine) {
            code = 414;
            message = null;
            response.setStatus(code);
        }
        // Jetty's placeholder path is no request's: no instance then
        String path = request.getHttpURI() == null || unfinishedRequestLine ? null : request.getHttpURI().getPath();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(NOSNIFF);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (!request.getConnectionMetaData().isPersistent()) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap(body(code, message == null ? null : message.toString(), path)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        fields.put(NOSNIFF);
        fields.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        return ByteBuffer.wrap(body(status, reason, null));
    }

    /**
     * Jetty's parser counts the request line and the headers against one limit, and answers 414 only when it crosses
     * it while reading the URI; crossing it in any other part of an unfinished request line (the method, the version,
     * or bytes it took for a method: a request line's tail parsed from its start) it answers 431. Whether the request
     * line was finished shows in the request it builds for the error: a request line it finished names its own method
     * and target; one it did not gets Jetty's placeholder ({@code BAD /badMessage}). An over-long unfinished request
     * line is answered 414 like an over-long URI, so over-long headers alone are 431 (ADR 33, amendment).
     */
    static boolean beforeAnyRequestLine(Request request) {
        return JETTY_PLACEHOLDER_METHOD.equals(request.getMethod()) && request.getHttpURI() != null
                && JETTY_PLACEHOLDER_PATH.equals(request.getHttpURI().getPath());
    }

    private byte[] body(int status, String reason, String path) {
        String detail = reason == null || reason.isBlank() ? "The request was refused before it reached the API (HTTP " + status + ")."
                : "The request was refused before it reached the API: " + reason + ".";
        try {
            return json.writeValueAsBytes(Problem.of(status, codeOf(status), detail, path));
        } catch (JsonProcessingException impossible) {
            return ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
    }

}
