package io.invitehub.adapter.in.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSettingsTest {

    @Test
    void blankHostMeansAllInterfacesAndProxiesAreCopied() {
        Set<String> proxies = new HashSet<>(Set.of("10.0.0.1"));
        HttpSettings settings = new HttpSettings(" ", 0, 16, 2, Duration.ofSeconds(30), proxies);
        proxies.add("10.0.0.2");

        assertThat(settings.host()).isNull();
        assertThat(settings.trustedProxies()).containsExactly("10.0.0.1");
        assertThat(new HttpSettings("127.0.0.1", 8080, 8, 8, Duration.ofSeconds(1), null).trustedProxies()).isEmpty();
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> new HttpSettings(null, 70_000, 16, 2, Duration.ofSeconds(30), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be between 0 and 65535");
        assertThatThrownBy(() -> new HttpSettings(null, 0, 1, 2, Duration.ofSeconds(30), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxThreads must not be below minThreads");
        assertThatThrownBy(() -> new HttpSettings(null, 0, 16, 0, Duration.ofSeconds(30), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minThreads must be at least 1");
        assertThatThrownBy(() -> new HttpSettings(null, 0, 16, 2, Duration.ZERO, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("idleTimeout must be positive");
    }
}
