package io.invitehub.adapter.out.provider.simulated;

import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.MemberPage;
import io.invitehub.application.shared.port.out.PendingInvite;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.shared.Email;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * One simulated workspace. Every method holds this workspace's monitor, so calls on different
 * workspaces never wait for each other while calls on one workspace are serialised (which is what
 * keeps "members + pending never exceed the seats" true under concurrent invites).
 */
final class Workspace {
    static final String MEMBER_ROLE = "standard-user";

    private static final Comparator<Member> JOIN_ORDER =
            Comparator.comparing(Member::joinedAt).thenComparing(m -> m.email().value());
    private static final Comparator<Pending> INVITE_ORDER =
            Comparator.comparing(Pending::invitedAt).thenComparing(p -> p.email().value());

    enum Status { ACTIVE, BANNED, TOKEN_INVALID }

    private record Member(String userId, Email email, Instant joinedAt) {
        ProviderMember view() {
            return new ProviderMember(userId, email, MEMBER_ROLE, joinedAt);
        }
    }

    private record Pending(String inviteId, Email email, Instant invitedAt) {
        PendingInvite view() {
            return new PendingInvite(inviteId, email, invitedAt);
        }
    }

    private final String accountId;
    private final LongSupplier userIds;
    private final LongSupplier inviteIds;
    /** Insertion order = invite order, which is the order in which invitees accept. */
    private final Map<Email, Pending> pending = new LinkedHashMap<>();
    private final Map<Email, Member> members = new HashMap<>();
    private final Map<String, Email> memberByUserId = new HashMap<>();
    private int seats;
    private Status status = Status.ACTIVE;

    Workspace(String accountId, int seats, LongSupplier userIds, LongSupplier inviteIds) {
        this.accountId = accountId;
        this.seats = seats;
        this.userIds = userIds;
        this.inviteIds = inviteIds;
    }

    synchronized void setSeats(int seats) {
        this.seats = seats;
    }

    synchronized void setStatus(Status status) {
        this.status = status;
    }

    synchronized void verify() {
        requireUsable();
    }

    synchronized int seatCount() {
        requireUsable();
        return seats;
    }

    synchronized List<InviteResult> invite(List<Email> emails, Predicate<Email> rejected,
                                           Instant now, Duration acceptanceDelay) {
        requireUsable();
        accept(now, acceptanceDelay);
        List<InviteResult> results = new ArrayList<>(emails.size());
        for (Email email : emails) {
            if (pending.containsKey(email) || members.containsKey(email)) {
                results.add(InviteResult.sent(email));
            } else if (rejected.test(email)) {
                results.add(InviteResult.failed(email, ProviderError.REJECTED, "e-mail refused by provider policy"));
            } else if (members.size() + pending.size() >= seats) {
                results.add(InviteResult.failed(email, ProviderError.REJECTED, "workspace full"));
            } else {
                pending.put(email, new Pending("invite-" + inviteIds.getAsLong(), email, now));
                results.add(InviteResult.sent(email));
            }
        }
        return results;
    }

    synchronized MemberPage listMembers(int offset, int limit, Instant now, Duration acceptanceDelay) {
        requireUsable();
        accept(now, acceptanceDelay);
        List<Member> sorted = new ArrayList<>(members.values());
        sorted.sort(JOIN_ORDER);
        int from = Math.min(offset, sorted.size());
        int to = (int) Math.min((long) from + limit, sorted.size());
        List<ProviderMember> page = new ArrayList<>(to - from);
        for (Member member : sorted.subList(from, to)) {
            page.add(member.view());
        }
        return new MemberPage(page, offset, sorted.size());
    }

    synchronized List<PendingInvite> listPendingInvites(Instant now, Duration acceptanceDelay) {
        requireUsable();
        accept(now, acceptanceDelay);
        List<Pending> sorted = new ArrayList<>(pending.values());
        sorted.sort(INVITE_ORDER);
        List<PendingInvite> views = new ArrayList<>(sorted.size());
        for (Pending p : sorted) {
            views.add(p.view());
        }
        return views;
    }

    synchronized void cancelInvite(Email email, Instant now, Duration acceptanceDelay) {
        requireUsable();
        accept(now, acceptanceDelay);
        if (pending.remove(email) == null) {
            throw new TeamProviderException(ProviderError.NOT_FOUND, "no pending invite for this e-mail in " + accountId);
        }
    }

    synchronized void removeMember(String userId, Instant now, Duration acceptanceDelay) {
        requireUsable();
        accept(now, acceptanceDelay);
        Email email = memberByUserId.remove(userId);
        if (email == null) {
            throw new TeamProviderException(ProviderError.NOT_FOUND, "no member " + userId + " in " + accountId);
        }
        members.remove(email);
    }

    /** Adds a member directly, as if someone joined outside InviteHub; may over-fill the workspace. */
    synchronized void addExternalMember(Email email, Instant now, Duration acceptanceDelay) {
        accept(now, acceptanceDelay);
        pending.remove(email);
        if (!members.containsKey(email)) {
            join(email, now);
        }
    }

    synchronized Set<Email> memberEmails(Instant now, Duration acceptanceDelay) {
        accept(now, acceptanceDelay);
        return Set.copyOf(members.keySet());
    }

    synchronized Set<Email> pendingEmails(Instant now, Duration acceptanceDelay) {
        accept(now, acceptanceDelay);
        return Set.copyOf(pending.keySet());
    }

    /** Turns every pending invite whose acceptance time has come into a member, joined at that time. */
    private void accept(Instant now, Duration acceptanceDelay) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            Instant acceptedAt = p.invitedAt().plus(acceptanceDelay);
            if (!now.isBefore(acceptedAt)) {
                it.remove();
                join(p.email(), acceptedAt);
            }
        }
    }

    private void join(Email email, Instant joinedAt) {
        Member member = new Member("user-" + userIds.getAsLong(), email, joinedAt);
        members.put(email, member);
        memberByUserId.put(member.userId(), email);
    }

    private void requireUsable() {
        if (status == Status.BANNED) {
            throw new TeamProviderException(ProviderError.BANNED, "workspace " + accountId + " is deactivated");
        }
        if (status == Status.TOKEN_INVALID) {
            throw new TeamProviderException(ProviderError.TOKEN_INVALID, "token for " + accountId + " is no longer valid");
        }
    }
}
