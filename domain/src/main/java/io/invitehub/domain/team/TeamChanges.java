package io.invitehub.domain.team;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What staff change on a team: any of name, max_seats, status and group, validated. Staff may set a
 * team ACTIVE or PAUSED; BANNED and TOKEN_INVALID come from the provider (setting ACTIVE clears them).
 * The group is changed only when {@code changeGroup}; then an empty {@code group} removes it.
 */
public record TeamChanges(Optional<String> name, Optional<Integer> maxSeats, Optional<TeamStatus> status,
                          boolean changeGroup, Optional<TeamGroupId> group) {

    public TeamChanges {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(maxSeats, "maxSeats");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(group, "group");
        name = name.map(Team::validateName);
        maxSeats.ifPresent(Team::validateMaxSeats);
        status.filter(s -> s != TeamStatus.ACTIVE && s != TeamStatus.PAUSED).ifPresent(s -> {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED,
                    "status must be ACTIVE or PAUSED (BANNED and TOKEN_INVALID are set from the provider's answers)");
        });
        if (!changeGroup && group.isPresent()) {
            throw new IllegalArgumentException("a group is given only with changeGroup");
        }
        if (name.isEmpty() && maxSeats.isEmpty() && status.isEmpty() && !changeGroup) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED,
                    "nothing to change: give at least one of name, max_seats, status, group_id");
        }
    }

    /**
     * Whether the change may let a waiting invitation into this team: more seats, back to ACTIVE, or
     * another group (other queues may now use it).
     */
    public boolean mayFreeSeats(Team before) {
        return maxSeats.filter(m -> m > before.maxSeats()).isPresent()
                || status.filter(s -> s == TeamStatus.ACTIVE && before.status() != TeamStatus.ACTIVE).isPresent()
                || (changeGroup && !group.equals(before.group()));
    }

    /** For the audit log: {@code field=value} of every change. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        name.ifPresent(n -> parts.add("name=" + n));
        maxSeats.ifPresent(m -> parts.add("max_seats=" + m));
        status.ifPresent(s -> parts.add("status=" + s));
        if (changeGroup) {
            parts.add("group_id=" + group.map(g -> Long.toString(g.value())).orElse("none"));
        }
        return String.join(", ", parts);
    }
}
