package io.invitehub.application.idempotency.service;

import io.invitehub.application.idempotency.port.in.IdempotentRequest;
import io.invitehub.application.idempotency.port.in.IdempotentWritesUseCase;
import io.invitehub.application.idempotency.port.in.PurgeIdempotencyKeysUseCase;
import io.invitehub.application.idempotency.port.in.RecordedAnswer;
import io.invitehub.application.idempotency.port.out.IdempotencyKeys;
import io.invitehub.application.idempotency.port.out.IdempotencyKeys.StoredKey;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Idempotency keys (ADR 44). One transaction holds everything: the key's lock (taken without waiting: a
 * request still running with the key makes the next one IDEMPOTENCY_KEY_IN_USE), the look-up, the write
 * itself (every use case it calls joins this transaction through the {@link TransactionRunner}: their own
 * transactions become savepoints) and the stored answer. So the key commits exactly when the write does, and
 * a crash loses both or neither. Work a use case defers to after commit (wake-ups) runs after this
 * transaction's commit ({@link TransactionRunner#afterCommit}).
 */
public final class IdempotencyService implements IdempotentWritesUseCase, PurgeIdempotencyKeysUseCase {
    private final TransactionRunner transactions;
    private final IdempotencyKeys keys;
    private final Clock clock;
    private final IdempotencySettings settings;

    public IdempotencyService(TransactionRunner transactions, IdempotencyKeys keys, Clock clock, IdempotencySettings settings) {
        this.transactions = transactions;
        this.keys = keys;
        this.clock = clock;
        this.settings = settings;
    }

    /** Carries an answer that is not kept out of the transaction, which it rolls back. */
    private static final class NotKept extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RecordedAnswer answer;

        NotKept(RecordedAnswer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    @Override
    public Outcome run(IdempotentRequest request, Supplier<RecordedAnswer> write) {
        try {
            return transactions.inTransaction(() -> {
                if (!keys.tryLock(request.scope(), request.key())) {
                    throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_IN_USE, "A request with this Idempotency-Key is still being"
                            + " processed; send it again once that one has been answered.");
                }
                Instant now = clock.instant();
                Optional<StoredKey> stored = keys.find(request.scope(), request.key());
                if (stored.isPresent() && stored.get().createdAt().isBefore(now.minus(settings.keep()))) {
                    keys.forget(request.scope(), request.key()); // past its day, not purged yet: a new key
                    stored = Optional.empty();
                }
                if (stored.isPresent()) {
                    StoredKey first = stored.get();
                    if (!first.route().equals(request.route()) || !first.fingerprint().equals(request.fingerprint())) {
                        throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for another request"
                                + " (" + first.route() + (first.route().equals(request.route()) ? " with another body" : "")
                                + "); use a new key for a new request.");
                    }
                    return new Outcome(first.answer(), true);
                }
                RecordedAnswer answer = write.get();
                if (!answer.kept()) {
                    throw new NotKept(answer);
                }
                keys.save(new StoredKey(request.scope(), request.key(), request.route(), request.fingerprint(), answer, now));
                return new Outcome(answer, false);
            });
        } catch (NotKept notKept) {
            return new Outcome(notKept.answer, false);
        }
    }

    @Override
    public int purgeExpired() {
        Instant before = clock.instant().minus(settings.keep());
        int total = 0;
        int purged;
        do {
            purged = transactions.inTransaction(() -> keys.purge(before, settings.purgeBatch()));
            total += purged;
        } while (purged == settings.purgeBatch());
        return total;
    }
}
