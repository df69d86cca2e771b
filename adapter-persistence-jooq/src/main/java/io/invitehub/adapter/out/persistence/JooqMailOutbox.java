package io.invitehub.adapter.out.persistence;

import io.invitehub.application.mail.port.out.MailQueue;
import io.invitehub.application.shared.port.out.MailOutbox;
import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.application.shared.port.out.OutgoingMail;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.Language;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.tools.json.JSONObject;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MailOutbox} and {@link MailQueue} on {@code mail_outbox} (V49, ADR 41). The template's values are
 * sealed as one JSON object (purpose {@code mail_outbox.values}, ADR 16) and erased when the mail is settled.
 * The claim is one statement: the oldest due row (PENDING, or SENDING whose lease ended) FOR UPDATE SKIP
 * LOCKED, made SENDING with a fresh token and the lease's end as its due time.
 */
final class JooqMailOutbox implements MailOutbox, MailQueue {
    static final String PURPOSE = "mail_outbox.values";

    private final DSLContext dsl;
    private final SecretBox secrets;

    JooqMailOutbox(DSLContext dsl, SecretBox secrets) {
        this.dsl = dsl;
        this.secrets = secrets;
    }

    @Override
    public void enqueue(OutgoingMail mail, Instant now) {
        String values = JSONObject.toJSONString(new LinkedHashMap<>(mail.values()));
        dsl.execute("insert into mail_outbox (recipient, language, template, sealed_values, next_attempt_at, created_at)"
                        + " values (?, ?, ?, ?, ?::timestamptz, ?::timestamptz)",
                mail.to().value(), mail.language().name(), mail.template().name(), secrets.seal(values, PURPOSE),
                Rows.at(now), Rows.at(now));
    }

    @Override
    public Optional<ClaimedMail> claimNext(Instant now, Duration lease) {
        return dsl.resultQuery("with due as ("
                                + " select id from mail_outbox where status in ('PENDING', 'SENDING') and next_attempt_at <= ?::timestamptz"
                                + " order by next_attempt_at, id limit 1 for update skip locked)"
                                + " update mail_outbox m set status = 'SENDING', attempts = m.attempts + 1,"
                                + " claim_token = gen_random_uuid()::varchar, next_attempt_at = ?::timestamptz"
                                + " from due where m.id = due.id"
                                + " returning m.id, m.claim_token, m.attempts, m.recipient, m.language, m.template, m.sealed_values",
                        Rows.at(now), Rows.at(now.plus(lease)))
                .fetch().stream().findFirst().map(this::claimed);
    }

    private ClaimedMail claimed(Record r) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            Object parsed = new JSONParser().parse(secrets.open(r.get("sealed_values", String.class), PURPOSE));
            ((Map<?, ?>) parsed).forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        } catch (ParseException e) {
            throw new IllegalStateException("mail " + r.get("id") + " holds values that are not a JSON object", e);
        }
        OutgoingMail mail = new OutgoingMail(Email.of(r.get("recipient", String.class)), Language.valueOf(r.get("language", String.class)),
                MailTemplate.valueOf(r.get("template", String.class)), values);
        return new ClaimedMail(r.get("id", Long.class), r.get("claim_token", String.class), r.get("attempts", Integer.class), mail);
    }

    @Override
    public boolean sent(ClaimedMail mail, Instant now) {
        return dsl.execute("update mail_outbox set status = 'SENT', sent_at = ?::timestamptz, sealed_values = null, claim_token = null,"
                + " last_error = null where id = ? and claim_token = ? and status = 'SENDING'", Rows.at(now), mail.id(), mail.claimToken()) > 0;
    }

    @Override
    public boolean retryAt(ClaimedMail mail, Instant at, String error) {
        return dsl.execute("update mail_outbox set status = 'PENDING', next_attempt_at = ?::timestamptz, last_error = ?, claim_token = null"
                + " where id = ? and claim_token = ? and status = 'SENDING'", Rows.at(at), error, mail.id(), mail.claimToken()) > 0;
    }

    @Override
    public int purgeSettled(Instant before, int limit) {
        return dsl.execute("delete from mail_outbox where id in (select id from mail_outbox where status in ('SENT', 'FAILED')"
                + " and created_at < ?::timestamptz order by id limit ?)", Rows.at(before), limit);
    }

    @Override
    public boolean failed(ClaimedMail mail, String error) {
        return dsl.execute("update mail_outbox set status = 'FAILED', last_error = ?, sealed_values = null, claim_token = null"
                + " where id = ? and claim_token = ? and status = 'SENDING'", error, mail.id(), mail.claimToken()) > 0;
    }
}
