package io.invitehub.examples.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.membership.port.in.RemovalResult;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.user.UserId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The example service against real PostgreSQL (embedded binaries, as InviteHub's own tests): redeem,
 * deliver, remove and read the reseller's summary through the library, on the service's own pool.
 */
class SeatDeskTest {
    private static final String SECRETS_KEY = Base64.getEncoder().encodeToString("seat-desk-example-secrets-key-32".getBytes());

    private static EmbeddedPostgres postgres;
    private static HikariDataSource pool;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        HikariConfig config = new HikariConfig();
        config.setDataSource(postgres.getPostgresDatabase());
        config.setMaximumPoolSize(4);
        config.setPoolName("seat-desk");
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close();
        postgres.close();
    }

    @Test
    void redeemsDeliversRemovesAndCountsOnTheServicesOwnPoolWithoutThreadsOrServer() throws Exception {
        GuestListProvider workspace = new GuestListProvider(Clock.systemUTC());
        RedemptionResult redeemed;
        UserId reseller;
        Team team;
        try (SeatDesk desk = SeatDesk.start(pool, workspace, SECRETS_KEY, Clock.systemUTC())) {
            team = desk.openTeam("Front desk", "desk-account-1", 5);
            reseller = desk.newReseller("reseller-one");
            List<Code> codes = desk.codesFor(reseller, 3);

            redeemed = desk.redeem(codes.get(0).display().toLowerCase(), "guest@example.com", "10.1.1.1");
            assertThat(redeemed.invitation().state()).isEqualTo(InvitationState.RESERVED);
            assertThat(workspace.calls()).as("nothing is sent inside the redemption").doesNotContain("invite guest@example.com");
            assertThat(workerThreads()).as("building and using the library starts no worker thread").isEmpty();

            assertThat(desk.deliverInvitations().invitationsDispatched()).isEqualTo(1);
            assertThat(workspace.calls()).contains("invite guest@example.com");
            assertThat(state(redeemed)).isEqualTo("INVITED");

            RemovalResult removed = desk.remove(reseller, "guest@example.com", team.id());
            assertThat(removed.outcome()).isEqualTo(RemovalResult.Outcome.REMOVED);
            assertThat(removed.codeUsageRestored()).isTrue();
            assertThat(workspace.calls()).contains("cancel guest@example.com");
            assertThat(state(redeemed)).isEqualTo("REMOVED");

            DistributorSummary summary = desk.summary(reseller);
            assertThat(summary.totalCodes()).isEqualTo(3);
            assertThat(summary.activeCodes()).isEqualTo(3);
            assertThat(summary.invitesSentSuccess()).isEqualTo(1);
            assertThat(summary.membersActive()).isZero();
            assertThat(summary.membersRemoved()).isEqualTo(1);

            assertThatThrownBy(() -> Class.forName("io.javalin.Javalin")).as("no HTTP server on the classpath")
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> Class.forName("redis.clients.jedis.RedisClient")).isInstanceOf(ClassNotFoundException.class);
        }
        assertThat(pool.isClosed()).as("closing InviteHub leaves the service's pool open").isFalse();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from invitations where state = 'REMOVED'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void refusesToStartWithoutASecretsKey() {
        assertThatThrownBy(() -> io.invitehub.library.InviteHubLibrary.builder().dataSource(pool)
                .teamProvider(new GuestListProvider(Clock.systemUTC())).build())
                .hasMessageContaining("secrets key");
    }

    private static String state(RedemptionResult redeemed) throws Exception {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select state from invitations where public_id = '" + redeemed.invitation().publicId() + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Threads of InviteHub's background workers (their names, as docs/architecture.md lists the workers). */
    static Set<String> workerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.matches("(invite-dispatcher|queue-promoter|acceptance-sync|member-lifecycle|order-fulfilment|order-expiry|maintenance|settlement"
                        + "|mail-\\d|webhooks-\\d|outbox-retention|idempotency-key-purge|invitehub-http).*"))
                .collect(Collectors.toSet());
    }

    @Test
    void workersRunOnlyWhenStartedAndStopWithTheLibrary() throws Exception {
        try (io.invitehub.library.InviteHubLibrary hub = io.invitehub.library.InviteHubLibrary.builder().dataSource(pool)
                .teamProvider(new GuestListProvider(Clock.systemUTC())).secretsKey(SECRETS_KEY).build()) {
            assertThat(workerThreads()).isEmpty();
            hub.startWorkers();
            assertThat(workerThreads()).anyMatch(n -> n.startsWith("invite-dispatcher")).anyMatch(n -> n.startsWith("queue-promoter"))
                    .anyMatch(n -> n.startsWith("mail-")).anyMatch(n -> n.startsWith("webhooks-"))
                    .contains("outbox-retention", "idempotency-key-purge");
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!workerThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(workerThreads()).as("close() stops them").isEmpty();
    }
}
