package io.invitehub.bench;

import io.invitehub.bench.dataset.DatasetSeeder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.bidi.module.Network;
import org.openqa.selenium.bidi.network.CacheBehavior;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The distributor console as a person's browser sees it (issue 17, ADR 68): headless Debian Chromium driven over
 * WebDriver (Debian's {@code /usr/bin/chromedriver} named explicitly, so Selenium Manager never runs) signs in to the
 * console through its sign-in form as a distributor, then loads the dashboard ({@code /console}) afresh a few times
 * with the browser cache bypassed (cold: every file fetched as on a first visit, on a warm server) and a few times
 * with it (warm: the immutable assets from the cache). Each load reads the Performance API once the dashboard has
 * marked {@code ih-data-ready} (its figures and charts filled from the API): the first contentful paint, the
 * console's {@code ih-route-ready} (the signed-in frame with its modules loaded) and {@code ih-data-ready}, all from
 * the navigation's start, plus the files loaded and the codes the page shows (which must be the distributor's).
 * No network events are observed (WebDriver BiDi's network observation slows a load down several times).
 */
public final class ConsolePaint {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String NOT_FOUND = "console not measured (chromium/chromedriver not found)";
    static final String NOT_WANTED = "console not measured (--no-console)";
    /** Loads of the dashboard per distributor and cache state. */
    static final int RUNS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * Selenium warns once per browser that it has no DevTools module for this Chromium: the phase uses WebDriver and
     * BiDi only, so the line says nothing about the figures (held here: JUL keeps loggers weakly).
     */
    private static final java.util.logging.Logger CDP_VERSION_FINDER = java.util.logging.Logger.getLogger(
            "org.openqa.selenium.devtools.CdpVersionFinder");

    private ConsolePaint() {
    }

    /** One load of the dashboard: milliseconds from the navigation's start; what it loaded and showed. */
    record Load(long firstContentfulPaint, long routeReady, long dataReady, long files, long transferredKiB, long codesShown) {
    }

    /** The loads of one distributor's dashboard with a cold or a warm browser cache. */
    record Measured(String who, DatasetSeeder.Distributor distributor, boolean cold, List<Load> loads) {
    }

    /** True when Debian's Chromium and its driver are installed. */
    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /**
     * The bench's console phase: the largest and the tiny distributor's dashboards, printed as a table; the lines of
     * the table (or the one line saying why nothing was measured) are answered for the bench's summary.
     */
    static List<String> run(boolean wanted, String base, DatasetSeeder.Dataset dataset, String password, PrintStream out) {
        if (!wanted || !installed()) {
            String why = wanted ? NOT_FOUND : NOT_WANTED;
            out.println(why);
            return List.of(why);
        }
        out.printf("console: headless Chromium signs in as %s and %s and loads the dashboard %d times cold, %d warm (load average %s) ...%n",
                dataset.largest().username(), dataset.tiny().username(), RUNS, RUNS, Bench.loadAverage());
        long start = System.nanoTime();
        Map<String, DatasetSeeder.Distributor> who = new java.util.LinkedHashMap<>();
        who.put("largest", dataset.largest());
        who.put("tiny", dataset.tiny());
        List<String> lines;
        try (Browser browser = Browser.start()) {
            List<Measured> measured = new ArrayList<>();
            for (Map.Entry<String, DatasetSeeder.Distributor> d : who.entrySet()) {
                measured.addAll(browser.dashboard(base, d.getKey(), d.getValue(), password, RUNS));
            }
            lines = table(browser.version(), measured);
        }
        lines.forEach(out::println);
        out.printf("console: %.1f s in all, browser closed%n", (System.nanoTime() - start) / 1e9);
        return lines;
    }

    /** The figures as a small Markdown table: median (min–max) of the loads in each row. */
    static List<String> table(String browserVersion, List<Measured> measured) {
        List<String> lines = new ArrayList<>();
        int runs = measured.isEmpty() ? 0 : measured.get(0).loads().size();
        lines.add("console dashboard (/console) in headless Chromium " + browserVersion + ", " + runs
                + " loads each, ms from navigation start, median (min–max); cold = browser cache bypassed, warm = cached");
        lines.add("| distributor | cache | first contentful paint | route ready | data loaded | files | KiB transferred | codes shown |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (Measured m : measured) {
            String name = m.who() + " (" + m.distributor().username() + ", " + String.format("%,d", m.distributor().codes()) + " codes)";
            List<Load> loads = m.loads();
            long shown = loads.get(loads.size() - 1).codesShown();
            boolean allRight = loads.stream().allMatch(l -> l.codesShown() == m.distributor().codes());
            lines.add(String.format("| %s | %s | %s | %s | %s | %s | %s | %,d%s |", name, m.cold() ? "cold" : "warm",
                    spread(loads, Load::firstContentfulPaint), spread(loads, Load::routeReady), spread(loads, Load::dataReady),
                    spread(loads, Load::files), spread(loads, Load::transferredKiB), shown, allRight ? "" : " (NOT the distributor's codes)"));
        }
        return lines;
    }

    private static String spread(List<Load> loads, ToLongFunction<Load> figure) {
        long[] values = loads.stream().mapToLong(figure).sorted().toArray();
        long median = values[values.length / 2];
        if (values[0] == values[values.length - 1]) {
            return String.format("%,d", median);
        }
        return String.format("%,d (%,d–%,d)", median, values[0], values[values.length - 1]);
    }

    /** The one browser of a console phase: a fresh profile, deleted when closed. */
    static final class Browser implements AutoCloseable {
        private final ChromeDriver driver;
        private final Path profile;
        private final Network network;

        private Browser(ChromeDriver driver, Path profile) {
            this.driver = driver;
            this.profile = profile;
            this.network = new Network(driver);
        }

        static Browser start() {
            CDP_VERSION_FINDER.setLevel(java.util.logging.Level.SEVERE);
            Path profile;
            try {
                profile = Files.createTempDirectory("invitehub-bench-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BINARY.toFile());
            // as the console's browser tests start it (docs/console.md), window the size of a laptop's
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--disable-extensions",
                    "--user-data-dir=" + profile, "--window-size=1440,900", "--lang=zh-CN");
            options.setCapability("webSocketUrl", true); // WebDriver BiDi: the cache bypass of the cold loads
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().withLogOutput(OutputStream.nullOutputStream()).build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(WAIT);
            return new Browser(driver, profile);
        }

        String version() {
            return driver.getCapabilities().getBrowserVersion();
        }

        /** Signs in as {@code distributor} through the form, then loads the dashboard {@code runs} times cold and warm. */
        List<Measured> dashboard(String base, String who, DatasetSeeder.Distributor distributor, String password, int runs) {
            signIn(base, distributor.username(), password);
            List<Load> cold = new ArrayList<>();
            network.setCacheBehavior(CacheBehavior.BYPASS);
            try {
                for (int i = 0; i < runs; i++) {
                    cold.add(load(base));
                }
            } finally {
                network.setCacheBehavior(CacheBehavior.DEFAULT);
            }
            List<Load> warm = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                warm.add(load(base));
            }
            return List.of(new Measured(who, distributor, true, cold), new Measured(who, distributor, false, warm));
        }

        /** As a person: the sign-in page, the name and the password typed, the button; then the dashboard's data. */
        private void signIn(String base, String username, String password) {
            driver.get(base + "/favicon.ico");
            driver.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
            driver.get(base + "/console/sign-in");
            type("ih-sign-in sl-input[name=username]", username);
            type("ih-sign-in sl-input[name=password]", password);
            waitFor("ih-sign-in sl-button.submit").click();
            waitFor("ih-dashboard[data-ready=true]");
        }

        /** Types into a Shoelace input: its native control is in the shadow root. */
        private void type(String css, String text) {
            WebElement input = waitFor(css).getShadowRoot().findElement(By.cssSelector("input"));
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            input.sendKeys(text);
        }

        private WebElement waitFor(String css) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                try {
                    List<WebElement> found = driver.findElements(By.cssSelector(css));
                    if (!found.isEmpty() && found.get(0).isDisplayed()) {
                        return found.get(0);
                    }
                } catch (StaleElementReferenceException rendered) {
                    // the page re-rendered it: look again
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("console: gave up waiting for " + css + " on " + driver.getCurrentUrl());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        /** One fresh load of the dashboard (the session kept in the tab's sessionStorage), read once its data is ready. */
        @SuppressWarnings("unchecked")
        Load load(String base) {
            driver.get(base + "/console");
            Map<String, Object> m;
            try {
                m = (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript(READ);
            } catch (ScriptTimeoutException e) {
                throw new IllegalStateException("console: the dashboard did not mark ih-data-ready within " + WAIT.toSeconds() + " s", e);
            }
            return new Load(number(m, "fcp"), number(m, "routeReady"), number(m, "dataReady"), number(m, "files"),
                    number(m, "kib"), digits(String.valueOf(m.get("codes"))));
        }

        /** The figure a page shows ("1,000,000"), or -1 when it shows none. */
        private static long digits(String shown) {
            String digits = shown.replaceAll("[^0-9]", "");
            return digits.isEmpty() ? -1 : Long.parseLong(digits);
        }

        private static long number(Map<String, Object> m, String key) {
            return ((Number) m.get(key)).longValue();
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                Bench.deleteQuietly(profile);
            }
        }
    }

    /** Waits for the first contentful paint and both console marks, then reads them and the codes the page shows. */
    private static final String READ = "const done = arguments[arguments.length - 1];"
            + "const read = () => {"
            + " const paint = performance.getEntriesByName('first-contentful-paint')[0];"
            + " const route = performance.getEntriesByName('ih-route-ready')[0];"
            + " const data = performance.getEntriesByName('ih-data-ready')[0];"
            + " if (!paint || !route || !data) { setTimeout(read, 20); return; }"
            + " const res = performance.getEntriesByType('resource');"
            + " const codes = document.querySelector('ih-dashboard [data-stat=total_codes]');"
            + " done({ fcp: Math.round(paint.startTime), routeReady: Math.round(route.startTime), dataReady: Math.round(data.startTime),"
            + "   files: res.length, kib: Math.round(res.reduce((s, r) => s + r.transferSize, 0) / 1024),"
            + "   codes: codes ? codes.textContent.trim() : 'none' }); };"
            + "read();";
}
