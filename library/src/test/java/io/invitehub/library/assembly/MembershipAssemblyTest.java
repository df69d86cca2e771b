package io.invitehub.library.assembly;

import io.invitehub.application.membership.service.LifecycleSettings;
import io.invitehub.library.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Background removals back off from their own setting, never from the dispatcher's (they used to share it). */
class MembershipAssemblyTest {

    @Test
    void removalRetriesBackOffFromTheirOwnBaseWhateverTheDispatcherUses() {
        Settings s = Settings.from(Map.of("INVITEHUB_DISPATCH_BACKOFF_BASE", "7s", "INVITEHUB_REMOVAL_BACKOFF_BASE", "3s"));
        LifecycleSettings lifecycle = MembershipAssembly.settings(s.lifecycle());

        assertThat(lifecycle.backoff(1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(lifecycle.backoff(2)).isEqualTo(Duration.ofSeconds(6));
        assertThat(lifecycle.backoff(30)).isEqualTo(Duration.ofSeconds(180));
    }

    @Test
    void theDefaultIsTheOldEffectiveDefault() {
        LifecycleSettings lifecycle = MembershipAssembly.settings(Settings.from(Map.of("INVITEHUB_DISPATCH_BACKOFF_BASE", "9s")).lifecycle());

        assertThat(lifecycle.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(lifecycle.backoffMax()).isEqualTo(Duration.ofMinutes(2));
    }
}
