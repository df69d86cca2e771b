package io.invitehub.library.config;

import java.util.Optional;

/**
 * docs/configuration.md, "Metrics and logs" (ADR 39): whether the service keeps metrics, where they are
 * served (at {@code GET /metrics} on the API port for staff, or on a port of their own without sign-in),
 * and the log format.
 */
public record ObservabilityConfig(boolean metrics, Optional<Integer> metricsPort, String metricsHost, String logFormat) {
    public static final String TEXT = "text";
    public static final String JSON = "json";

    static ObservabilityConfig read(EnvironmentReader r) {
        Optional<Integer> port = r.optional("INVITEHUB_METRICS_PORT").map(raw -> {
            try {
                int value = Integer.parseInt(raw.strip());
                if (value < 0 || value > 65535) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new ConfigurationException("INVITEHUB_METRICS_PORT must be a port number (0-65535), was '" + raw + "'");
            }
        });
        // exactly as logback.xml names its appenders: the value picks one
        String format = r.string("INVITEHUB_LOG_FORMAT", TEXT);
        if (!format.equals(TEXT) && !format.equals(JSON)) {
            throw new ConfigurationException("INVITEHUB_LOG_FORMAT must be 'text' or 'json', was '" + format + "'");
        }
        return new ObservabilityConfig(r.bool("INVITEHUB_METRICS", true), port, r.string("INVITEHUB_METRICS_HOST", "127.0.0.1"), format);
    }

    /** Metrics on, at {@code GET /metrics} of the API (staff only). */
    public boolean metricsOnTheApi() {
        return metrics && metricsPort.isEmpty();
    }
}
