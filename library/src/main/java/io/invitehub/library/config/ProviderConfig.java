package io.invitehub.library.config;

import java.net.URI;
import java.time.Duration;

/**
 * docs/configuration.md, "Embedded demo and simulated provider" and "ChatGPT Team provider": which team
 * provider ({@code simulated} or {@code chatgpt}) and the settings of each.
 */
public record ProviderConfig(String name, Duration simulatedAcceptDelay, double simulatedErrorRate, Duration simulatedMaxLatency,
                             URI chatgptBaseUrl, Duration chatgptConnectTimeout, Duration chatgptRequestTimeout) {

    public static final String SIMULATED = "simulated";
    public static final String CHATGPT = "chatgpt";

    static ProviderConfig read(EnvironmentReader r, boolean embedded) {
        return new ProviderConfig(
                r.teamProvider(embedded),
                r.duration("INVITEHUB_SIM_ACCEPT_DELAY", Duration.ofSeconds(30)),
                r.probability("INVITEHUB_SIM_ERROR_RATE", 0.0),
                r.duration("INVITEHUB_SIM_MAX_LATENCY", Duration.ofMillis(50)),
                r.httpUrl("INVITEHUB_CHATGPT_BASE_URL", URI.create("https://chatgpt.com/backend-api")),
                r.duration("INVITEHUB_CHATGPT_CONNECT_TIMEOUT", Duration.ofSeconds(10)),
                r.duration("INVITEHUB_CHATGPT_REQUEST_TIMEOUT", Duration.ofSeconds(30)));
    }
}
