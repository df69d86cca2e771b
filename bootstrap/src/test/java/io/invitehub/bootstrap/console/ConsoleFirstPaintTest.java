package io.invitehub.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.bidi.module.Script;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's first paint on the embedded default, from Chromium's Performance API (paint timing
 * and the console's own "ih-route-ready" mark): a cold load (fresh profile, empty cache) of the
 * sign-in page, then a warm one, with WebDriver BiDi's network observation paused (it slows loads
 * down several times). The figures are printed for docs/performance.md. The dashboard's own mark
 * "ih-data-ready" (what the bench reads as "data loaded", ADR 68) is set only once the API's figures and
 * the charts are in the page.
 */
@BrowserTest
class ConsoleFirstPaintTest {
    private static ConsoleWorld world;

    @BeforeAll
    static void start() {
        world = new ConsoleWorld(Map.of());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void theSignInPagePaintsItsFrameBeforeItsModulesRunAndLoadsFewFiles(Chromium browser) {
        Pages pages = new Pages(browser, world.base);
        measure(pages); // the server's first answers (JIT, class loading) are not the browser's first paint
        Map<String, Object> cold = browser.unwatched(() -> {
            browser.bypassCache(true);
            try {
                return measure(pages);
            } finally {
                browser.bypassCache(false);
            }
        });
        Map<String, Object> warm = browser.unwatched(() -> measure(pages));
        System.out.println("console first paint, cold cache: " + cold);
        System.out.println("console first paint, warm cache: " + warm);
        // the shell's frame paints before its modules have run (no render-blocking script), and well within the
        // issue's second on an idle machine; the bounds below leave room for a loaded shared build machine
        assertThat(ms(cold, "firstContentfulPaint")).as("cold: first contentful paint before the app is ready, ms")
                .isLessThan(ms(cold, "routeReady"));
        assertThat(ms(cold, "firstContentfulPaint")).as("cold first contentful paint, ms").isLessThan(4000);
        assertThat(ms(warm, "routeReady")).as("warm: the sign-in form is usable, ms").isLessThan(5000);
        assertThat(ms(cold, "requests")).as("files the sign-in page loads (Shoelace's console components wait for sign-in)")
                .isLessThan(130);
    }

    /**
     * What the dashboard shows at the very moment it marks "ih-data-ready", caught by a preload script that wraps
     * {@code performance.mark} (it runs before the page's modules): the figures in the page, the chart containers
     * and those ECharts has drawn into, the skeletons still showing.
     */
    private static final String SNAPSHOT_AT_DATA_READY = "() => { const mark = performance.mark.bind(performance);"
            + " performance.mark = (name, options) => {"
            + "  if (name === 'ih-data-ready' && !window.ihAtDataReady) {"
            + "   const page = document.querySelector('ih-dashboard'); const stats = {};"
            + "   if (page) { page.querySelectorAll('[data-stat]').forEach(e => { stats[e.dataset.stat] = e.textContent.trim(); }); }"
            + "   const charts = page ? [...page.querySelectorAll('.chart')] : [];"
            + "   window.ihAtDataReady = { page: !!page, stats, charts: charts.length,"
            + "    drawn: charts.filter(c => c.hasAttribute('_echarts_instance_') && c.querySelector('canvas')).length,"
            + "    skeletons: page ? page.querySelectorAll('sl-skeleton').length : -1,"
            + "    sales: page ? page.querySelectorAll('.recent-sales tbody tr').length : -1,"
            + "    routeReady: performance.getEntriesByName('ih-route-ready').length }; }"
            + "  return mark(name, options); }; }";

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardMarksItsDataReadyOnlyOnceItsFiguresAndChartsAreShown(Chromium browser) {
        long dora = world.distributor("dora", "dora-password");
        String token = world.login("dora", "dora-password");
        List<String> granted = world.grant(dora, 4);
        world.redeem(granted.get(0), "dora-customer-0@example.com");
        world.redeem(granted.get(1), "dora-customer-1@example.com");
        JsonNode summary = world.get("/api/v1/distributors/me/summary", token);

        Pages pages = new Pages(browser, world.base);
        pages.signIn("dora", "dora-password");
        pages.waitFor("ih-dashboard[data-ready=true]");
        Script script = new Script(browser.driver());
        String preload = script.addPreloadScript(SNAPSHOT_AT_DATA_READY);
        Map<String, Object> marks;
        Map<String, Object> shown;
        try {
            marks = browser.unwatched(() -> dashboardMarks(pages));
            shown = (Map<String, Object>) pages.script("return window.ihAtDataReady;");
        } finally {
            script.removePreloadScript(preload);
        }
        System.out.println("console dashboard, warm cache: " + marks);
        assertThat(shown).as("the page marked ih-data-ready (seen by the preload script)").isNotNull();
        assertThat(shown.get("page")).as("the dashboard is on the page").isEqualTo(true);
        assertThat(((Number) shown.get("routeReady")).intValue()).as("the route was ready first").isEqualTo(1);
        assertThat(((Number) shown.get("skeletons")).intValue()).as("no skeleton left when the data is marked ready").isZero();
        Map<String, Object> stats = (Map<String, Object>) shown.get("stats");
        assertThat(digits(stats.get("total_codes"))).as("codes shown at the mark").isEqualTo(summary.get("total_codes").asLong())
                .isEqualTo(4);
        assertThat(digits(stats.get("redeem_attempts"))).as("redemptions shown at the mark")
                .isEqualTo(summary.get("redeem_attempts").asLong());
        assertThat(digits(stats.get("today.redeemed"))).as("today's redemptions shown at the mark").isEqualTo(2);
        assertThat(((Number) shown.get("charts")).intValue()).as("charts with data: the trend and the code status").isEqualTo(2);
        assertThat(shown.get("drawn")).as("every chart drawn by ECharts at the mark").isEqualTo(shown.get("charts"));
        assertThat(((Number) shown.get("sales")).intValue()).as("the latest sales at the mark").isEqualTo(2);
        assertThat(ms(marks, "firstContentfulPaint")).as("first contentful paint before the data").isLessThan(ms(marks, "dataReady"));
        assertThat(ms(marks, "routeReady")).as("the route ready before the data").isLessThanOrEqualTo(ms(marks, "dataReady"));
    }

    private static long digits(Object text) {
        assertThat(text).as("a figure shown").isNotNull();
        return Long.parseLong(text.toString().replaceAll("[^0-9]", ""));
    }

    /** Opens the dashboard afresh (the session in sessionStorage) and reads its marks once its data is ready. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> dashboardMarks(Pages pages) {
        pages.open("/console");
        return (Map<String, Object>) pages.asyncScript("const done = arguments[arguments.length - 1];"
                + "const read = () => { const paint = Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]));"
                + " const ready = performance.getEntriesByName('ih-route-ready')[0];"
                + " const data = performance.getEntriesByName('ih-data-ready')[0];"
                + " if (!paint['first-contentful-paint'] || !ready || !data) { setTimeout(read, 50); return; }"
                + " done({ firstContentfulPaint: Math.round(paint['first-contentful-paint']), routeReady: Math.round(ready.startTime),"
                + "   dataReady: Math.round(data.startTime), requests: performance.getEntriesByType('resource').length }); };"
                + "read();");
    }

    private static double ms(Map<String, Object> figures, String name) {
        return ((Number) figures.get(name)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> measure(Pages pages) {
        pages.open("/console/sign-in");
        pages.waitFor("ih-sign-in sl-button.submit");
        return (Map<String, Object>) pages.asyncScript("const done = arguments[arguments.length - 1];"
                + "const read = () => { const paint = Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]));"
                + " const ready = performance.getEntriesByName('ih-route-ready')[0];"
                + " const nav = performance.getEntriesByType('navigation')[0];"
                + " const res = performance.getEntriesByType('resource');"
                + " if (!paint['first-contentful-paint'] || !ready) { setTimeout(read, 50); return; }"
                + " done({ firstPaint: Math.round(paint['first-paint']), firstContentfulPaint: Math.round(paint['first-contentful-paint']),"
                + "   routeReady: Math.round(ready.startTime), domContentLoaded: Math.round(nav.domContentLoadedEventEnd),"
                + "   requests: res.length, transferredKiB: Math.round(res.reduce((s, r) => s + r.transferSize, 0) / 1024) }); };"
                + "read();");
    }
}
