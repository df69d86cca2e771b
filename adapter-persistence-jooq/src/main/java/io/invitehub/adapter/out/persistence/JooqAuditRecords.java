package io.invitehub.adapter.out.persistence;

import io.invitehub.application.audit.port.out.AuditRecords;
import io.invitehub.application.audit.view.AuditFilter;
import io.invitehub.application.audit.view.AuditRecord;
import io.invitehub.domain.user.UserId;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The audit log's read side. Newest first over audit_log_created_idx, or audit_log_actor_idx with an actor,
 * audit_log_action_idx with an action; the username is today's (a deleted actor's entries have none).
 */
final class JooqAuditRecords implements AuditRecords {
    private final DSLContext dsl;

    JooqAuditRecords(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<AuditRecord> search(AuditFilter filter, Optional<After> after, int limit) {
        StringBuilder sql = new StringBuilder("select a.id, a.created_at, a.actor_id, u.username, a.actor_role, a.action,"
                + " a.target_type, a.target_id, a.details from audit_log a left join users u on u.id = a.actor_id where true");
        List<Object> binds = new ArrayList<>();
        if (filter.actor().isPresent()) {
            // the actor by its username (unique, compared as people type it); an unknown one matches nothing
            sql.append(" and a.actor_id = (select id from users where lower(username) = ?)");
            binds.add(filter.actor().get().strip().toLowerCase(Locale.ROOT));
        }
        filter.action().ifPresent(action -> {
            sql.append(" and a.action = ?");
            binds.add(action.strip().toUpperCase(Locale.ROOT));
        });
        filter.from().ifPresent(from -> {
            sql.append(" and a.created_at >= cast(? as timestamptz)");
            binds.add(Rows.at(from));
        });
        filter.to().ifPresent(to -> {
            sql.append(" and a.created_at < cast(? as timestamptz)");
            binds.add(Rows.at(to));
        });
        after.ifPresent(a -> {
            sql.append(" and (a.created_at, a.id) < (cast(? as timestamptz), ?)");
            binds.add(Rows.at(a.at()));
            binds.add(a.id());
        });
        sql.append(" order by a.created_at desc, a.id desc limit ?");
        binds.add(limit);
        return dsl.fetch(sql.toString(), binds.toArray()).map(JooqAuditRecords::toRecord);
    }

    private static AuditRecord toRecord(Record r) {
        return new AuditRecord(r.get("id", Long.class), Rows.instant(r.get("created_at", OffsetDateTime.class)),
                Optional.ofNullable(r.get("actor_id", Long.class)).map(UserId::new), Optional.ofNullable(r.get("username", String.class)),
                Optional.ofNullable(r.get("actor_role", String.class)).orElse("SYSTEM"), r.get("action", String.class),
                Optional.ofNullable(r.get("target_type", String.class)), Optional.ofNullable(r.get("target_id", String.class)),
                Optional.ofNullable(r.get("details", String.class)));
    }
}
