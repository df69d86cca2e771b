package io.invitehub.application.audit.port.in;

import io.invitehub.application.audit.view.AuditFilter;
import io.invitehub.application.audit.view.AuditRecord;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.user.Actor;

/** The audit log, read by an admin (SPEC section 10: every write by staff or distributors lands there). */
public interface AuditTrailQueries {

    /**
     * Entries newest first (by time, then id), keyset-paged; ADMIN only (FORBIDDEN otherwise). A cursor of
     * another filter is VALIDATION_FAILED; {@code from} not before {@code to} is VALIDATION_FAILED.
     */
    Page<AuditRecord> entries(Actor actor, AuditFilter filter, PageRequest page);
}
