package io.invitehub.bootstrap.console;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a person does in the console, in WebDriver terms: open a page, type into a field, click,
 * read what is shown. Shoelace inputs keep their native input in a shadow root; typing goes there.
 */
final class Pages {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    final Chromium browser;
    final WebDriver driver;
    final String base;

    Pages(Chromium browser, String base) {
        this.browser = browser;
        this.driver = browser.driver();
        this.base = base;
        browser.reset(base);
        browser.allowClipboard(base);
    }

    /** The language the pages start in (zh-CN unless told), remembered like a person's choice. */
    Pages language(String lang) {
        driver.get(base + "/favicon.ico");
        ((JavascriptExecutor) driver).executeScript("localStorage.setItem('invitehub.lang', arguments[0])", lang);
        return this;
    }

    Pages open(String path) {
        driver.get(base + path);
        return this;
    }

    void signIn(String username, String password) {
        open("/console/sign-in");
        type("ih-sign-in sl-input[name=username]", username);
        type("ih-sign-in sl-input[name=password]", password);
        click("ih-sign-in sl-button.submit");
        waitFor(".layout .page");
    }

    /** Goes to a console page through the menu, as a person would. */
    void menu(String path) {
        click(".menu a[data-route='" + path + "']");
        waitFor(".menu a.selected[data-route='" + path + "']");
    }

    WebElement waitFor(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "visible: " + css);
    }

    void waitGone(String css) {
        until(d -> d.findElements(By.cssSelector(css)).stream().noneMatch(WebElement::isDisplayed) ? Boolean.TRUE : null, "gone: " + css);
    }

    /** Waits until the element's text contains {@code text}; answers the whole text. */
    String waitText(String css, String text) {
        return until(d -> {
            try {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return found.stream().map(WebElement::getText).filter(t -> t.contains(text)).findFirst().orElse(null);
            } catch (StaleElementReferenceException rendered) {
                return null;
            }
        }, "'" + text + "' in " + css);
    }

    <T> T until(Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    String text(String css) {
        return waitFor(css).getText().trim();
    }

    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getText().trim()).collect(Collectors.toList());
    }

    void click(String css) {
        waitFor(css).click();
    }

    /** Types into a Shoelace input or textarea (its native control is in the shadow root) or a plain one. */
    void type(String css, String text) {
        WebElement host = waitFor(css);
        SearchContext shadow = host.getShadowRoot();
        WebElement input = shadow.findElements(By.cssSelector("input, textarea")).get(0);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** The option of the ECharts instance drawn in {@code css}, as the page set it (getOption()). */
    @SuppressWarnings("unchecked")
    Map<String, Object> chartOption(String css) {
        waitFor(css);
        return (Map<String, Object>) asyncScript("const done = arguments[arguments.length - 1];"
                + "import('echarts').then(e => { const c = e.getInstanceByDom(document.querySelector(arguments[0]));"
                + " done(c ? JSON.parse(JSON.stringify(c.getOption())) : null); }, err => done(String(err)));", css);
    }

    /** What the page last put on the clipboard. */
    String clipboard() {
        return (String) asyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, err => done('clipboard error: ' + err));");
    }

    /** The text of the toast shown (then dismissed, so the next call waits for the next toast). */
    String toast() {
        String text = until(d -> {
            List<WebElement> toasts = d.findElements(By.cssSelector(".sl-toast-stack sl-alert:not([data-read]) .toast-text"));
            if (toasts.isEmpty()) {
                // a form dialog that refused instead: say what it says rather than wait for a toast that will not come
                d.findElements(By.cssSelector("sl-dialog[open] .dialog-error")).stream().filter(WebElement::isDisplayed).findFirst()
                        .ifPresent(e -> { throw new AssertionError("the dialog answered instead of a toast: " + e.getText()); });
            }
            // a toast still fading in has no visible text yet: wait for its words
            String shown = toasts.isEmpty() ? "" : toasts.get(toasts.size() - 1).getText();
            return shown.isBlank() ? null : shown;
        }, "a toast");
        closeToasts();
        return text;
    }

    /** Signs out through the account menu (toasts are dismissed first: their stack covers the menu). */
    void signOut() {
        closeToasts();
        waitGone(".sl-toast-stack sl-alert");
        click(".account-menu sl-button");
        click(".account-menu sl-menu-item.sign-out");
        waitFor("ih-sign-in");
    }

    void closeToasts() {
        script("document.querySelectorAll('.sl-toast-stack sl-alert:not([data-read])').forEach(a => { a.dataset.read = 'true'; a.hide(); })");
    }

    /**
     * A full-page screenshot into target/console-screenshots/{lang}/{name}.png (copied to docs/console by
     * hand): the window is made as tall as the page for the picture, so everything lays out (and the charts
     * resize) as in a real window, then restored.
     */
    void shot(String lang, String name) {
        org.openqa.selenium.Dimension size = driver.manage().window().getSize();
        try {
            for (int round = 0; round < 2; round++) { // a taller window can change the layout a little: measure again
                long page = ((Number) script("return document.documentElement.scrollHeight")).longValue();
                long chrome = ((Number) script("return window.outerHeight - window.innerHeight")).longValue();
                long inner = ((Number) script("return window.innerHeight")).longValue();
                if (page <= inner) {
                    break;
                }
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), (int) Math.min(page + chrome, 6000)));
                settle();
            }
            shotWindow(lang, name);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    /** The window only (drawers and dialogs are fixed to it), into the same place as {@link #shot}. */
    void shotWindow(String lang, String name) {
        script("return document.fonts.ready");
        try {
            java.nio.file.Files.createDirectories(SCREENSHOTS.resolve(lang));
            java.nio.file.Files.write(SCREENSHOTS.resolve(lang).resolve(name + ".png"),
                    ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Lets animations (charts, drawers, toasts) finish before a screenshot. */
    void settle() {
        try {
            Thread.sleep(800);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sets a Shoelace control's value and fires its change event, as picking an option does (WebDriver cannot
     * open a select's listbox or a date picker portably).
     */
    static void pick(Pages pages, String css, String value) {
        pages.waitFor(css);
        pages.script("const c = document.querySelector(arguments[0]); c.value = arguments[1];"
                + " c.dispatchEvent(new CustomEvent('sl-change', {bubbles: true, composed: true}));", css, value);
    }

    void waitForConsoleIdle() {
        until(d -> Boolean.TRUE.equals(script("return !document.querySelector('.content sl-skeleton, .page-loading')")) ? Boolean.TRUE : null,
                "no skeleton left");
    }
}
