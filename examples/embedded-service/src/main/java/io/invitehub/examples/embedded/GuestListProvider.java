package io.invitehub.examples.embedded;

import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.MemberPage;
import io.invitehub.application.shared.port.out.PendingInvite;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This service's own workspace: a guest list per workspace account, kept in memory. It stands for the
 * real API a service would call (InviteHub calls it after commit, never inside a transaction). It shows
 * what a {@link TeamProvider} must do: invite, cancel, list, remove, and say how many seats there are.
 */
public final class GuestListProvider implements TeamProvider {
    private final Clock clock;
    private final Map<String, Map<Email, PendingInvite>> pending = new ConcurrentHashMap<>();
    private final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

    public GuestListProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void verify(TeamAccount team) {
        if (team.credentials().isBlank()) {
            throw new TeamProviderException(ProviderError.TOKEN_INVALID, "no credentials");
        }
        calls.add("verify " + team.providerAccountId());
    }

    @Override
    public List<InviteResult> invite(TeamAccount team, List<Email> emails) {
        List<InviteResult> results = new ArrayList<>();
        for (Email email : emails) {
            guests(team).put(email, new PendingInvite("invite-" + email.value(), email, clock.instant()));
            calls.add("invite " + email.value());
            results.add(InviteResult.sent(email));
        }
        return results;
    }

    @Override
    public MemberPage listMembers(TeamAccount team, int offset, int limit) {
        return new MemberPage(List.of(), offset, 0); // nobody has accepted yet in this example
    }

    @Override
    public List<PendingInvite> listPendingInvites(TeamAccount team) {
        return List.copyOf(guests(team).values());
    }

    @Override
    public void cancelInvite(TeamAccount team, Email email) {
        guests(team).remove(email);
        calls.add("cancel " + email.value());
    }

    @Override
    public void removeMember(TeamAccount team, String userId) {
        calls.add("remove " + userId);
    }

    @Override
    public int seatCount(TeamAccount team) {
        return 100;
    }

    /** What InviteHub asked of this workspace, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private Map<Email, PendingInvite> guests(TeamAccount team) {
        return pending.computeIfAbsent(team.providerAccountId(), k -> new ConcurrentHashMap<>());
    }
}
