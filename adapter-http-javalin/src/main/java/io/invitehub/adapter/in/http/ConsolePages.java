package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.wire.ContentSecurityPolicy;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Serves the web console and the customers' pages (ADR 30) from the classpath: the HTML shells of
 * {@code adapter-console} ({@code invitehub/console/*.html}), our own ES modules and CSS under a
 * content-versioned path ({@code /assets/<hash>/…}) and the WebJars ({@code /webjars/<name>/<version>/…}),
 * both cached immutably. HTML is {@code no-cache} (in place of the API's {@code no-store}) and carries its
 * own Content-Security-Policy ({@link ContentSecurityPolicy#allowingScript}: the default policy whose
 * {@code script-src} also names the page's import map by its SHA-256), so the server's default policy for
 * HTML answers stays off these pages; {@code nosniff} comes from the server, as on every answer (ADR 33).
 * Nothing here reads a parameter or a body: the pages are not rows of the {@link RouteTable} (which lists
 * the API), and talk to the JSON API like any client.
 *
 * <p>When the console's resources are not on the classpath (the HTTP adapter's own tests, a library
 * embedding without the console) nothing is registered.
 */
final class ConsolePages {
    private static final Logger LOG = LoggerFactory.getLogger(ConsolePages.class);

    static final String ROOT = "invitehub/console";
    static final String ASSETS_DIRECTORY = ROOT + "/assets";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_CACHE = "no-cache";
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern ANY_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);

    /** The HTML pages: path patterns and the shell each serves. The client routes inside a shell. */
    private static final List<Map.Entry<String, String>> PAGES = List.of(
            Map.entry("/console", "console.html"),
            Map.entry("/console/<page>", "console.html"),
            Map.entry("/invite", "customer.html"),
            Map.entry("/invite/{code}", "customer.html"),
            Map.entry("/r/{slug}", "customer.html"),
            Map.entry("/r/{slug}/{code}", "customer.html"));

    /** The customers' shell, and where a custom host's brand goes into it (ADR 47). */
    static final String CUSTOMER_SHELL = "customer.html";
    static final String BRAND_META = "<meta name=\"invitehub-brand\" content=\"%s\">";

    private final String assetsPath;
    private final Map<String, Page> shells;
    private final byte[] icon;
    /** The brand (slug) whose own link a request to this {@code Host} serves: a verified custom host; empty otherwise. */
    private Function<String, Optional<String>> brandOfHost = host -> Optional.empty();

    /** One HTML shell with its assets path filled in, and the policy that allows exactly its import map. */
    record Page(String html, String contentSecurityPolicy) {
    }

    private ConsolePages(String assetsPath, Map<String, Page> shells, byte[] icon) {
        this.assetsPath = assetsPath;
        this.shells = shells;
        this.icon = icon;
    }

    /**
     * Registers the console's pages and assets on {@code config}; does nothing when they are not on the classpath.
     * {@code brandOfHost}: the slug of the distributor whose verified custom host a {@code Host} header names.
     */
    static void register(JavalinConfig config, Function<String, Optional<String>> brandOfHost) {
        long started = System.nanoTime();
        load(ConsolePages.class.getClassLoader()).ifPresentOrElse(pages -> {
                    pages.brandOfHost = brandOfHost;
                    pages.registerOn(config, (System.nanoTime() - started) / 1_000_000);
                },
                () -> LOG.info("console resources ({}) are not on the classpath: no web console", ROOT));
    }

    static Optional<ConsolePages> load(ClassLoader loader) {
        if (loader.getResource(ROOT + "/console.html") == null) {
            return Optional.empty();
        }
        String assetsPath = "/assets/" + contentVersion(loader);
        Map<String, Page> shells = PAGES.stream().map(Map.Entry::getValue).distinct()
                .collect(Collectors.toMap(name -> name, name -> page(read(loader, ROOT + "/" + name), assetsPath)));
        return Optional.of(new ConsolePages(assetsPath, shells, read(loader, ASSETS_DIRECTORY + "/icon.svg")));
    }

    private void registerOn(JavalinConfig config, long loadMillis) {
        config.staticFiles.add(files -> {
            files.hostedPath = assetsPath;
            files.directory = ASSETS_DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", IMMUTABLE);
        });
        // WebJar paths carry the library's version, so they never change either
        config.staticFiles.add(files -> {
            files.hostedPath = "/webjars";
            files.directory = "META-INF/resources/webjars";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", IMMUTABLE);
        });
        for (Map.Entry<String, String> page : PAGES) {
            Page shell = shells.get(page.getValue());
            // /r/{slug} on a distributor's verified custom host is /r/{code} of its own link (ADR 47)
            Handler handler = page.getKey().equals("/r/{slug}") ? ctx -> html(ctx, customHostShell(ctx).orElse(shell)) : ctx -> html(ctx, shell);
            config.routes.addHttpHandler(HandlerType.GET, page.getKey(), handler);
            // as the API's GET rows do (ADR 33): HEAD answers as GET would, without the body
            config.routes.addHttpHandler(HandlerType.HEAD, page.getKey(), handler);
        }
        Handler root = ctx -> {
            Optional<Page> own = customHostShell(ctx);
            if (own.isPresent()) {
                html(ctx, own.get());
            } else {
                ctx.redirect("/console");
            }
        };
        config.routes.addHttpHandler(HandlerType.GET, "/", root);
        config.routes.addHttpHandler(HandlerType.HEAD, "/", root);
        config.routes.addHttpHandler(HandlerType.GET, "/favicon.ico", ctx -> ctx.contentType("image/svg+xml")
                .header("Cache-Control", "public, max-age=86400").result(icon));
        LOG.info("web console at /console, assets at {} (read in {} ms)", assetsPath, loadMillis);
    }

    /** The customers' shell naming the brand of the request's host, when it is a distributor's verified custom host. */
    private Optional<Page> customHostShell(Context ctx) {
        return brandOfHost.apply(HttpRequests.host(ctx)).map(slug -> withBrand(shells.get(CUSTOMER_SHELL), slug));
    }

    /** The shell with the brand's slug in a meta element (a slug is [a-z0-9-]: nothing to escape); the policy is the shell's. */
    static Page withBrand(Page shell, String slug) {
        if (!slug.matches("^[a-z0-9-]+$")) {
            throw new IllegalArgumentException("not a slug: " + slug);
        }
        return new Page(shell.html().replace("</head>", String.format(BRAND_META, slug) + "\n</head>"), shell.contentSecurityPolicy());
    }

    private static void html(Context ctx, Page page) {
        ctx.header(ContentSecurityPolicy.HEADER, page.contentSecurityPolicy())
                .header("Cache-Control", NO_CACHE)
                .header("Referrer-Policy", "same-origin")
                .contentType("text/html; charset=utf-8")
                .result(page.html());
    }

    /**
     * The shell with {@code {{assets}}} replaced, and its policy: {@code script-src 'self'} plus the
     * hash of its one inline script, the import map. Any other inline script is a build error.
     */
    static Page page(String template, String assetsPath) {
        String html = template.replace("{{assets}}", assetsPath);
        Matcher importMap = IMPORT_MAP.matcher(html);
        String policy = ContentSecurityPolicy.DEFAULT;
        long inlineScripts = ANY_SCRIPT.matcher(html).results().count();
        if (importMap.find()) {
            policy = ContentSecurityPolicy.allowingScript(importMap.group(1));
            inlineScripts--;
        }
        if (inlineScripts > 0) {
            throw new IllegalStateException("a console page may have no inline script but its import map");
        }
        return new Page(html, policy);
    }

    /**
     * The first 16 hex digits of the SHA-256 over every file under {@link #ASSETS_DIRECTORY} (names and
     * bytes, in name order): the asset URLs change exactly when an asset does.
     */
    static String contentVersion(ClassLoader loader) {
        URL marker = loader.getResource(ASSETS_DIRECTORY + "/icon.svg");
        if (marker == null) {
            throw new IllegalStateException(ASSETS_DIRECTORY + "/icon.svg is missing");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                String jar = uri.toString().substring(0, uri.toString().indexOf("!/"));
                FileSystem fs;
                boolean opened = false;
                try {
                    fs = FileSystems.newFileSystem(URI.create(jar), Map.of());
                    opened = true;
                } catch (FileSystemAlreadyExistsException exists) {
                    fs = FileSystems.getFileSystem(URI.create(jar));
                }
                try {
                    return digest(fs.getPath("/" + ASSETS_DIRECTORY));
                } finally {
                    if (opened) {
                        fs.close();
                    }
                }
            }
            return digest(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the console's assets", e);
        }
    }

    private static String digest(Path directory) throws IOException {
        MessageDigest sha = sha256();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted((a, b) -> directory.relativize(a).toString()
                    .compareTo(directory.relativize(b).toString())).collect(Collectors.toList());
        }
        for (Path file : files) {
            sha.update(directory.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Page page(byte[] template, String assetsPath) {
        return page(new String(template, StandardCharsets.UTF_8), assetsPath);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
