package io.invitehub.application.membership.service;

import io.invitehub.application.dispatch.service.DispatchSettings;
import io.invitehub.application.dispatch.service.InviteDispatchService;
import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.InMemoryRateLimiter;
import io.invitehub.application.fakes.RecordingWakeUps;
import io.invitehub.application.fakes.ScriptedTeamProvider;
import io.invitehub.application.recipients.service.RecipientPolicy;
import io.invitehub.application.recipients.service.RecipientSettings;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.port.out.RateLimiter.Limit;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.AllocationPolicy;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;

import java.time.Duration;
import java.util.Optional;

import static io.invitehub.application.contract.InvitationChanges.change;

/** The member-lifecycle services over the in-memory storage and the scripted provider, with helpers that make members. */
final class LifecycleWorld {
    static final RedemptionSettings GENEROUS = new RedemptionSettings(AllocationPolicy.FILL_FIRST,
            new Limit("redeem-address", 1000, Duration.ofMinutes(1)),
            new Limit("redeem-email", 1000, Duration.ofMinutes(1)),
            RedemptionSettings.codeLockout(10, Duration.ofMinutes(15)));
    static final LifecycleSettings SETTINGS = new LifecycleSettings(Duration.ofDays(7), Duration.ofDays(15), 50, 3,
            Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(2));

    final Fixture f = new Fixture();
    final ScriptedTeamProvider provider = new ScriptedTeamProvider();
    final RecordingWakeUps wakeUps = new RecordingWakeUps();
    final InMemoryRateLimiter rateLimiter = new InMemoryRateLimiter(f.clock);
    /** No cooldown unless a test sets one before building the world (see {@link #LifecycleWorld(RedemptionSettings, Duration)}). */
    final RecipientPolicy recipientPolicy;
    final RedeemService redeem;
    final InviteDispatchService dispatcher;
    final MemberRemovalService removal;
    final MemberLifecycleService jobs;
    final ReinviteService reinvite;
    final RebindService rebind;
    final User distributor;
    final User other;
    private int users;

    LifecycleWorld() {
        this(GENEROUS);
    }

    LifecycleWorld(RedemptionSettings redemption) {
        this(redemption, Duration.ZERO);
    }

    LifecycleWorld(RedemptionSettings redemption, Duration reinviteCooldown) {
        var s = f.storage;
        recipientPolicy = new RecipientPolicy(s.recipients(), new RecipientSettings(1_000, reinviteCooldown));
        redeem = new RedeemService(s.transactions(), s.codes(), s.codeUses(), s.invitations(), s.teams(), s.seats(),
                rateLimiter, wakeUps, f.clock, redemption, recipientPolicy);
        dispatcher = new InviteDispatchService(s.transactions(), s.dispatchOutbox(), s.teams(), s.seats(), s.codes(),
                s.codeUses(), provider, wakeUps, f.clock,
                new DispatchSettings(50, 1, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(2)));
        removal = new MemberRemovalService(s.transactions(), s.invitations(), s.removalClaims(), s.rebinds(), s.teams(),
                s.seats(), s.codes(), s.codeUses(), s.users(), provider, s.auditLog(), wakeUps, f.clock, SETTINGS);
        jobs = new MemberLifecycleService(s.transactions(), s.invitations(), s.removalClaims(), s.rebinds(), s.teams(),
                s.seats(), s.codes(), s.codeUses(), provider, wakeUps, f.clock, SETTINGS);
        reinvite = new ReinviteService(s.transactions(), s.invitations(), s.codes(), s.users(), redeem, recipientPolicy, s.auditLog(), f.clock);
        rebind = new RebindService(s.transactions(), s.codes(), s.codeUses(), s.invitations(), s.rebinds(), s.teams(),
                s.seats(), rateLimiter, wakeUps, f.clock, redemption, SETTINGS);
        distributor = user();
        other = user();
    }

    User user() {
        String name = "dist" + (++users);
        return f.storage.transactions().inTransaction(() -> f.storage.users().create(name, name + "@d.com", "h", Role.DISTRIBUTOR,
                Approval.APPROVED));
    }

    RedeemCode code(User owner, int maxUses) {
        return code(owner, maxUses, Optional.empty());
    }

    RedeemCode code(User owner, int maxUses, Optional<TeamGroupId> group) {
        return f.code(new CodeTerms(Optional.of(owner.id()), maxUses, 30, Optional.empty(), group, 1, Optional.empty()));
    }

    /** Redeemed and sent: INVITED, with a pending invite at the provider. */
    Invitation invited(RedeemCode code, Email email) {
        Invitation inv = redeem.redeem(new RedeemCommand(code.code(), email, "10.0.0.1")).invitation();
        dispatcher.dispatchBatch();
        Invitation now = reload(inv);
        if (now.state() != InvitationState.INVITED) {
            throw new AssertionError("fixture: not INVITED but " + now.state());
        }
        return now;
    }

    /** INVITED, then accepted at the provider and seen by the sync: JOINED, the code activated now. */
    Invitation joined(RedeemCode code, Email email) {
        Invitation inv = invited(code, email);
        Team team = f.storage.teams().findById(inv.teamId().orElseThrow()).orElseThrow();
        provider.accept(team.providerAccountId(), "user-" + email.value(), email);
        f.storage.activateCode(code.id(), f.clock.instant());
        return f.storage.transactions().inTransaction(() -> f.storage.invitations().apply(change(inv.id(), InvitationState.INVITED, InvitationState.JOINED, f.clock.instant(), null))).orElseThrow();
    }

    Invitation reload(Invitation invitation) {
        return f.storage.invitations().findById(invitation.id()).orElseThrow();
    }

    String account(Team team) {
        return team.providerAccountId();
    }
}
