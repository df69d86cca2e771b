package io.invitehub.domain.team;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One workspace at the provider. Seats in use = seats held by live invitations + members the
 * provider reports that did not come through InviteHub. Counters change only in storage, atomically.
 */
public final class Team {
    public static final int MAX_NAME_LENGTH = 120;
    public static final int MAX_SEATS_LIMIT = 100_000;

    private final TeamId id;
    private final String name;
    private final String providerAccountId;
    private final int maxSeats;
    private final int seatsReserved;
    private final int externalSeats;
    private final TeamGroupId group;
    private final TeamStatus status;
    private final Instant createdAt;
    private final Sync sync;

    /**
     * The acceptance sync of a team: when it last succeeded, its last error (cleared by a success),
     * consecutive failures, and when the next run is due (null: at once).
     */
    public record Sync(Instant lastSyncedAt, String lastError, int failures, Instant nextSyncAt) {
        public static final Sync NEVER = new Sync(null, null, 0, null);

        public Optional<Instant> lastSynced() { return Optional.ofNullable(lastSyncedAt); }
        public Optional<String> error() { return Optional.ofNullable(lastError); }
        public Optional<Instant> nextSync() { return Optional.ofNullable(nextSyncAt); }

        /** Whether a sync should run at {@code now}. */
        public boolean isDue(Instant now) {
            return nextSyncAt == null || !nextSyncAt.isAfter(now);
        }
    }

    private Team(TeamId id, String name, String providerAccountId, int maxSeats, int seatsReserved, int externalSeats,
                 TeamGroupId group, TeamStatus status, Instant createdAt, Sync sync) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.providerAccountId = Objects.requireNonNull(providerAccountId, "providerAccountId");
        this.maxSeats = maxSeats;
        this.seatsReserved = seatsReserved;
        this.externalSeats = externalSeats;
        this.group = group;
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = createdAt;
        this.sync = Objects.requireNonNull(sync, "sync");
    }

    public static Team restore(TeamId id, String name, String providerAccountId, int maxSeats, int seatsReserved,
                               int externalSeats, TeamGroupId group, TeamStatus status, Instant createdAt) {
        return restore(id, name, providerAccountId, maxSeats, seatsReserved, externalSeats, group, status, createdAt, Sync.NEVER);
    }

    public static Team restore(TeamId id, String name, String providerAccountId, int maxSeats, int seatsReserved,
                               int externalSeats, TeamGroupId group, TeamStatus status, Instant createdAt, Sync sync) {
        return new Team(id, name, providerAccountId, maxSeats, seatsReserved, externalSeats, group, status, createdAt, sync);
    }

    /** Validates a new name; returns it trimmed. */
    public static String validateName(String name) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "name is required");
        }
        if (name.strip().length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return name.strip();
    }

    public static void validateMaxSeats(int maxSeats) {
        if (maxSeats < 1 || maxSeats > MAX_SEATS_LIMIT) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "max_seats must be between 1 and " + MAX_SEATS_LIMIT);
        }
    }

    /** Whether the acceptance sync reads this team: ACTIVE and PAUSED ones (a BANNED or TOKEN_INVALID team waits for staff). */
    public boolean isSynced() {
        return status == TeamStatus.ACTIVE || status == TeamStatus.PAUSED;
    }

    /** Validates the fields of a team to be created; returns the trimmed name. */
    public static String validateNew(String name, String providerAccountId, int maxSeats) {
        String trimmed = validateName(name);
        if (providerAccountId == null || providerAccountId.isBlank()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "provider_account_id is required");
        }
        validateMaxSeats(maxSeats);
        return trimmed;
    }

    public int seatsInUse() {
        return seatsReserved + externalSeats;
    }

    public int freeSeats() {
        return Math.max(0, maxSeats - seatsInUse());
    }

    public TeamAccount account(String credentials) {
        return new TeamAccount(id, providerAccountId, credentials);
    }

    public TeamId id() { return id; }
    public String name() { return name; }
    public String providerAccountId() { return providerAccountId; }
    public int maxSeats() { return maxSeats; }
    public int seatsReserved() { return seatsReserved; }
    public int externalSeats() { return externalSeats; }
    public Optional<TeamGroupId> group() { return Optional.ofNullable(group); }
    public TeamStatus status() { return status; }
    public Instant createdAt() { return createdAt; }
    public Sync sync() { return sync; }

    @Override
    public String toString() {
        return "Team[" + id.value() + ", " + name + ", " + seatsInUse() + "/" + maxSeats + ", " + status + "]";
    }
}
