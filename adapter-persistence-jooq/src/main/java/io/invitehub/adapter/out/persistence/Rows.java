package io.invitehub.adapter.out.persistence;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;

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

    /** A unique constraint and the refusal its violation means. */
    record UniqueRefusal(String constraint, ErrorCode code, String message) {
    }

    static UniqueRefusal refusal(String constraint, ErrorCode code, String message) {
        return new UniqueRefusal(constraint, code, message);
    }

    /**
     * Translates a unique violation of one of the {@code refusals}' constraints into that domain
     * refusal; any other failure passes through unchanged.
     */
    static RuntimeException uniqueViolation(DataAccessException e, UniqueRefusal... refusals) {
        SQLException sql = e.getCause(SQLException.class);
        if (sql == null || !UNIQUE_VIOLATION.equals(sql.getSQLState())) {
            return e;
        }
        String violated = violatedConstraint(sql);
        for (UniqueRefusal refusal : refusals) {
            if (refusal.constraint().equals(violated)) {
                return new DomainException(refusal.code(), refusal.message());
            }
        }
        return e;
    }

    /** The constraint PostgreSQL names in the error; empty when the driver gives none. */
    private static String violatedConstraint(SQLException sql) {
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null
                && psql.getServerErrorMessage().getConstraint() != null) {
            return psql.getServerErrorMessage().getConstraint();
        }
        return "";
    }
}
