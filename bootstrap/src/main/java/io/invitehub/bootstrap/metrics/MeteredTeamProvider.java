package io.invitehub.bootstrap.metrics;

import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.MemberPage;
import io.invitehub.application.shared.port.out.PendingInvite;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code invitehub_provider_calls_seconds{operation, outcome}}: every call to the team provider with its
 * latency; the outcome is {@code ok}, the provider's error ({@code TRANSIENT}, {@code RATE_LIMITED}, …) or
 * {@code error} for anything else. Invitations refused one by one inside a successful call count as
 * {@code invitehub_provider_invites_total{outcome}}.
 */
final class MeteredTeamProvider implements TeamProvider {
    private final TeamProvider provider;
    private final ServiceMetrics metrics;

    MeteredTeamProvider(TeamProvider provider, ServiceMetrics metrics) {
        this.provider = provider;
        this.metrics = metrics;
    }

    @Override
    public void verify(TeamAccount team) {
        call("verify", () -> {
            provider.verify(team);
            return null;
        });
    }

    @Override
    public List<InviteResult> invite(TeamAccount team, List<Email> emails) {
        List<InviteResult> results = call("invite", () -> provider.invite(team, emails));
        for (InviteResult result : results) {
            metrics.registry().counter("invitehub.provider.invites", "outcome", result.error().map(Enum::name).orElse("SENT")).increment();
        }
        return results;
    }

    @Override
    public MemberPage listMembers(TeamAccount team, int offset, int limit) {
        return call("list_members", () -> provider.listMembers(team, offset, limit));
    }

    @Override
    public List<PendingInvite> listPendingInvites(TeamAccount team) {
        return call("list_pending_invites", () -> provider.listPendingInvites(team));
    }

    @Override
    public void cancelInvite(TeamAccount team, Email email) {
        call("cancel_invite", () -> {
            provider.cancelInvite(team, email);
            return null;
        });
    }

    @Override
    public void removeMember(TeamAccount team, String userId) {
        call("remove_member", () -> {
            provider.removeMember(team, userId);
            return null;
        });
    }

    @Override
    public int seatCount(TeamAccount team) {
        return call("seat_count", () -> provider.seatCount(team));
    }

    private <T> T call(String operation, Supplier<T> call) {
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            return call.get();
        } catch (TeamProviderException e) {
            outcome = e.error().name();
            throw e;
        } catch (RuntimeException e) {
            outcome = "error";
            throw e;
        } finally {
            metrics.timer("invitehub.provider.calls", "Calls to the team provider by operation and outcome",
                    "operation", operation, "outcome", outcome).record(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
