package io.invitehub.application.sync.port.in;

import io.invitehub.domain.team.TeamId;

import java.util.Objects;
import java.util.Optional;

/** What one acceptance sync of one team did. */
public record SyncOutcome(TeamId team, Result result, int joined, int activated, int externalSeats, Optional<String> error) {

    public enum Result {
        /** Every page was read and applied. */
        SYNCED,
        /** Another runner holds the team's lease. */
        BUSY,
        /** Not due (synced meanwhile by another runner), or not a team that is synced (BANNED, TOKEN_INVALID). */
        SKIPPED,
        /** No such team. */
        NOT_FOUND,
        /** The lease was lost while reading pages; nothing was applied. */
        LEASE_LOST,
        /** The provider failed; recorded on the team with when to retry. */
        FAILED
    }

    public SyncOutcome {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(error, "error");
    }

    static SyncOutcome of(TeamId team, Result result) {
        return new SyncOutcome(team, result, 0, 0, 0, Optional.empty());
    }

    public static SyncOutcome busy(TeamId team) {
        return of(team, Result.BUSY);
    }

    public static SyncOutcome skipped(TeamId team) {
        return of(team, Result.SKIPPED);
    }

    public static SyncOutcome notFound(TeamId team) {
        return of(team, Result.NOT_FOUND);
    }

    public static SyncOutcome leaseLost(TeamId team) {
        return of(team, Result.LEASE_LOST);
    }

    public static SyncOutcome failed(TeamId team, String error) {
        return new SyncOutcome(team, Result.FAILED, 0, 0, 0, Optional.of(error));
    }
}
