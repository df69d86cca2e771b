package io.invitehub.application.fakes;

import io.invitehub.application.port.out.InviteResult;
import io.invitehub.application.port.out.MemberPage;
import io.invitehub.application.port.out.PendingInvite;
import io.invitehub.application.port.out.ProviderError;
import io.invitehub.application.port.out.TeamProvider;
import io.invitehub.application.port.out.TeamProviderException;
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
 * empty. Records every invite call with its team and e-mails. The other methods answer with an
 * empty workspace.
 */
public final class ScriptedTeamProvider implements TeamProvider {

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
        return outcome.answer(team, emails);
    }

    @Override
    public void verify(TeamAccount team) {
        // the credentials always work: only invite calls are scripted
    }

    @Override
    public MemberPage listMembers(TeamAccount team, int offset, int limit) {
        return new MemberPage(List.of(), offset, 0);
    }

    @Override
    public List<PendingInvite> listPendingInvites(TeamAccount team) {
        return List.of();
    }

    @Override
    public void cancelInvite(TeamAccount team, Email email) {
    }

    @Override
    public void removeMember(TeamAccount team, String userId) {
    }

    @Override
    public int seatCount(TeamAccount team) {
        return 0;
    }
}
