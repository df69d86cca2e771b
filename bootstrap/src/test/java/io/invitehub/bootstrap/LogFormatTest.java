package io.invitehub.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's logback.xml (ADR 39): text lines by default, JSON objects with INVITEHUB_LOG_FORMAT=json, the request id in both. */
class LogFormatTest {

    @Test
    void jsonLinesAreObjectsWithTheRequestId() throws Exception {
        String out = logOneLine("json");
        String line = out.lines().filter(l -> l.contains("hello there")).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("formattedMessage").asText()).isEqualTo("hello there");
        assertThat(json.has("arguments")).isFalse();
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("mdc").get("request_id").asText()).isEqualTo("req-4711");
    }

    @Test
    void textLinesNameTheRequestOnlyWhenThereIsOne() throws Exception {
        String out = logOneLine(null);
        String line = out.lines().filter(l -> l.contains("hello there")).findFirst().orElseThrow();
        assertThat(line).matches("\\S+ INFO  \\[.*\\] test\\.logger request_id=req-4711 - hello there");
        assertThat(out.lines().filter(l -> l.contains("no request")).findFirst().orElseThrow()).doesNotContain("request_id");
    }

    private static String logOneLine(String format) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            if (format != null) {
                context.putProperty("INVITEHUB_LOG_FORMAT", format);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            context.getMDCAdapter().put("request_id", "req-4711");
            context.getLogger("test.logger").info("hello {}", "there");
            context.getMDCAdapter().remove("request_id");
            context.getLogger("test.logger").info("no request");
        } finally {
            context.stop();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
