package io.invitehub.adapter.out.persistence;

import io.invitehub.application.idempotency.port.in.RecordedAnswer;
import io.invitehub.application.idempotency.port.out.IdempotencyKeys;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.IDEMPOTENCY_KEYS;

/**
 * Idempotency keys in PostgreSQL (V51, ADR 44). A key's lock is a transaction-level advisory lock of class
 * {@link #LOCK_CLASS} on {@code hashtext(scope || ':' || key)}, taken with {@code pg_try_advisory_xact_lock}:
 * never waited for, so it adds no edge to the lock order of ADR 28 (a hash collision only answers 409 to a
 * request that could have run; the primary key keeps two rows of one key out either way).
 */
final class JooqIdempotencyKeys implements IdempotencyKeys {
    static final int LOCK_CLASS = 0x494B; // "IK"

    private final DSLContext dsl;

    JooqIdempotencyKeys(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean tryLock(String scope, String key) {
        return Boolean.TRUE.equals(dsl.fetchValue("select pg_try_advisory_xact_lock(?, hashtext(? || ':' || ?))", LOCK_CLASS, scope, key));
    }

    @Override
    public Optional<StoredKey> find(String scope, String key) {
        return dsl.selectFrom(IDEMPOTENCY_KEYS).where(IDEMPOTENCY_KEYS.SCOPE.eq(scope)).and(IDEMPOTENCY_KEYS.IDEM_KEY.eq(key))
                .fetchOptional()
                .map(r -> new StoredKey(r.getScope(), r.getIdemKey(), r.getRoute(), r.getFingerprint(),
                        new RecordedAnswer(r.getStatus(), Optional.ofNullable(r.getContentType()), r.getBody(), true),
                        Rows.instant(r.getCreatedAt())));
    }

    @Override
    public void save(StoredKey key) {
        dsl.insertInto(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.SCOPE, key.scope())
                .set(IDEMPOTENCY_KEYS.IDEM_KEY, key.key())
                .set(IDEMPOTENCY_KEYS.ROUTE, key.route())
                .set(IDEMPOTENCY_KEYS.FINGERPRINT, key.fingerprint())
                .set(IDEMPOTENCY_KEYS.STATUS, key.answer().status())
                .set(IDEMPOTENCY_KEYS.CONTENT_TYPE, key.answer().contentType().orElse(null))
                .set(IDEMPOTENCY_KEYS.BODY, key.answer().body())
                .set(IDEMPOTENCY_KEYS.CREATED_AT, Rows.at(key.createdAt()))
                .execute();
    }

    @Override
    public void forget(String scope, String key) {
        dsl.deleteFrom(IDEMPOTENCY_KEYS).where(IDEMPOTENCY_KEYS.SCOPE.eq(scope)).and(IDEMPOTENCY_KEYS.IDEM_KEY.eq(key)).execute();
    }

    @Override
    public int purge(Instant before, int limit) {
        return dsl.execute("delete from idempotency_keys where ctid in (select ctid from idempotency_keys"
                + " where created_at < ?::timestamptz order by created_at limit ? for update skip locked)", Rows.at(before), limit);
    }
}
