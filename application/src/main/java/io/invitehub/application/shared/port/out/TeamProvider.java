package io.invitehub.application.shared.port.out;

import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;

import java.util.List;

/**
 * The provider of team workspaces (for example ChatGPT Team). Every method may throw
 * {@link TeamProviderException} with a typed {@link ProviderError}; adapters enforce their own
 * timeouts and report them as {@link ProviderError#TRANSIENT}.
 */
public interface TeamProvider {
    int MAX_INVITES_PER_CALL = 10;

    /** Checks that the credentials work; throws TOKEN_INVALID or BANNED otherwise. */
    void verify(TeamAccount team);

    /** Invites up to {@link #MAX_INVITES_PER_CALL} e-mails, with one result per e-mail. */
    List<InviteResult> invite(TeamAccount team, List<Email> emails);

    MemberPage listMembers(TeamAccount team, int offset, int limit);

    List<PendingInvite> listPendingInvites(TeamAccount team);

    void cancelInvite(TeamAccount team, Email email);

    void removeMember(TeamAccount team, String userId);

    /** The seats the workspace has at the provider. */
    int seatCount(TeamAccount team);
}
