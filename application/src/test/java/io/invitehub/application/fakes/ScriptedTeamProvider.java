package io.invitehub.application.fakes;

import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.MemberPage;
import io.invitehub.application.shared.port.out.PendingInvite;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A team provider whose invite calls follow a script: each call takes the next scripted
 * {@link Outcome}, or the default outcome ({@link #allSent()} unless changed) when the script is
 * empty. Records every invite call with its team and e-mails. Sent invites are pending in the
 * workspace; members are put there by the test ({@link #member}, {@link #accept}); cancel and remove
 * act on them (NOT_FOUND when absent), can be scripted to fail, and are recorded.
 */
public final class ScriptedTeamProvider implements TeamProvider {
    private final List<TeamAccount> verifications = new ArrayList<>();
    private TeamProviderException verifyFailure;


    /** What one invite call answers (or throws). */
    @FunctionalInterface
    public interface Outcome {
        List<InviteResult> answer(TeamAccount team, List<Email> emails);
    }

    /** One recorded invite call. */
    public record Call(TeamAccount team, List<Email> emails) {
        public Call {
            emails = List.copyOf(emails);
        }
    }

    /** One recorded cancel or remove call: {@code what} is the e-mail (cancel) or the user id (remove). */
    public record Removal(String kind, String account, String what) {
    }

    private final java.util.Map<String, List<io.invitehub.application.shared.port.out.ProviderMember>> members = new java.util.HashMap<>();
    private final java.util.Map<String, java.util.Set<Email>> pending = new java.util.HashMap<>();
    private final Deque<TeamProviderException> removalFailures = new ArrayDeque<>();
    private TeamProviderException removalFailureAlways;
    private final List<Removal> removals = new ArrayList<>();
    private final Deque<Outcome> script = new ArrayDeque<>();
    private Outcome otherwise = allSent();
    private final List<Call> calls = new ArrayList<>();

    /** Every e-mail sent. */
    public static Outcome allSent() {
        return (team, emails) -> emails.stream().map(InviteResult::sent).toList();
    }

    /** The listed e-mails fail with {@code error}; the others are sent. */
    public static Outcome failing(ProviderError error, Email... failed) {
        Set<Email> failing = Set.of(failed);
        return (team, emails) -> emails.stream()
                .map(e -> failing.contains(e) ? InviteResult.failed(e, error, "scripted " + error) : InviteResult.sent(e))
                .toList();
    }

    /** Every e-mail fails with {@code error}. */
    public static Outcome allFailing(ProviderError error) {
        return (team, emails) -> emails.stream().map(e -> InviteResult.failed(e, error, "scripted " + error)).toList();
    }

    /** The provider gives no result for the listed e-mails; the others are sent. */
    public static Outcome omitting(Email... omitted) {
        Set<Email> missing = Set.of(omitted);
        return (team, emails) -> emails.stream().filter(e -> !missing.contains(e)).map(InviteResult::sent).toList();
    }

    /** The whole call fails with {@code error}. */
    public static Outcome throwing(ProviderError error) {
        return (team, emails) -> {
            throw new TeamProviderException(error, "scripted " + error);
        };
    }

    /** The whole call fails with {@code error} and a retry-after. */
    public static Outcome throwing(ProviderError error, Duration retryAfter) {
        return (team, emails) -> {
            throw new TeamProviderException(error, "scripted " + error, retryAfter, null);
        };
    }

    /** Appends outcomes for the next calls, in order. */
    public synchronized ScriptedTeamProvider then(Outcome... outcomes) {
        for (Outcome outcome : outcomes) {
            script.addLast(Objects.requireNonNull(outcome));
        }
        return this;
    }

    /** The outcome of every call once the script is used up. */
    public synchronized ScriptedTeamProvider otherwise(Outcome outcome) {
        this.otherwise = Objects.requireNonNull(outcome);
        return this;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The e-mails of each call, in call order. */
    public synchronized List<List<Email>> emailsPerCall() {
        return calls.stream().map(Call::emails).toList();
    }

    @Override
    public List<InviteResult> invite(TeamAccount team, List<Email> emails) {
        Outcome outcome;
        synchronized (this) {
            calls.add(new Call(team, emails));
            outcome = script.isEmpty() ? otherwise : script.removeFirst();
        }
        List<InviteResult> results = outcome.answer(team, emails);
        synchronized (this) {
            results.stream().filter(InviteResult::isSent)
                    .forEach(r -> pending.computeIfAbsent(team.providerAccountId(), a -> new java.util.HashSet<>()).add(r.email()));
        }
        return results;
    }

    /** The person accepts: their pending invite becomes membership with {@code userId}. */
    public synchronized ScriptedTeamProvider accept(String account, String userId, Email email) {
        pending.getOrDefault(account, new java.util.HashSet<>()).remove(email);
        return member(account, userId, email);
    }

    @Override
    public synchronized void verify(TeamAccount team) {
        verifications.add(team);
        if (verifyFailure != null) {
            throw verifyFailure;
        }
    }

    /** Every later {@link #verify} throws {@code failure} (null: the credentials work again, the default). */
    public synchronized ScriptedTeamProvider failVerify(TeamProviderException failure) {
        this.verifyFailure = failure;
        return this;
    }

    /** The accounts {@link #verify} was asked about, in order. */
    public synchronized List<TeamAccount> verifications() {
        return List.copyOf(verifications);
    }

    /** Puts {@code email} into the workspace as a member with {@code userId} (removal tests). */
    public synchronized ScriptedTeamProvider member(String account, String userId, Email email) {
        members.computeIfAbsent(account, a -> new ArrayList<>())
                .add(new io.invitehub.application.shared.port.out.ProviderMember(userId, email, "standard-user", java.time.Instant.EPOCH));
        return this;
    }

    /** Puts a pending invite for {@code email} into the workspace (removal tests). */
    public synchronized ScriptedTeamProvider pendingInvite(String account, Email email) {
        pending.computeIfAbsent(account, a -> new java.util.HashSet<>()).add(email);
        return this;
    }

    /** The next cancel or remove calls fail with these, in order. */
    public synchronized ScriptedTeamProvider failRemovals(TeamProviderException... failures) {
        removalFailures.addAll(List.of(failures));
        return this;
    }

    /** Every cancel or remove call fails with {@code failure} (null: stop failing). */
    public synchronized ScriptedTeamProvider failRemovalsAlways(TeamProviderException failure) {
        this.removalFailureAlways = failure;
        return this;
    }

    /** Every cancel and remove call that reached the workspace (failed ones included). */
    public synchronized List<Removal> removals() {
        return List.copyOf(removals);
    }

    public synchronized Set<Email> pendingInvites(String account) {
        return Set.copyOf(pending.getOrDefault(account, java.util.Set.of()));
    }

    public synchronized List<Email> memberEmails(String account) {
        return members.getOrDefault(account, List.of()).stream().map(io.invitehub.application.shared.port.out.ProviderMember::email).toList();
    }

    @Override
    public synchronized MemberPage listMembers(TeamAccount team, int offset, int limit) {
        List<io.invitehub.application.shared.port.out.ProviderMember> all = members.getOrDefault(team.providerAccountId(), List.of());
        int from = Math.min(offset, all.size());
        return new MemberPage(all.subList(from, Math.min(all.size(), from + limit)), offset, all.size());
    }

    @Override
    public List<PendingInvite> listPendingInvites(TeamAccount team) {
        return List.of();
    }

    @Override
    public synchronized void cancelInvite(TeamAccount team, Email email) {
        removals.add(new Removal("cancel", team.providerAccountId(), email.value()));
        failRemovalIfScripted();
        if (!pending.getOrDefault(team.providerAccountId(), new java.util.HashSet<>()).remove(email)) {
            throw new TeamProviderException(ProviderError.NOT_FOUND, "no pending invite");
        }
    }

    @Override
    public synchronized void removeMember(TeamAccount team, String userId) {
        removals.add(new Removal("remove", team.providerAccountId(), userId));
        failRemovalIfScripted();
        if (!members.getOrDefault(team.providerAccountId(), new ArrayList<>()).removeIf(m -> m.userId().equals(userId))) {
            throw new TeamProviderException(ProviderError.NOT_FOUND, "no member " + userId);
        }
    }

    private void failRemovalIfScripted() {
        if (!removalFailures.isEmpty()) {
            throw removalFailures.removeFirst();
        }
        if (removalFailureAlways != null) {
            throw removalFailureAlways;
        }
    }

    @Override
    public int seatCount(TeamAccount team) {
        return 0;
    }
}
