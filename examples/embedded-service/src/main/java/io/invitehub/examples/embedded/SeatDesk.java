package io.invitehub.examples.embedded;

import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.application.membership.port.in.RemovalResult;
import io.invitehub.application.membership.port.in.RemoveMemberCommand;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.port.in.RedemptionResult;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.Team;
import io.invitehub.domain.team.TeamId;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;
import io.invitehub.library.InviteHubLibrary;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny service of its own that embeds InviteHub (docs/embedding.md): its own PostgreSQL pool, its own
 * workspace ({@link GuestListProvider}), its own clock. It opens a team, signs up a reseller with codes,
 * redeems, delivers the invitations when it chooses to, removes a guest and reads the reseller's summary:
 * no HTTP server, no embedded database, no thread it did not start.
 */
public final class SeatDesk implements AutoCloseable {
    private final InviteHubLibrary hub;

    private SeatDesk(InviteHubLibrary hub) {
        this.hub = hub;
    }

    /** {@code secretsKey}: base64 of 32 random bytes, from this service's own secret store. */
    public static SeatDesk start(DataSource dataSource, TeamProvider workspace, String secretsKey, Clock clock) {
        InviteHubLibrary hub = InviteHubLibrary.builder()
                .dataSource(dataSource)
                .teamProvider(workspace)
                .secretsKey(secretsKey)
                .clock(clock)
                .settings(Map.of("INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", "100"))
                .build();
        return new SeatDesk(hub);
    }

    public Team openTeam(String name, String workspaceAccount, int seats) {
        return hub.teams().createTeam(new CreateTeamCommand(Actor.system(), name, workspaceAccount, "workspace-token", seats,
                Optional.empty()));
    }

    public UserId newReseller(String username) {
        return hub.distributors().create(Actor.system(), username, username + "@resellers.example", "a-long-password".toCharArray()).id();
    }

    /** {@code count} single-use codes for the reseller, 30 days of membership each. */
    public List<Code> codesFor(UserId reseller, int count) {
        return hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(reseller), 1, 30,
                Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.of("seat desk")), count));
    }

    /** A customer redeems a code as typed: a seat is reserved (or the customer waits in the queue). */
    public RedemptionResult redeem(String typedCode, String email, String clientAddress) {
        return hub.redeem().redeem(new RedeemCommand(Code.parse(typedCode), Email.of(email), clientAddress));
    }

    /** Sends the reserved invitations now, on this thread (this service schedules its own work). */
    public InviteHubLibrary.BackgroundPass deliverInvitations() {
        return hub.runBackgroundWorkOnce();
    }

    /** The reseller takes a guest off a team. */
    public RemovalResult remove(UserId reseller, String email, TeamId team) {
        return hub.memberRemoval().remove(new RemoveMemberCommand(reseller, Email.of(email), team, Optional.of("left the desk")));
    }

    public DistributorSummary summary(UserId reseller) {
        return hub.distributorQueries().summary(reseller, reseller);
    }

    @Override
    public void close() {
        hub.close();
    }
}
