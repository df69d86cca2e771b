package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.AuditLogRecord;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.AUDIT_LOG;

/** {@link AuditLog} on the {@code audit_log} table; joins the caller's transaction like every repository. */
final class JooqAuditLog implements AuditLog {
    private static final String SYSTEM = "SYSTEM";
    private final DSLContext dsl;

    JooqAuditLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void record(AuditEntry entry) {
        dsl.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.ACTOR_ID, entry.actor().userId().map(UserId::value).orElse(null))
                .set(AUDIT_LOG.ACTOR_ROLE, entry.actor().role().map(Role::name).orElse(SYSTEM))
                .set(AUDIT_LOG.ACTION, entry.action())
                .set(AUDIT_LOG.TARGET_TYPE, entry.targetType())
                .set(AUDIT_LOG.TARGET_ID, entry.targetId())
                .set(AUDIT_LOG.DETAILS, entry.details().orElse(null))
                .set(AUDIT_LOG.CREATED_AT, Rows.at(entry.at()))
                .execute();
    }

    @Override
    public List<AuditEntry> latest(int limit) {
        return dsl.selectFrom(AUDIT_LOG)
                .orderBy(AUDIT_LOG.CREATED_AT.desc(), AUDIT_LOG.ID.desc())
                .limit(limit)
                .fetch(JooqAuditLog::toEntry);
    }

    private static AuditEntry toEntry(AuditLogRecord r) {
        Actor actor = r.getActorId() == null || SYSTEM.equals(r.getActorRole())
                ? Actor.system() : Actor.of(new UserId(r.getActorId()), Role.valueOf(r.getActorRole()));
        return new AuditEntry(actor, r.getAction(), r.getTargetType(), r.getTargetId(), Optional.ofNullable(r.getDetails()),
                Rows.instant(r.getCreatedAt()));
    }
}
