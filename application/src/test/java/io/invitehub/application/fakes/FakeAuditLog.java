package io.invitehub.application.fakes;

import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

final class FakeAuditLog extends FakeTable implements AuditLog {
    FakeAuditLog(MemoryTables db) {
        super(db);
    }

    @Override
    public void record(AuditEntry entry) {
        atomically(() -> {
            if (entry.actor().userId().filter(id -> !state.users.containsKey(id.value())).isPresent()) {
                throw new IllegalStateException("audit actor " + entry.actor() + " does not exist (foreign key)");
            }
            state.audit.add(new AuditEntry(entry.actor(), entry.action(), entry.targetType(), entry.targetId(),
                    entry.details(), entry.at().truncatedTo(ChronoUnit.MICROS)));
            return null;
        });
    }

    @Override
    public List<AuditEntry> latest(int limit) {
        return atomically(() -> {
            List<AuditEntry> newestFirst = new ArrayList<>(state.audit);
            java.util.Collections.reverse(newestFirst);
            newestFirst.sort(Comparator.comparing(AuditEntry::at).reversed());
            return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
        });
    }
}
