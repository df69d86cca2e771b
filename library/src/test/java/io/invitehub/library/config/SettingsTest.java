package io.invitehub.library.config;

import io.invitehub.domain.team.AllocationPolicy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void withNothingSetTheEmbeddedDemoDefaultsApply() {
        Settings s = Settings.from(Map.of());
        assertThat(s.embeddedDatabase()).isTrue();
        assertThat(s.demo()).isTrue();
        assertThat(s.database().dataDir()).isEqualTo(Path.of("data"));
        assertThat(s.http().host()).isEqualTo("127.0.0.1");
        assertThat(s.http().port()).isEqualTo(8080);
        assertThat(s.redemption().allocationPolicy()).isEqualTo(AllocationPolicy.FILL_FIRST);
        assertThat(s.redemption().perAddressPerMinute()).isEqualTo(5);
        assertThat(s.redemption().codeLockDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.redemption().codePrefix()).isEqualTo("HUB");
        assertThat(s.accounts().adminPassword()).isEmpty();
    }

    @Test
    void anExternalDatabaseTurnsTheDemoOffUnlessAskedFor() {
        Settings s = Settings.from(Map.of("INVITEHUB_DB_URL", "jdbc:postgresql://db:5432/hub", "INVITEHUB_TEAM_PROVIDER", "simulated"));
        assertThat(s.embeddedDatabase()).isFalse();
        assertThat(s.demo()).isFalse();
        assertThat(Settings.from(Map.of("INVITEHUB_DB_URL", "jdbc:postgresql://db/hub", "INVITEHUB_TEAM_PROVIDER", "simulated",
                "INVITEHUB_DEMO", "yes")).demo()).isTrue();
    }

    @Test
    void anExternalDatabaseNeedsAnExplicitTeamProvider() {
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_DB_URL", "jdbc:postgresql://db/hub")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("INVITEHUB_TEAM_PROVIDER is required");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_TEAM_PROVIDER", "openai")))
                .hasMessage("INVITEHUB_TEAM_PROVIDER must be 'chatgpt' or 'simulated', was 'openai'");
        assertThat(Settings.from(Map.of("INVITEHUB_TEAM_PROVIDER", "chatgpt")).provider().name()).isEqualTo("chatgpt");
        assertThat(Settings.from(Map.of()).provider().name()).isEqualTo("simulated");
    }

    @Test
    void mailGoesToTheLogUnlessSmtpIsConfiguredCompletely() {
        MailConfig log = Settings.from(Map.of()).mail();
        assertThat(log.transport()).isEqualTo(MailConfig.Transport.LOG);
        assertThat(log.defaultLanguage()).isEqualTo(io.invitehub.domain.shared.Language.ZH_CN);
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_MAIL_TRANSPORT", "smtp")))
                .hasMessage("INVITEHUB_MAIL_TRANSPORT=smtp needs INVITEHUB_SMTP_HOST");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_MAIL_TRANSPORT", "smtp", "INVITEHUB_SMTP_HOST", "mail.example.com")))
                .hasMessageStartingWith("INVITEHUB_MAIL_TRANSPORT=smtp needs INVITEHUB_MAIL_FROM");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_SMTP_USERNAME", "u")))
                .hasMessage("INVITEHUB_SMTP_USERNAME and INVITEHUB_SMTP_PASSWORD go together");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_SMTP_SECURITY", "ssl")))
                .hasMessage("INVITEHUB_SMTP_SECURITY must be one of starttls, smtps, none, was 'ssl'");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_MAIL_DEFAULT_LANGUAGE", "fr")))
                .hasMessage("INVITEHUB_MAIL_DEFAULT_LANGUAGE must be zh-CN or en, was 'fr'");
        MailConfig smtp = Settings.from(Map.of("INVITEHUB_MAIL_TRANSPORT", "smtp", "INVITEHUB_SMTP_HOST", "mail.example.com",
                "INVITEHUB_MAIL_FROM", "hub@example.com", "INVITEHUB_SMTP_SECURITY", "smtps", "INVITEHUB_SMTP_USERNAME", "hub",
                "INVITEHUB_SMTP_PASSWORD", "very-secret")).mail();
        assertThat(smtp.smtpPort()).isEqualTo(465);
        assertThat(smtp.toString()).contains("mail.example.com:465").doesNotContain("very-secret");
    }

    @Test
    void webhooksAreHttpsOnlyUnlessTheDevelopmentSettingSaysOtherwise() {
        WebhookConfig defaults = Settings.from(Map.of()).webhooks();
        assertThat(defaults.allowLocal()).isFalse();
        assertThat(defaults.retryFor()).isEqualTo(Duration.ofDays(3));
        assertThat(Settings.from(Map.of("INVITEHUB_WEBHOOKS_ALLOW_LOCAL", "true")).webhooks().allowLocal()).isTrue();
    }

    @Test
    void aShortAdminPasswordStopsTheStart() {
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_ADMIN_PASSWORD", "short")))
                .isInstanceOf(ConfigurationException.class).hasMessage("INVITEHUB_ADMIN_PASSWORD must have at least 8 characters");
    }

    @Test
    void parsesDurationsListsAndPolicies() {
        Settings s = Settings.from(Map.of(
                "INVITEHUB_CODE_LOCK_DURATION", "90s",
                "INVITEHUB_DISPATCH_POLL_INTERVAL", "250ms",
                "INVITEHUB_DISPATCH_BACKOFF_BASE", "PT3S",
                "INVITEHUB_SIM_ACCEPT_DELAY", "2h",
                "INVITEHUB_TRUSTED_PROXIES", " 10.0.0.1, 10.0.0.2 ,",
                "INVITEHUB_ALLOCATION_POLICY", "spread"));
        assertThat(s.redemption().codeLockDuration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.dispatch().pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.dispatch().backoffBase()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.provider().simulatedAcceptDelay()).isEqualTo(Duration.ofHours(2));
        assertThat(s.http().trustedProxies()).isEqualTo(Set.of("10.0.0.1", "10.0.0.2"));
        assertThat(s.redemption().allocationPolicy()).isEqualTo(AllocationPolicy.SPREAD);
    }

    @Test
    void invalidValuesNameTheVariable() {
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigurationException.class).hasMessage("INVITEHUB_HTTP_PORT must be a whole number, was 'eighty'");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_HTTP_PORT", "70000")))
                .hasMessage("INVITEHUB_HTTP_PORT must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_CODE_LOCK_DURATION", "soon")))
                .hasMessageStartingWith("INVITEHUB_CODE_LOCK_DURATION must be a duration");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_DEMO", "maybe")))
                .hasMessage("INVITEHUB_DEMO must be true or false, was 'maybe'");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_SIM_ERROR_RATE", "1.5")))
                .hasMessage("INVITEHUB_SIM_ERROR_RATE must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_ALLOCATION_POLICY", "random")))
                .hasMessageStartingWith("INVITEHUB_ALLOCATION_POLICY: unknown allocation policy 'random'");
    }

    @Test
    void statisticsSettingsDefaultToShanghaiAndCnyAndRefuseNonsense() {
        Settings defaults = Settings.from(Map.of());
        assertThat(defaults.statistics().businessTimeZone()).isEqualTo(java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(defaults.statistics().defaultUnitPriceMinor()).isZero();
        assertThat(defaults.statistics().currency().getCurrencyCode()).isEqualTo("CNY");
        Settings set = Settings.from(Map.of("INVITEHUB_BUSINESS_TIME_ZONE", "Europe/Berlin",
                "INVITEHUB_DEFAULT_UNIT_PRICE_MINOR", "1990", "INVITEHUB_CURRENCY", "eur"));
        assertThat(set.statistics().businessTimeZone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
        assertThat(set.statistics().defaultUnitPriceMinor()).isEqualTo(1990);
        assertThat(set.statistics().currency().getCurrencyCode()).isEqualTo("EUR");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_BUSINESS_TIME_ZONE", "Mars/Olympus")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("INVITEHUB_BUSINESS_TIME_ZONE");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_DEFAULT_UNIT_PRICE_MINOR", "-1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("INVITEHUB_DEFAULT_UNIT_PRICE_MINOR");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_CURRENCY", "XYZW")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("INVITEHUB_CURRENCY");
    }

    @Test
    void redisAndAntiAbuseSettingsHaveDefaultsAndRefuseNonsenseWithoutEchoingSecrets() {
        Settings defaults = Settings.from(Map.of());
        assertThat(defaults.redis().url()).isEmpty();
        assertThat(defaults.redis().timeout()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(defaults.redis().seatsCacheTtl()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(defaults.recipients().invitationsPerEmailPerDay()).isEqualTo(3);
        assertThat(defaults.recipients().reinviteCooldown()).isEqualTo(java.time.Duration.ofHours(24));

        Settings redis = Settings.from(Map.of("INVITEHUB_REDIS_URL", "redis://:pw@cache:6379/2",
                "INVITEHUB_TRUSTED_PROXIES", "10.0.0.0/8, ::1"));
        assertThat(redis.redis().url()).contains("redis://:pw@cache:6379/2");
        assertThat(redis.toString()).doesNotContain("pw");
        assertThat(redis.http().trustedProxies()).containsExactlyInAnyOrder("10.0.0.0/8", "::1");

        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_REDIS_URL", "http://secret@cache")))
                .hasMessageContaining("INVITEHUB_REDIS_URL").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_TRUSTED_PROXIES", "proxy.internal")))
                .hasMessageContaining("INVITEHUB_TRUSTED_PROXIES");
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_INVITATIONS_PER_EMAIL_PER_DAY", "0")))
                .hasMessageContaining("INVITEHUB_INVITATIONS_PER_EMAIL_PER_DAY");
    }

    @Test
    void removalBackoffIsItsOwnSettingWithTheDispatchersDefault() {
        assertThat(Settings.from(Map.of()).lifecycle().removalBackoffBase()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(Settings.from(Map.of("INVITEHUB_DISPATCH_BACKOFF_BASE", "5s")).lifecycle().removalBackoffBase())
                .isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(Settings.from(Map.of("INVITEHUB_REMOVAL_BACKOFF_BASE", "500ms")).lifecycle().removalBackoffBase())
                .isEqualTo(java.time.Duration.ofMillis(500));
        assertThatThrownBy(() -> Settings.from(Map.of("INVITEHUB_REMOVAL_BACKOFF_BASE", "0s")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("INVITEHUB_REMOVAL_BACKOFF_BASE");
    }

    @Test
    void everyVariableItReadsIsDocumentedInItsSection() throws java.io.IOException {
        java.util.Set<String> read = new java.util.TreeSet<>();
        Settings.from(new java.util.HashMap<String, String>() {
            @Override
            public String get(Object key) {
                read.add((String) key);
                return super.get(key);
            }
        });
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/configuration.md"));
        assertThat(read).hasSizeGreaterThan(60).contains("INVITEHUB_REMOVAL_BACKOFF_BASE");
        for (String name : read) {
            assertThat(docs).as("docs/configuration.md documents " + name).contains("| `" + name + "` |");
        }
    }

    @Test
    void metricsAndLogsHaveSafeDefaultsAndRefuseWhatLogbackWouldNotKnow() {
        ObservabilityConfig defaults = Settings.from(java.util.Map.of()).observability();
        assertThat(defaults.metrics()).isTrue();
        assertThat(defaults.metricsOnTheApi()).as("staff-only on the API port unless a port is given").isTrue();
        assertThat(defaults.metricsHost()).isEqualTo("127.0.0.1");
        assertThat(defaults.logFormat()).isEqualTo("text");
        ObservabilityConfig ownPort = Settings.from(java.util.Map.of("INVITEHUB_METRICS_PORT", "9464", "INVITEHUB_LOG_FORMAT", "json")).observability();
        assertThat(ownPort.metricsPort()).contains(9464);
        assertThat(ownPort.metricsOnTheApi()).isFalse();
        assertThat(ownPort.logFormat()).isEqualTo("json");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Settings.from(java.util.Map.of("INVITEHUB_LOG_FORMAT", "JSON")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("INVITEHUB_LOG_FORMAT");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Settings.from(java.util.Map.of("INVITEHUB_METRICS_PORT", "70000")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("INVITEHUB_METRICS_PORT");
    }
}
