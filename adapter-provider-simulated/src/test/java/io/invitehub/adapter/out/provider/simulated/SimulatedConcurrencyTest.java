package io.invitehub.adapter.out.provider.simulated;

import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.invitehub.adapter.out.provider.simulated.SimulatedTeamProviderTest.account;
import static org.assertj.core.api.Assertions.assertThat;

class SimulatedConcurrencyTest {
    private static final int THREADS = 8;
    private static final int INVITES_PER_THREAD = 200;
    private final TeamAccount team = account("ws-c");

    @Test
    void overSubscribedWorkspaceEndsExactlyFullAndNeverOverTheSeats() throws Exception {
        int seats = 300;
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        // acceptance after 1 ms of clock time, and a thread moving the clock, so invitees turn
        // into members while the invites race: the limit must hold over members + pending
        SimulatedTeamProvider provider = new SimulatedTeamProvider(
                SimulationSettings.defaults().withAcceptanceDelay(Duration.ofMillis(1)), clock, new Random(3));
        provider.registerWorkspace("ws-c", seats);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread ticker = new Thread(() -> {
            while (running.get()) {
                clock.advance(Duration.ofMillis(1));
                Thread.onSpinWait();
            }
        });
        ticker.start();

        List<InviteResult> results;
        try {
            results = inviteConcurrently(provider, t -> distinctEmails(t));
        } finally {
            running.set(false);
            ticker.join();
        }

        long sent = results.stream().filter(InviteResult::isSent).count();
        long full = results.stream()
                .filter(r -> r.error().equals(Optional.of(ProviderError.REJECTED)) && r.message().equals("workspace full"))
                .count();
        Set<Email> members = provider.members("ws-c");
        Set<Email> pending = provider.pendingInvites("ws-c");
        assertThat(results).hasSize(THREADS * INVITES_PER_THREAD);
        assertThat(sent).isEqualTo(seats);
        assertThat(full).isEqualTo(THREADS * INVITES_PER_THREAD - seats);
        assertThat(members.size() + pending.size()).isEqualTo(seats);
        assertThat(members).as("acceptance ran during the race").isNotEmpty();
        Set<Email> both = new HashSet<>(members);
        both.retainAll(pending);
        assertThat(both).isEmpty();
        assertThat(provider.inviteCalls()).isEqualTo(THREADS * INVITES_PER_THREAD);
        Set<Email> sentEmails = new HashSet<>();
        results.stream().filter(InviteResult::isSent).forEach(r -> sentEmails.add(r.email()));
        Set<Email> present = new HashSet<>(members);
        present.addAll(pending);
        assertThat(present).isEqualTo(sentEmails);
    }

    @Test
    void racingInvitesOfTheSameEmailsTakeOneSeatEach() throws Exception {
        SimulatedTeamProvider provider = new SimulatedTeamProvider(
                SimulationSettings.defaults(), Clock.systemUTC(), new Random(3));
        provider.registerWorkspace("ws-c", 1_000);

        // every thread invites the same 200 addresses
        List<InviteResult> results = inviteConcurrently(provider, t -> distinctEmails(0));

        assertThat(results).hasSize(THREADS * INVITES_PER_THREAD).allMatch(InviteResult::isSent);
        assertThat(provider.pendingInvites("ws-c")).hasSize(INVITES_PER_THREAD);
        assertThat(provider.listPendingInvites(team)).hasSize(INVITES_PER_THREAD);
    }

    @Test
    void aCallHeldInsideOneWorkspaceDoesNotBlockAnotherWorkspace() throws Exception {
        SimulatedTeamProvider provider = new SimulatedTeamProvider(
                SimulationSettings.defaults(), Clock.systemUTC(), new Random(3));
        CountDownLatch insideA = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        // the rejection rule runs under the workspace lock: park a call to workspace A inside it
        provider.rejectEmails(email -> {
            if (email.domain().equals("a.test")) {
                insideA.countDown();
                try {
                    releaseA.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<InviteResult>> a = pool.submit(
                    () -> provider.invite(account("ws-a"), List.of(Email.of("x@a.test"))));
            assertThat(insideA.await(5, TimeUnit.SECONDS)).isTrue();
            Future<List<InviteResult>> secondA = pool.submit(
                    () -> provider.invite(account("ws-a"), List.of(Email.of("y@other.test"))));

            List<InviteResult> b = provider.invite(account("ws-b"), List.of(Email.of("x@b.test")));

            assertThat(b).allMatch(InviteResult::isSent);
            assertThat(provider.pendingInvites("ws-b")).containsExactly(Email.of("x@b.test"));
            assertThat(a.isDone()).isFalse();
            Thread.sleep(50);
            assertThat(secondA.isDone()).as("a second call on the held workspace waits").isFalse();
            releaseA.countDown();
            assertThat(a.get(5, TimeUnit.SECONDS)).allMatch(InviteResult::isSent);
            assertThat(secondA.get(5, TimeUnit.SECONDS)).allMatch(InviteResult::isSent);
            assertThat(provider.pendingInvites("ws-a")).hasSize(2);
        } finally {
            releaseA.countDown();
            pool.shutdownNow();
        }
    }

    private interface EmailsOfThread {
        List<Email> of(int thread);
    }

    private static List<Email> distinctEmails(int thread) {
        List<Email> emails = new ArrayList<>(INVITES_PER_THREAD);
        for (int i = 0; i < INVITES_PER_THREAD; i++) {
            emails.add(Email.of("t" + thread + "-" + i + "@example.com"));
        }
        return emails;
    }

    private List<InviteResult> inviteConcurrently(SimulatedTeamProvider provider, EmailsOfThread emails)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<InviteResult>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Email> mine = emails.of(t);
                Callable<List<InviteResult>> task = () -> {
                    start.await();
                    List<InviteResult> out = new ArrayList<>();
                    for (Email email : mine) {
                        out.addAll(provider.invite(team, List.of(email)));
                    }
                    return out;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<InviteResult> all = new ArrayList<>();
            for (Future<List<InviteResult>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
