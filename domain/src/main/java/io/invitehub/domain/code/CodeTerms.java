package io.invitehub.domain.code;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.Optional;

/**
 * What a batch of new codes is issued with. Validated here so every creation path (admin grant,
 * platform batch, order fulfilment) enforces the same rules.
 */
public record CodeTerms(
        Optional<UserId> owner,
        int maxUses,
        int validityDays,
        Optional<Instant> expiresAt,
        Optional<TeamGroupId> group,
        int rebindLimit,
        Optional<String> note) {

    public static final int MAX_NOTE_LENGTH = 500;
    public static final int MAX_VALIDITY_DAYS = 3660;
    public static final int DEFAULT_REBIND_LIMIT = 1;

    public CodeTerms {
        if (maxUses < 0) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "max_uses must be 0 (unlimited) or more");
        }
        if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "validity_days must be between 1 and " + MAX_VALIDITY_DAYS);
        }
        if (rebindLimit < 0) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "rebind_limit must be 0 or more");
        }
        note = note.map(String::strip).filter(n -> !n.isEmpty());
        if (note.isPresent() && note.get().length() > MAX_NOTE_LENGTH) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "note is longer than " + MAX_NOTE_LENGTH + " characters");
        }
    }
}
