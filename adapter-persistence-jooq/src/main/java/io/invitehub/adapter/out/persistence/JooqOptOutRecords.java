package io.invitehub.adapter.out.persistence;

import io.invitehub.application.recipients.port.out.OptOutRecords;
import io.invitehub.application.recipients.view.OptOutEntry;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.shared.Email;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The opt-outs newest first over invitation_opt_outs_created_idx (created_at desc, md5(email) desc). */
final class JooqOptOutRecords implements OptOutRecords {
    private final DSLContext dsl;

    JooqOptOutRecords(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<OptOutEntry> optOuts(Optional<Email> email, Optional<After> after, int limit) {
        StringBuilder sql = new StringBuilder("select o.email, c.code, o.created_at, md5(o.email) digest from invitation_opt_outs o"
                + " join redeem_codes c on c.id = o.code_id where true");
        List<Object> binds = new ArrayList<>();
        email.ifPresent(e -> {
            sql.append(" and o.email = ?");
            binds.add(e.value());
        });
        after.ifPresent(a -> {
            sql.append(" and (o.created_at, md5(o.email)) < (cast(? as timestamptz), cast(? as text))");
            binds.add(Rows.at(a.createdAt()));
            binds.add(a.emailDigest());
        });
        sql.append(" order by o.created_at desc, md5(o.email) desc limit ?");
        binds.add(limit);
        return dsl.fetch(sql.toString(), binds.toArray()).map(JooqOptOutRecords::toEntry);
    }

    private static OptOutEntry toEntry(Record r) {
        return new OptOutEntry(Email.of(r.get("email", String.class)), new Code(r.get("code", String.class)).display(),
                Rows.instant(r.get("created_at", OffsetDateTime.class)), r.get("digest", String.class));
    }
}
