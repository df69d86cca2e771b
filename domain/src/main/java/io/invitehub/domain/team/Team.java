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

    private Team(TeamId id, String name, String providerAccountId, int maxSeats, int seatsReserved, int externalSeats,
                 TeamGroupId group, TeamStatus status, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.providerAccountId = Objects.requireNonNull(providerAccountId, "providerAccountId");
        this.maxSeats = maxSeats;
        this.seatsReserved = seatsReserved;
        this.externalSeats = externalSeats;
        this.group = group;
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = createdAt;
    }

    public static Team restore(TeamId id, String name, String providerAccountId, int maxSeats, int seatsReserved,
                               int externalSeats, TeamGroupId group, TeamStatus status, Instant createdAt) {
        return new Team(id, name, providerAccountId, maxSeats, seatsReserved, externalSeats, group, status, createdAt);
    }

    /** Validates the fields of a team to be created; returns the trimmed name. */
    public static String validateNew(String name, String providerAccountId, int maxSeats) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "name is required");
        }
        if (name.strip().length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (providerAccountId == null || providerAccountId.isBlank()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "provider_account_id is required");
        }
        if (maxSeats < 1 || maxSeats > MAX_SEATS_LIMIT) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "max_seats must be between 1 and " + MAX_SEATS_LIMIT);
        }
        return name.strip();
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

    @Override
    public String toString() {
        return "Team[" + id.value() + ", " + name + ", " + seatsInUse() + "/" + maxSeats + ", " + status + "]";
    }
}
