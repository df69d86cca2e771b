package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.wire.ContentSecurityPolicy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code GET /openapi.json} (the document generated from the route table, ADR 40) and {@code GET /api-docs}:
 * Swagger UI from its WebJar ({@code org.webjars:swagger-ui}), its files under {@value #ASSETS}. The page
 * has its own Content-Security-Policy: scripts only from this service (the bundle and {@code /api-docs/init.js},
 * no inline script, no eval), styles from here and inline (Swagger UI sets style attributes), images from
 * here and data URLs, requests only to this service, never framed.
 */
final class ApiDocsHandler {
    static final String ASSETS = "/api-docs/assets";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String PAGE = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<title>InviteHub API</title>\n<link rel=\"stylesheet\" href=\"" + ASSETS + "/swagger-ui.css\">\n"
            + "<link rel=\"icon\" type=\"image/png\" href=\"" + ASSETS + "/favicon-32x32.png\">\n</head>\n<body>\n"
            + "<div id=\"swagger-ui\"></div>\n<script src=\"" + ASSETS + "/swagger-ui-bundle.js\"></script>\n"
            + "<script src=\"/api-docs/init.js\"></script>\n</body>\n</html>\n";
    private static final String INIT = "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });\n";

    private volatile String document = "{}";

    /** The document of the finished route table. */
    void describe(OpenApiDocument api) {
        this.document = api.text();
    }

    void document(Context ctx) {
        ctx.contentType("application/json").result(document);
    }

    void page(Context ctx) {
        ctx.header(ContentSecurityPolicy.HEADER, POLICY).contentType("text/html; charset=utf-8").result(PAGE);
    }

    void initScript(Context ctx) {
        ctx.contentType("text/javascript; charset=utf-8").result(INIT);
    }

    /** Serves the WebJar's files (read-only, from the class path) under {@value #ASSETS}. */
    static void serveAssets(JavalinConfig config) {
        String version = webJarVersion();
        config.staticFiles.add(files -> {
            files.hostedPath = ASSETS;
            files.directory = "META-INF/resources/webjars/swagger-ui/" + version;
            files.location = Location.CLASSPATH;
        });
    }

    /** The version of the Swagger UI WebJar on the class path (its files live under that version). */
    static String webJarVersion() {
        try (InputStream in = ApiDocsHandler.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the Swagger UI WebJar (org.webjars:swagger-ui) is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
