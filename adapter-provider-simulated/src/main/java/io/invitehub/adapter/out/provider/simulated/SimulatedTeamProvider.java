package io.invitehub.adapter.out.provider.simulated;

import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.MemberPage;
import io.invitehub.application.shared.port.out.PendingInvite;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * An in-memory {@link TeamProvider} for the embedded default and for tests: workspaces with seat
 * limits, invitees who accept after a delay, and configurable latency, transient errors, timeouts,
 * rate limits, bans and invalid tokens, so every flow and fault of the dispatcher can be exercised.
 *
 * <p>Workspaces are keyed by {@link TeamAccount#providerAccountId()} and created on first use with
 * {@link SimulationSettings#defaultSeats()}; the credentials are not checked (use
 * {@link #invalidateToken(String)} to simulate a bad token).
 *
 * <p>Every provider call goes through the same steps: count the call, sleep the configured latency,
 * draw the injected fault (see {@link SimulationSettings}), then act on the workspace while holding
 * that workspace's lock only. A banned or token-invalid workspace refuses every call with
 * BANNED or TOKEN_INVALID. Pending invites become members lazily, on every read or write of the
 * workspace, once {@code clock.instant()} reaches invite time + acceptance delay; the member's
 * {@code joinedAt} is that moment.
 *
 * <p>Thread-safe: workspaces live in a concurrent map and each one serialises its own calls; the
 * random generator is used under its own lock; settings and the rejection rule are volatile.
 * Latency and timeouts are real sleeps ({@link Thread#sleep}), independent of the clock.
 */
public final class SimulatedTeamProvider implements TeamProvider {
    private final Clock clock;
    private final RandomGenerator random;
    private final ConcurrentMap<String, Workspace> workspaces = new ConcurrentHashMap<>();
    private final AtomicLong userIds = new AtomicLong();
    private final AtomicLong inviteIds = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong inviteCalls = new AtomicLong();
    private volatile SimulationSettings settings;
    private volatile Predicate<Email> rejected = email -> false;

    /**
     * @param settings latency, faults, acceptance delay and default seats; change later with {@link #setSettings}
     * @param clock    decides when pending invites are accepted and stamps invites and members
     * @param random   drives latency and faults; pass a seeded generator for reproducible runs
     */
    public SimulatedTeamProvider(SimulationSettings settings, Clock clock, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** With an unseeded {@link Random}. */
    public SimulatedTeamProvider(SimulationSettings settings, Clock clock) {
        this(settings, clock, new Random());
    }

    // ---- TeamProvider ----------------------------------------------------------------------

    @Override
    public void verify(TeamAccount team) {
        enter(team).verify();
    }

    @Override
    public List<InviteResult> invite(TeamAccount team, List<Email> emails) {
        Objects.requireNonNull(emails, "emails");
        if (emails.size() > MAX_INVITES_PER_CALL) {
            throw new IllegalArgumentException("at most " + MAX_INVITES_PER_CALL + " e-mails per invite call, got " + emails.size());
        }
        emails.forEach(email -> Objects.requireNonNull(email, "email"));
        Workspace workspace = enter(team);
        inviteCalls.incrementAndGet();
        SimulationSettings s = settings;
        return workspace.invite(List.copyOf(emails), rejected, clock.instant(), s.acceptanceDelay());
    }

    @Override
    public MemberPage listMembers(TeamAccount team, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        Workspace workspace = enter(team);
        return workspace.listMembers(offset, limit, clock.instant(), settings.acceptanceDelay());
    }

    @Override
    public List<PendingInvite> listPendingInvites(TeamAccount team) {
        Workspace workspace = enter(team);
        return workspace.listPendingInvites(clock.instant(), settings.acceptanceDelay());
    }

    @Override
    public void cancelInvite(TeamAccount team, Email email) {
        Objects.requireNonNull(email, "email");
        Workspace workspace = enter(team);
        workspace.cancelInvite(email, clock.instant(), settings.acceptanceDelay());
    }

    @Override
    public void removeMember(TeamAccount team, String userId) {
        Objects.requireNonNull(userId, "userId");
        Workspace workspace = enter(team);
        workspace.removeMember(userId, clock.instant(), settings.acceptanceDelay());
    }

    @Override
    public int seatCount(TeamAccount team) {
        return enter(team).seatCount();
    }

    // ---- admin and test controls -----------------------------------------------------------

    /** Creates the workspace with {@code seats} seats, or changes the seats of an existing one. */
    public void registerWorkspace(String accountId, int seats) {
        if (seats < 0) {
            throw new IllegalArgumentException("seats must not be negative");
        }
        workspaces.compute(Objects.requireNonNull(accountId, "accountId"), (id, existing) -> {
            if (existing == null) {
                return newWorkspace(id, seats);
            }
            existing.setSeats(seats);
            return existing;
        });
    }

    /** Every later call on this workspace fails BANNED until {@link #restore(String)}. */
    public void ban(String accountId) {
        workspace(accountId).setStatus(Workspace.Status.BANNED);
    }

    /** Every later call on this workspace fails TOKEN_INVALID until {@link #restore(String)}. */
    public void invalidateToken(String accountId) {
        workspace(accountId).setStatus(Workspace.Status.TOKEN_INVALID);
    }

    /** Lifts a ban or an invalid token. */
    public void restore(String accountId) {
        workspace(accountId).setStatus(Workspace.Status.ACTIVE);
    }

    /**
     * Adds a member who did not come through InviteHub, joined now (replacing a pending invite for
     * the same e-mail). Not limited by the seats, so it can simulate an over-full workspace.
     */
    public void addExternalMember(String accountId, Email email) {
        Objects.requireNonNull(email, "email");
        workspace(accountId).addExternalMember(email, clock.instant(), settings.acceptanceDelay());
    }

    /** E-mails matching {@code rule} get a per-e-mail REJECTED result from {@link #invite}; applies to every workspace. */
    public void rejectEmails(Predicate<Email> rule) {
        this.rejected = Objects.requireNonNull(rule, "rule");
    }

    /** Changes latency, faults, acceptance delay and default seats for every later call. */
    public void setSettings(SimulationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public SimulationSettings settings() {
        return settings;
    }

    // ---- observability ---------------------------------------------------------------------

    /** Provider calls of any kind, including those that failed with an injected fault. */
    public long callCount() {
        return calls.get();
    }

    /**
     * Invite calls that got past latency and injected faults and reached the workspace (including
     * those the workspace then refused as BANNED or TOKEN_INVALID).
     */
    public long inviteCalls() {
        return inviteCalls.get();
    }

    /** The e-mails with a pending invite now (after applying due acceptances); empty for an unknown workspace. */
    public Set<Email> pendingInvites(String accountId) {
        Workspace workspace = workspaces.get(accountId);
        return workspace == null ? Set.of() : workspace.pendingEmails(clock.instant(), settings.acceptanceDelay());
    }

    /** The e-mails of the members now (after applying due acceptances); empty for an unknown workspace. */
    public Set<Email> members(String accountId) {
        Workspace workspace = workspaces.get(accountId);
        return workspace == null ? Set.of() : workspace.memberEmails(clock.instant(), settings.acceptanceDelay());
    }

    // ---- internals -------------------------------------------------------------------------

    private Workspace enter(TeamAccount team) {
        Objects.requireNonNull(team, "team");
        calls.incrementAndGet();
        SimulationSettings s = settings;
        sleepLatency(s);
        injectFault(s, team.providerAccountId());
        return workspace(team.providerAccountId());
    }

    private Workspace workspace(String accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return workspaces.computeIfAbsent(accountId, id -> newWorkspace(id, settings.defaultSeats()));
    }

    private Workspace newWorkspace(String accountId, int seats) {
        return new Workspace(accountId, seats, () -> userIds.incrementAndGet(), () -> inviteIds.incrementAndGet());
    }

    private void sleepLatency(SimulationSettings s) {
        long min = s.minLatency().toNanos();
        long max = s.maxLatency().toNanos();
        long nanos = min;
        if (max > min) {
            synchronized (random) {
                nanos = random.nextLong(min, max + 1);
            }
        }
        if (nanos > 0) {
            sleep(nanos, "latency");
        }
    }

    private void injectFault(SimulationSettings s, String accountId) {
        if (!s.injectsFaults()) {
            return;
        }
        double r;
        synchronized (random) {
            r = random.nextDouble();
        }
        double bound = s.rateLimitedRate();
        if (r < bound) {
            throw new TeamProviderException(ProviderError.RATE_LIMITED, "simulated rate limit on " + accountId,
                    s.retryAfter(), null);
        }
        bound += s.timeoutRate();
        if (r < bound) {
            sleep(s.timeout().toNanos(), "timeout");
            throw new TeamProviderException(ProviderError.TRANSIENT, "timeout");
        }
        bound += s.transientErrorRate();
        if (r < bound) {
            throw new TeamProviderException(ProviderError.TRANSIENT, "simulated transient failure on " + accountId);
        }
    }

    private static void sleep(long nanos, String what) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TeamProviderException(ProviderError.TRANSIENT, "interrupted during simulated " + what,
                    null, e);
        }
    }
}
