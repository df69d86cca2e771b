package io.invitehub.bootstrap;

import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.library.config.Settings;
import io.invitehub.domain.shared.Email;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default: real PostgreSQL binaries with data under the data directory, demo data on
 * the first start, everything still there after a restart, the admin password printed only once.
 */
class EmbeddedDefaultTest {

    @Test
    void firstStartSeedsDemoDataAndARestartKeepsIt(@TempDir Path dataDir) {
        Settings settings = Settings.from(Map.of(
                "INVITEHUB_DATA_DIR", dataDir.toString(),
                "INVITEHUB_HTTP_PORT", "0",
                "INVITEHUB_BCRYPT_COST", "4"));
        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.demo()).isTrue();

        String firstOutput;
        String redeemedCode;
        String token;
        try (InviteHub hub = InviteHub.builder(settings).workers(false).start()) {
            DemoData.Seeded seeded = DemoData.seed(hub, settings);
            assertThat(seeded.adminPassword()).isPresent();
            assertThat(seeded.platformCodes()).hasSize(5);
            assertThat(seeded.distributorCodes()).hasSize(5);
            assertThat(hub.teams().listTeams()).hasSize(3);
            assertThat(seeded.plans()).as("plans on sale, so the demo distributor can buy codes through the sandbox gateway")
                    .extracting(p -> p.spec().codeCount()).containsExactly(10, 100);
            assertThat(hub.plans().onSale(hub.signIn().login(DemoData.DEMO_DISTRIBUTOR,
                    seeded.distributorPassword().orElseThrow().toCharArray(), "127.0.0.1").user().id())).hasSize(2);
            firstOutput = printed(seeded, settings, hub.httpPort().orElseThrow());
            assertThat(firstOutput).as("the console's address").contains("Console: http://127.0.0.1:" + hub.httpPort().orElseThrow() + "/console");
            redeemedCode = seeded.platformCodes().get(0).display();
            hub.redeem().redeem(new RedeemCommand(seeded.platformCodes().get(0), Email.of("kept@example.com"), "127.0.0.1"));
            token = hub.signIn().login("admin", seeded.adminPassword().get().toCharArray(), "127.0.0.1").accessToken();
        }
        assertThat(firstOutput).contains("Buy codes (sandbox payments)").contains("Admin account: admin / ").contains(redeemedCode).contains("Demo distributor: demo-distributor / ");
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("jwt-secret"))).isTrue();

        try (InviteHub hub = InviteHub.builder(settings).workers(false).start()) {
            DemoData.Seeded again = DemoData.seed(hub, settings);
            assertThat(again.adminPassword()).as("the admin password is printed only once").isEmpty();
            assertThat(hub.signIn().authenticate(token).username()).as("the generated JWT secret is kept in the data dir").isEqualTo("admin");
            assertThat(again.platformCodes()).isEmpty();
            assertThat(hub.teams().listTeams()).hasSize(3);
            assertThat(hub.plans().all(io.invitehub.domain.user.Actor.system())).as("plans are seeded once").hasSize(2);
            assertThat(hub.queries().seats().usedSeats()).as("the redemption before the restart is still there").isEqualTo(1);
            assertThat(printed(again, settings, hub.httpPort().orElseThrow())).contains("admin exists (its password was set when it was created");
        }
    }

    private static String printed(DemoData.Seeded seeded, Settings settings, int port) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoData.print(seeded, settings, port, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
