package io.invitehub.application.shared.port.out;

import java.util.List;

/** The audit trail of writes by staff and distributors; called inside the transaction of the write. */
public interface AuditLog {

    void record(AuditEntry entry);

    /** The newest entries first, at most {@code limit}. */
    List<AuditEntry> latest(int limit);
}
