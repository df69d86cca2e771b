package io.invitehub.adapter.in.http;

import io.invitehub.application.membership.port.in.RebindCommand;
import io.invitehub.application.membership.port.in.RebindResult;
import io.invitehub.application.membership.port.in.RebindUseCase;
import io.invitehub.application.membership.port.in.ReinviteCommand;
import io.invitehub.application.membership.port.in.ReinviteMemberUseCase;
import io.invitehub.application.membership.port.in.RemovalResult;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.membership.port.in.RemoveMemberUseCase;
import io.invitehub.application.membership.view.RemovalFailure;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.invitation.RemovalKind;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Actor;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** The member-lifecycle in-ports for the HTTP tests: answer with a behaviour and remember every call. */
final class MemberPortFakes implements RemoveMemberUseCase, ReinviteMemberUseCase, RebindUseCase {
    final List<Object> calls = new CopyOnWriteArrayList<>();
    volatile Function<Object, Object> behaviour = command -> null;

    /** Every call throws {@code refusal}. */
    void refuseWith(RuntimeException refusal) {
        behaviour = command -> {
            throw refusal;
        };
    }

    @Override
    public RemovalResult remove(RemoveMemberCommand command) {
        calls.add(command);
        Object answer = behaviour.apply(command);
        return answer != null ? (RemovalResult) answer
                : new RemovalResult(RemovalResult.Outcome.REMOVED, "Member removed from Alpha.", command.email(), Optional.of("Alpha"), true);
    }

    @Override
    public RemovalResult removeByStaff(Actor actor, InvitationId invitation, Optional<String> reason) {
        calls.add(List.of(actor, invitation, reason));
        Object answer = behaviour.apply(invitation);
        return answer != null ? (RemovalResult) answer
                : new RemovalResult(RemovalResult.Outcome.REMOVED, "Member removed from Alpha.", InPortFakes.EMAIL, Optional.of("Alpha"), true);
    }

    @Override
    public List<RemovalFailure> removalFailures(Optional<InvitationId> after, int limit) {
        calls.add(List.of(after, limit));
        return List.of(new RemovalFailure(new InvitationId(41), Email.of("stuck@example.com"), Optional.of(new TeamId(3)),
                Optional.of("Alpha"), InvitationState.JOINED, Optional.of(RemovalKind.EXPIRE), 5, Optional.of("EXPIRE failed: 503"),
                InPortFakes.NOW));
    }

    @Override
    public RedemptionResult reinvite(ReinviteCommand command) {
        calls.add(command);
        Object answer = behaviour.apply(command);
        return answer != null ? (RedemptionResult) answer : new RedemptionResult(InPortFakes.invitation(InvitationState.RESERVED, 1L, null),
                Optional.of("Alpha"), Optional.empty(), Optional.empty(), 30, false);
    }

    @Override
    public RebindResult rebind(RebindCommand command) {
        calls.add(command);
        Object answer = behaviour.apply(command);
        return answer != null ? (RebindResult) answer : new RebindResult(InPortFakes.invitation(InvitationState.RESERVED, 2L, null),
                "Beta", "Alpha", 0);
    }
}
