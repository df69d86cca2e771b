package io.invitehub.application.fakes;

import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.MemberPage;
import io.invitehub.application.shared.port.out.PendingInvite;
import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider for the acceptance sync: workspaces whose members the test sets, listed in pages; the
 * next list calls can be scripted to fail, and a hook runs on every page read (to let time pass or
 * another runner act meanwhile). Invites are answered as sent; the rest does nothing.
 */
public final class MemberListProvider implements TeamProvider {
    private final Map<String, List<ProviderMember>> members = new HashMap<>();
    private final Deque<TeamProviderException> failures = new ArrayDeque<>();
    private Runnable onPage = () -> { };
    private int listCalls;

    /** Sets the members of the workspace {@code accountId} (by e-mail, in listing order). */
    public synchronized MemberListProvider members(String accountId, String... emails) {
        List<ProviderMember> list = new ArrayList<>();
        for (String email : emails) {
            list.add(new ProviderMember("u-" + email, Email.of(email), "member", Instant.parse("2025-02-01T00:00:00Z")));
        }
        members.put(accountId, list);
        return this;
    }

    /** The next list calls throw these, in order. */
    public synchronized MemberListProvider failNext(TeamProviderException... next) {
        failures.addAll(List.of(next));
        return this;
    }

    public synchronized MemberListProvider onPage(Runnable hook) {
        this.onPage = hook;
        return this;
    }

    public synchronized int listCalls() {
        return listCalls;
    }

    @Override
    public MemberPage listMembers(TeamAccount team, int offset, int limit) {
        MemberPage page;
        Runnable hook;
        synchronized (this) {
            listCalls++;
            if (!failures.isEmpty()) {
                throw failures.removeFirst();
            }
            List<ProviderMember> all = members.getOrDefault(team.providerAccountId(), List.of());
            page = new MemberPage(all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())), offset, all.size());
            hook = onPage;
        }
        hook.run();
        return page;
    }

    @Override
    public void verify(TeamAccount team) {
    }

    @Override
    public List<InviteResult> invite(TeamAccount team, List<Email> emails) {
        return emails.stream().map(InviteResult::sent).toList();
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
