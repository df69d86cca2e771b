package io.invitehub.adapter.out.persistence;

import io.invitehub.application.accounts.port.out.VerificationCodes;
import io.invitehub.domain.shared.Email;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.generated.Tables.EMAIL_VERIFICATIONS;

/** {@link VerificationCodes} on {@code email_verifications}: one row per e-mail, replaced by an upsert. */
final class JooqVerificationCodes implements VerificationCodes {
    private final DSLContext dsl;

    JooqVerificationCodes(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void replace(Email email, String codeHash, Instant expiresAt) {
        dsl.insertInto(EMAIL_VERIFICATIONS)
                .set(EMAIL_VERIFICATIONS.EMAIL, email.value())
                .set(EMAIL_VERIFICATIONS.CODE_HASH, codeHash)
                .set(EMAIL_VERIFICATIONS.EXPIRES_AT, Rows.at(expiresAt))
                .set(EMAIL_VERIFICATIONS.FAILED_ATTEMPTS, 0)
                .onConflict(EMAIL_VERIFICATIONS.EMAIL)
                .doUpdate()
                .set(EMAIL_VERIFICATIONS.CODE_HASH, codeHash)
                .set(EMAIL_VERIFICATIONS.EXPIRES_AT, Rows.at(expiresAt))
                .set(EMAIL_VERIFICATIONS.FAILED_ATTEMPTS, 0)
                .set(EMAIL_VERIFICATIONS.CREATED_AT, org.jooq.impl.DSL.currentOffsetDateTime())
                .execute();
    }

    @Override
    public Optional<Pending> find(Email email) {
        return dsl.selectFrom(EMAIL_VERIFICATIONS)
                .where(EMAIL_VERIFICATIONS.EMAIL.eq(email.value()))
                .fetchOptional()
                .map(r -> new Pending(Email.of(r.getEmail()), r.getCodeHash(), Rows.instant(r.getExpiresAt()),
                        r.getFailedAttempts()));
    }

    @Override
    public int recordFailure(Email email) {
        return dsl.update(EMAIL_VERIFICATIONS)
                .set(EMAIL_VERIFICATIONS.FAILED_ATTEMPTS, EMAIL_VERIFICATIONS.FAILED_ATTEMPTS.plus(1))
                .where(EMAIL_VERIFICATIONS.EMAIL.eq(email.value()))
                .returning(EMAIL_VERIFICATIONS.FAILED_ATTEMPTS)
                .fetchOptional(EMAIL_VERIFICATIONS.FAILED_ATTEMPTS)
                .orElse(0);
    }

    @Override
    public void remove(Email email) {
        dsl.deleteFrom(EMAIL_VERIFICATIONS).where(EMAIL_VERIFICATIONS.EMAIL.eq(email.value())).execute();
    }
}
