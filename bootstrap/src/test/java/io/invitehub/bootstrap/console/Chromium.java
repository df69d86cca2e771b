package io.invitehub.bootstrap.console;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.bidi.log.LogLevel;
import org.openqa.selenium.bidi.module.LogInspector;
import org.openqa.selenium.bidi.module.Network;
import org.openqa.selenium.bidi.module.Permission;
import org.openqa.selenium.bidi.permissions.PermissionState;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The one headless Chromium of the test JVM (Debian's {@code /usr/bin/chromium} driven by Debian's
 * {@code /usr/bin/chromedriver}, both named explicitly so Selenium Manager never runs, never a
 * downloaded browser). WebDriver BiDi reports console errors, uncaught exceptions and every finished
 * or failed request; {@link #problems()} collects those a page must never have.
 */
public final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String PACKAGES = "chromium chromium-driver fonts-wqy-zenhei";
    static final int WIDTH = 1440;
    static final int HEIGHT = 900;
    /** The domain under which tests give distributors custom hosts; the browser resolves every name in it to 127.0.0.1. */
    static final String CUSTOM_HOST_DOMAIN = "invitehub.test";

    private final ChromeDriver driver;
    private final Path profile;
    private final LogInspector logs;
    private Network network;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Predicate<String>> allowed = new CopyOnWriteArrayList<>();
    private Path downloads;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.logs = new LogInspector(driver);
        logs.onConsoleEntry(entry -> {
            if (entry.getLevel() == LogLevel.ERROR) {
                problems.add("console error: " + entry.getText() + where(entry));
            }
        });
        logs.onJavaScriptException(entry -> problems.add("uncaught exception: " + entry.getText() + where(entry)));
        // the browser reports a Content-Security-Policy refusal as a violation event, not a console entry: make it one
        new org.openqa.selenium.bidi.module.Script(driver).addPreloadScript("() => document.addEventListener('securitypolicyviolation',"
                + " e => console.error('Content-Security-Policy refused ' + e.blockedURI.slice(0, 80) + ' (' + e.effectiveDirective + ')'))");
        watchNetwork();
    }

    private static String where(org.openqa.selenium.bidi.log.BaseLogEntry entry) {
        if (entry.getStackTrace() == null || entry.getStackTrace().getCallFrames().isEmpty()) {
            return "";
        }
        return entry.getStackTrace().getCallFrames().stream().limit(4)
                .map(f -> f.getFunctionName() + "@" + f.getUrl() + ":" + f.getLineNumber() + ":" + f.getColumnNumber())
                .collect(java.util.stream.Collectors.joining(" ← ", " at ", ""));
    }

    private void watchNetwork() {
        network = new Network(driver);
        network.onResponseCompleted(response -> {
            int status = response.getResponseData().getStatus();
            String request = response.getRequest().getMethod() + " " + response.getRequest().getUrl();
            if (status >= 400 && allowed.stream().noneMatch(p -> p.test(request + " " + status))) {
                problems.add("failed request: " + request + " → " + status);
            }
        });
        network.onFetchError(error -> {
            // a navigation away from a page cancels what it was still loading: not a failure of the page
            if (!error.getErrorText().contains("ERR_ABORTED")) {
                problems.add("request error: " + error.getRequest().getMethod() + " " + error.getRequest().getUrl() + " → " + error.getErrorText());
            }
        });
    }

    /**
     * Runs {@code measurement} with no network events flowing to the test: BiDi's network observation
     * makes a cold page load several times slower, so timings are taken without it.
     */
    <T> T unwatched(java.util.function.Supplier<T> measurement) {
        network.close();
        try {
            return measurement.get();
        } finally {
            watchNetwork();
        }
    }

    /** True when Debian's browser and driver are installed. */
    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    static Chromium start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("invitehub-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--disable-extensions",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT, "--lang=zh-CN",
                // distributors' custom hosts in the tests (ADR 47) resolve to the service on this machine
                "--host-resolver-rules=MAP *." + CUSTOM_HOST_DOMAIN + " 127.0.0.1");
        options.setCapability("webSocketUrl", true); // WebDriver BiDi
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new Chromium(driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public JavascriptExecutor js() {
        return driver;
    }

    /** What went wrong since the last {@link #reset(String)}: console errors, exceptions, failed requests. */
    public List<String> problems() {
        return new ArrayList<>(problems);
    }

    /** A request (as "METHOD url status") a test expects to fail, e.g. a refusal it provokes on purpose. */
    public void allowFailure(Predicate<String> request) {
        allowed.add(request);
    }

    /** Before each test: one window, nothing remembered by the pages of {@code base}, no problems yet. */
    void reset(String base) {
        String first = null;
        for (String handle : driver.getWindowHandles()) {
            if (first == null) {
                first = handle;
            } else {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(first);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(WIDTH, HEIGHT));
        driver.get(base + "/favicon.ico");
        driver.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
        driver.manage().deleteAllCookies();
        problems.clear();
        allowed.clear();
    }

    /** While {@code bypass}, every request goes to the server as on a first visit (BiDi's network cache behaviour). */
    void bypassCache(boolean bypass) {
        new Network(driver).setCacheBehavior(bypass ? org.openqa.selenium.bidi.network.CacheBehavior.BYPASS
                : org.openqa.selenium.bidi.network.CacheBehavior.DEFAULT);
    }

    /** The clipboard of {@code origin} readable and writable by its pages (to read a copied link back). */
    void allowClipboard(String origin) {
        Permission permission = new Permission(driver);
        permission.setPermission(Map.of("name", "clipboard-read"), PermissionState.GRANTED, origin);
        permission.setPermission(Map.of("name", "clipboard-write"), PermissionState.GRANTED, origin);
    }

    /**
     * The folder the browser saves downloads to, without asking (Chromium's DevTools download behaviour: a
     * headless browser otherwise drops them), made on first use inside the profile.
     */
    synchronized Path downloads() {
        if (downloads == null) {
            try {
                downloads = Files.createDirectories(profile.resolve("downloads"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        }
        return downloads;
    }

    @Override
    public void close() {
        try {
            logs.close();
            network.close();
        } finally {
            driver.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary directory: the system cleans it eventually
            }
        }
    }
}
