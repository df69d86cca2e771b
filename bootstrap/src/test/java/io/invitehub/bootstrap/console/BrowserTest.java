package io.invitehub.bootstrap.console;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A test class that drives the real console in headless Chromium. The browser is started once per
 * test JVM (JUnit's root store closes it at the end) and handed to tests as a {@link Chromium}
 * parameter. Every test fails when its pages logged a console error, threw, or had a request fail.
 *
 * <p>Without Chromium installed the class is skipped with one loud line naming the Debian packages;
 * with {@code INVITEHUB_REQUIRE_BROWSER=1} (set by {@code .ci/run}) it fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserTest.Extension.class)
public @interface BrowserTest {

    final class Extension implements ExecutionCondition, ParameterResolver, AfterEachCallback {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserTest.class);
        private static final AtomicBoolean WARNED = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Chromium.installed()) {
                return ConditionEvaluationResult.enabled("Chromium is installed");
            }
            String reason = "browser tests need Debian's Chromium: apt-get install " + Chromium.PACKAGES;
            if ("1".equals(System.getenv("INVITEHUB_REQUIRE_BROWSER"))) {
                throw new IllegalStateException(reason + " (INVITEHUB_REQUIRE_BROWSER=1 makes a missing browser a failure)");
            }
            if (WARNED.compareAndSet(false, true)) {
                System.err.println("*** BROWSER TESTS SKIPPED *** " + reason + " — set INVITEHUB_REQUIRE_BROWSER=1 to fail instead");
            }
            return ConditionEvaluationResult.disabled(reason);
        }

        static Chromium chromium(ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Chromium.class, type -> Chromium.start(), Chromium.class);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Chromium.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return chromium(context);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            List<String> problems = chromium(context).problems();
            if (!problems.isEmpty() && context.getExecutionException().isEmpty()) {
                throw new AssertionError("the pages had problems:\n  " + String.join("\n  ", problems));
            }
        }
    }
}
