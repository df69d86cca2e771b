package io.invitehub.application.membership.service;

import io.invitehub.application.membership.port.in.ReinviteCommand;
import io.invitehub.application.membership.port.in.ReinviteMemberUseCase;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.Invitations;
import io.invitehub.application.shared.port.out.RedeemCodes;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;

/**
 * Re-invite of a removed member: find the distributor's own invitation of that e-mail in that team, which
 * must have ended REMOVED, and redeem its code for the e-mail through {@link RedeemService} (all its rules,
 * the atomic use, the seat or the queue; an open invitation is returned as a repeat and takes nothing).
 */
public final class ReinviteService implements ReinviteMemberUseCase {
    private final TransactionRunner transactions;
    private final Invitations invitations;
    private final RedeemCodes codes;
    private final RedeemService redeem;
    private final AuditLog audit;
    private final CallerRules rules;
    private final RecipientPolicy recipients;
    private final Clock clock;

    public ReinviteService(TransactionRunner transactions, Invitations invitations, RedeemCodes codes, Users users,
                           RedeemService redeem, RecipientPolicy recipients, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.invitations = invitations;
        this.codes = codes;
        this.redeem = redeem;
        this.audit = audit;
        this.recipients = recipients;
        this.rules = new CallerRules(users);
        this.clock = clock;
    }

    @Override
    public RedemptionResult reinvite(ReinviteCommand command) {
        User caller = rules.caller(command.caller());
        if (invitations.findSeatHolder(command.team(), command.email()).filter(i -> ownedBy(i, caller.id())).isPresent()) {
            throw new DomainException(ErrorCode.NOTHING_TO_REINVITE, "This e-mail is a member of this team already.");
        }
        Invitation latest = invitations.findLatestInTeam(command.team(), command.email())
                .filter(i -> ownedBy(i, caller.id()))
                .orElseThrow(() -> DomainException.notFound(MemberRemovalService.NOT_YOURS));
        if (latest.state() != InvitationState.REMOVED) {
            throw new DomainException(ErrorCode.NOTHING_TO_REINVITE, "Only a member you removed can be re-invited; "
                    + "this invitation ended " + latest.state() + ".");
        }
        // the cooldown after this distributor's removal (SPEC section 9); the redemption itself checks the
        // blocklist, opt-outs and the daily cap again inside its transaction
        recipients.ensureMayReinvite(caller.id(), command.email(), clock.instant());
        RedeemCode code = codes.findById(latest.codeId()).orElseThrow(() -> DomainException.notFound(MemberRemovalService.NOT_YOURS));
        RedemptionResult result = redeem.redeemWithoutRateLimits(new RedeemCommand(code.code(), command.email(), command.clientAddress()));
        if (!result.repeated()) {
            transactions.inTransaction(() -> audit.record(AuditEntry.of(Actor.of(caller), "MEMBER_REINVITE", "invitation",
                    result.invitation().id().value(), command.email().masked() + " re-invited with code " + code.code().masked()
                            + " after removal from team " + command.team().value(), clock.instant())));
        }
        return result;
    }

    private static boolean ownedBy(Invitation invitation, UserId distributor) {
        return invitation.distributorId().filter(distributor::equals).isPresent();
    }

}
