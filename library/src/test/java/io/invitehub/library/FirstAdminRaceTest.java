package io.invitehub.library;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.TestPostgres;
import io.invitehub.adapter.out.provider.simulated.SimulatedTeamProvider;
import io.invitehub.adapter.out.provider.simulated.SimulationSettings;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several service nodes start at once on one fresh database (the bench's {@code --nodes 3} run does): each creates
 * the first admin unless one exists. On real PostgreSQL the losers of that race see the winner's unique username,
 * and must start normally (no admin of their own) instead of failing their start-up with "the username is taken".
 */
class FirstAdminRaceTest {
    private static final String SECRETS_KEY = Base64.getEncoder().encodeToString("first-admin-race-test-secrets-32".getBytes());
    private static final int NODES = 8;

    @Test
    void nodesCreatingTheFirstAdminAtOnceMakeExactlyOneAndNoneFails() throws Exception {
        for (int round = 0; round < 5; round++) {
            try (JooqPersistence db = TestPostgres.freshPersistence();
                 InviteHubLibrary hub = InviteHubLibrary.builder().persistence(db).secretsKey(SECRETS_KEY)
                         .teamProvider(new SimulatedTeamProvider(SimulationSettings.defaults(), java.time.Clock.systemUTC(), new Random(7))).build()) {
                CyclicBarrier start = new CyclicBarrier(NODES);
                ExecutorService pool = Executors.newFixedThreadPool(NODES);
                try {
                    List<Future<Optional<User>>> calls = new ArrayList<>();
                    for (int i = 0; i < NODES; i++) {
                        calls.add(pool.submit(() -> {
                            start.await();
                            return hub.accounts().ensureAdmin("admin", "admin-password".toCharArray());
                        }));
                    }
                    int created = 0;
                    for (Future<Optional<User>> call : calls) {
                        if (call.get().isPresent()) {
                            created++;
                        }
                    }
                    assertThat(created).as("round %d: exactly one caller created the admin", round).isEqualTo(1);
                    assertThat(hub.accounts().adminExists()).isTrue();
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }
}
