package io.invitehub.application.idempotency.service;

import io.invitehub.application.idempotency.port.in.IdempotentRequest;
import io.invitehub.application.idempotency.port.in.IdempotentWritesUseCase.Outcome;
import io.invitehub.application.idempotency.port.in.RecordedAnswer;
import io.invitehub.application.idempotency.port.out.IdempotencyKeys;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The idempotency rules on an in-memory store whose transactions roll back what they wrote. */
class IdempotencyServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");

    /** Keys in memory; a transaction's writes are undone when it throws. */
    static final class MemoryKeys implements IdempotencyKeys, TransactionRunner {
        Map<String, StoredKey> rows = new HashMap<>();
        final Set<String> lockedElsewhere = new HashSet<>();
        int rollbacks;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            Map<String, StoredKey> before = new HashMap<>(rows);
            try {
                return work.get();
            } catch (RuntimeException e) {
                rows = before;
                rollbacks++;
                throw e;
            }
        }

        @Override public boolean tryLock(String scope, String key) { return !lockedElsewhere.contains(scope + ":" + key); }
        @Override public Optional<StoredKey> find(String scope, String key) { return Optional.ofNullable(rows.get(scope + ":" + key)); }
        @Override public void save(StoredKey key) {
            if (rows.putIfAbsent(key.scope() + ":" + key.key(), key) != null) {
                throw new IllegalStateException("duplicate key (primary key)");
            }
        }
        @Override public void forget(String scope, String key) { rows.remove(scope + ":" + key); }
        @Override public int purge(Instant before, int limit) {
            int n = 0;
            for (var it = rows.values().iterator(); it.hasNext() && n < limit; ) {
                if (it.next().createdAt().isBefore(before)) {
                    it.remove();
                    n++;
                }
            }
            return n;
        }
    }

    private final MemoryKeys keys = new MemoryKeys();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AtomicInteger writes = new AtomicInteger();

    private IdempotencyService service() {
        return new IdempotencyService(keys, keys, clock, new IdempotencySettings(Duration.ofHours(24), 2));
    }

    private Supplier<RecordedAnswer> write(int status, String body, boolean kept) {
        return () -> {
            writes.incrementAndGet();
            return new RecordedAnswer(status, Optional.of("application/json"), body.getBytes(StandardCharsets.UTF_8), kept);
        };
    }

    private static IdempotentRequest request(String key, String fingerprint) {
        return new IdempotentRequest("user:7", key, "POST /api/v1/x", fingerprint);
    }

    @Test
    void theFirstAnswerIsStoredAndARepeatReplaysItWithoutWriting() {
        Outcome first = service().run(request("k1", "f"), write(201, "{\"id\":1}", true));
        Outcome again = service().run(request("k1", "f"), write(201, "{\"id\":2}", true));
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(new String(again.answer().body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        assertThat(writes).hasValue(1);
    }

    @Test
    void anotherBodyOrRouteIsReusedAndAHeldKeyIsInUse() {
        service().run(request("k1", "f"), write(201, "{}", true));
        assertThatThrownBy(() -> service().run(request("k1", "g"), write(201, "{}", true)))
                .isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThatThrownBy(() -> service().run(new IdempotentRequest("user:7", "k1", "POST /api/v1/y", "f"), write(201, "{}", true)))
                .isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        keys.lockedElsewhere.add("user:7:k2");
        assertThatThrownBy(() -> service().run(request("k2", "f"), write(201, "{}", true)))
                .isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE);
        assertThat(writes).hasValue(1);
        // another caller's same key is its own
        assertThat(service().run(new IdempotentRequest("user:8", "k1", "POST /api/v1/x", "g"), write(201, "{}", true)).replayed()).isFalse();
    }

    @Test
    void anAnswerNotKeptOrAFailureRollsBackAndStoresNothing() {
        Outcome transientRefusal = service().run(request("k1", "f"), write(429, "{}", false));
        assertThat(transientRefusal.replayed()).isFalse();
        assertThat(transientRefusal.answer().status()).isEqualTo(429);
        assertThat(keys.rows).isEmpty();
        assertThat(keys.rollbacks).isEqualTo(1);
        assertThatThrownBy(() -> service().run(request("k1", "f"), () -> {
            throw new IllegalStateException("the write failed");
        })).hasMessage("the write failed");
        assertThat(keys.rows).isEmpty();
        assertThat(service().run(request("k1", "f"), write(201, "{}", true)).replayed()).isFalse();
    }

    @Test
    void aKeyPastItsDayIsNewAndThePurgeDeletesOnlyOldKeysInBatches() {
        service().run(request("old1", "f"), write(201, "{}", true));
        service().run(request("old2", "f"), write(201, "{}", true));
        service().run(request("old3", "f"), write(201, "{}", true));
        clock = Clock.fixed(NOW.plus(Duration.ofHours(25)), ZoneOffset.UTC);
        service().run(request("young", "f"), write(201, "{}", true));
        assertThat(service().run(request("old1", "other body now fine"), write(201, "{}", true)).replayed()).isFalse();
        assertThat(service().purgeExpired()).isEqualTo(2);
        assertThat(keys.rows.keySet()).containsExactlyInAnyOrder("user:7:old1", "user:7:young");
    }

    @Test
    void keysAreBoundedPrintableAscii() {
        assertThatThrownBy(() -> request("", "f")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("a b", "f")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("x".repeat(256), "f")).isInstanceOf(IllegalArgumentException.class);
        assertThat(request("x".repeat(255), "f").key()).hasSize(255);
    }
}
