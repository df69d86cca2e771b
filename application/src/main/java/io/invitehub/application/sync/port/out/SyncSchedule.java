package io.invitehub.application.sync.port.out;

import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.domain.team.TeamId;

import java.time.Instant;
import java.util.List;

/** When each team is synced next, and what a sync records (ADR 13). */
public interface SyncSchedule {

    /** ACTIVE and PAUSED teams whose acceptance sync is due at {@code now}, longest due first. */
    List<TeamId> dueForSync(Instant now, int limit);

    /**
     * Records a successful acceptance sync: the team's external members become exactly
     * {@code external} (rows of members still there are kept as they are, with their first-seen time),
     * {@code external_seats} their count, the last error and failure count are cleared and the next
     * sync is due at {@code nextSyncAt}. Returns the external seats before and after.
     */
    ExternalSeats recordSync(TeamId team, List<ProviderMember> external, Instant now, Instant nextSyncAt);

    /** Records a failed acceptance sync: the error, one more consecutive failure, and when to try again. */
    void recordSyncFailure(TeamId team, String error, Instant nextSyncAt);

    /** External seats of a team before and after a sync. */
    record ExternalSeats(int before, int after) {
        public boolean shrank() {
            return after < before;
        }
    }
}
