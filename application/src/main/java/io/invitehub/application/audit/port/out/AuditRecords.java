package io.invitehub.application.audit.port.out;

import io.invitehub.application.audit.view.AuditFilter;
import io.invitehub.application.audit.view.AuditRecord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reading the audit log (writes go through the shared {@code AuditLog}). */
public interface AuditRecords {

    /** The position after which a page starts: the last entry's time and id. */
    record After(Instant at, long id) {
    }

    /** Entries matching {@code filter}, newest first (time, then id, descending), after {@code after}; at most {@code limit}. */
    List<AuditRecord> search(AuditFilter filter, Optional<After> after, int limit);
}
