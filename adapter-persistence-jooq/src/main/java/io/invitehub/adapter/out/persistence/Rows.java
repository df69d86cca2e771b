package io.invitehub.adapter.out.persistence;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import org.jooq.exception.DataAccessException;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between generated records' column types and domain types. */
final class Rows {
    private static final String UNIQUE_VIOLATION = "23505";

    private Rows() {
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** Translates a unique violation of {@code constraint} into a domain refusal; other failures pass through. */
    static RuntimeException uniqueViolation(DataAccessException e, String constraint, ErrorCode code, String message) {
        SQLException sql = e.getCause(SQLException.class);
        if (sql != null && UNIQUE_VIOLATION.equals(sql.getSQLState()) && sql.getMessage() != null
                && sql.getMessage().contains(constraint)) {
            return new DomainException(code, message);
        }
        return e;
    }
}
