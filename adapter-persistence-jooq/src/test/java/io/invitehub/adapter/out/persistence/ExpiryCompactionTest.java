package io.invitehub.adapter.out.persistence;

import io.invitehub.application.distributors.view.DistributorSummary;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeAlphabet;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.invitehub.adapter.out.persistence.generated.Tables.REDEEM_CODES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Expired" is a sum of rollup rows keyed by the exact expiry instant (one per batch), and folding the
 * past into one row keeps that sum bounded without changing any number — also when a folded code is
 * toggled afterwards.
 */
class ExpiryCompactionTest {
    private static JooqPersistence db;
    private final Random random = new Random(11);

    @BeforeAll
    static void database() {
        db = TestPostgres.freshPersistence();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void foldingThePastKeepsEveryNumberAndBoundsTheRowsRead() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        User distributor = db.transactions().inTransaction(() ->
                db.users().create("fold-dist", "fold@example.com", "hash", Role.DISTRIBUTOR, Approval.APPROVED));
        List<Code> pastCodes = new ArrayList<>();
        for (int batch = 1; batch <= 5; batch++) {
            pastCodes.addAll(batch(distributor, 20, Optional.of(now.minus(Duration.ofDays(batch)))));
        }
        batch(distributor, 30, Optional.of(now.plus(Duration.ofDays(3))));
        batch(distributor, 10, Optional.empty());
        Code disabledInThePast = pastCodes.get(0);
        db.transactions().inTransaction(() -> db.dsl().update(REDEEM_CODES).set(REDEEM_CODES.ACTIVE, false)
                .where(REDEEM_CODES.CODE.eq(disabledInThePast.value())).execute());

        DistributorSummary before = summary(distributor, now);
        assertThat(before.expiredCodes()).isEqualTo(99);
        assertThat(before.expiredCodes()).isEqualTo(recountExpired(distributor, now));
        assertThat(before.inactiveCodes()).isEqualTo(1);
        long rowsBefore = expiryRows(distributor);

        long folded = db.transactions().inTransaction(() -> db.statistics().compactExpiry(now));

        assertThat(folded).isEqualTo(rowsBefore - expiryRowsAfter(distributor) + foldedTargets(distributor));
        assertThat(expiryRows(distributor, "expires_at < now() and expires_at > '-infinity'")).isZero();
        assertThat(summary(distributor, now)).isEqualTo(before);
        assertThat(db.transactions().inTransaction(() -> db.statistics().compactExpiry(now))).as("nothing left to fold").isZero();

        // a folded code toggled later: its bucket comes back and the numbers stay exact
        db.transactions().inTransaction(() -> db.codes().setActive(
                db.codes().findByCode(disabledInThePast).orElseThrow().id(), true));
        DistributorSummary after = summary(distributor, now);
        assertThat(after.expiredCodes()).isEqualTo(100).isEqualTo(recountExpired(distributor, now));
        assertThat(after.inactiveCodes()).isZero();
        assertThat(after.activeCodes()).isEqualTo(40);
    }

    private DistributorSummary summary(User distributor, Instant now) {
        return db.statistics().summary(distributor.id(), now, Money.zero(Money.CNY));
    }

    private List<Code> batch(User owner, int count, Optional<Instant> expiresAt) {
        CodeTerms terms = new CodeTerms(Optional.of(owner.id()), 1, 30, expiresAt, Optional.empty(), 1, Optional.empty());
        List<Code> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder body = new StringBuilder();
            for (int k = 0; k < 12; k++) {
                body.append(CodeAlphabet.at(random.nextInt(CodeAlphabet.SIZE)));
            }
            codes.add(Code.compose("HUB", body.toString()));
        }
        return db.transactions().inTransaction(() -> db.codes().insertNew(codes, terms, Instant.now()));
    }

    private long recountExpired(User distributor, Instant now) {
        return db.dsl().fetchCount(REDEEM_CODES, REDEEM_CODES.OWNER_ID.eq(distributor.id().value())
                .and(REDEEM_CODES.ACTIVE.isTrue()).and(REDEEM_CODES.EXPIRES_AT.lt(Rows.at(now))));
    }

    private long expiryRows(User distributor) {
        return expiryRows(distributor, "true");
    }

    private long expiryRowsAfter(User distributor) {
        return expiryRows(distributor, "true");
    }

    private long foldedTargets(User distributor) {
        return expiryRows(distributor, "expires_at = '-infinity'");
    }

    private long expiryRows(User distributor, String condition) {
        Object count = db.dsl().fetchValue("select count(*) from distributor_code_expiry where distributor_id = ? and " + condition,
                distributor.id().value());
        return ((Number) count).longValue();
    }
}
