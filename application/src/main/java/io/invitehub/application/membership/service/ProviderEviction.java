package io.invitehub.application.membership.service;

import io.invitehub.application.shared.port.out.MemberPage;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;

import java.util.Optional;

/**
 * Takes one e-mail out of a workspace at the provider, whatever it is there now: a pending invite is
 * cancelled, a member is removed (found by paging through the member list, since the provider removes
 * by user id). An invite the person accepted after our last sync is found as a member; an e-mail that
 * is neither (already gone) counts as removed. Idempotent: calling it again after success is a no-op.
 */
final class ProviderEviction {
    static final int PAGE_SIZE = 100;
    /** 100 000 members: far above any workspace; a longer list is treated as a provider fault. */
    static final int MAX_PAGES = 1_000;

    private final TeamProvider provider;

    ProviderEviction(TeamProvider provider) {
        this.provider = provider;
    }

    /** @throws TeamProviderException for any failure other than "not found" */
    void evict(TeamAccount account, Email email, InvitationState from) {
        if (from == InvitationState.INVITED && cancelled(account, email)) {
            return;
        }
        Optional<String> member = findMember(account, email);
        if (member.isPresent()) {
            try {
                provider.removeMember(account, member.get());
            } catch (TeamProviderException e) {
                if (e.error() != ProviderError.NOT_FOUND) {
                    throw e;
                }
            }
            return;
        }
        if (from == InvitationState.JOINED) {
            cancelled(account, email); // a pending invite left behind, if any; not found = nothing there
        }
    }

    private boolean cancelled(TeamAccount account, Email email) {
        try {
            provider.cancelInvite(account, email);
            return true;
        } catch (TeamProviderException e) {
            if (e.error() == ProviderError.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private Optional<String> findMember(TeamAccount account, Email email) {
        int offset = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            MemberPage members = provider.listMembers(account, offset, PAGE_SIZE);
            for (ProviderMember m : members.members()) {
                if (m.email().equals(email)) {
                    return Optional.of(m.userId());
                }
            }
            if (members.members().isEmpty() || !members.hasMore()) {
                return Optional.empty();
            }
            offset += members.members().size();
        }
        throw new TeamProviderException(ProviderError.TRANSIENT, "member list of " + account.providerAccountId()
                + " longer than " + MAX_PAGES + " pages");
    }
}
