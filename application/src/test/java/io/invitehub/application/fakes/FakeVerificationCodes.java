package io.invitehub.application.fakes;

import io.invitehub.application.accounts.port.out.VerificationCodes;
import io.invitehub.domain.shared.Email;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

final class FakeVerificationCodes extends FakeTable implements VerificationCodes {
    FakeVerificationCodes(MemoryTables db) {
        super(db);
    }

    @Override
    public void replace(Email email, String codeHash, Instant expiresAt) {
        atomically(() -> state.verifications.put(email.value(),
                new Pending(email, codeHash, expiresAt.truncatedTo(ChronoUnit.MICROS), 0)));
    }

    @Override
    public Optional<Pending> find(Email email) {
        return atomically(() -> Optional.ofNullable(state.verifications.get(email.value())));
    }

    @Override
    public int recordFailure(Email email) {
        return atomically(() -> {
            Pending p = state.verifications.get(email.value());
            if (p == null) {
                return 0;
            }
            Pending counted = new Pending(p.email(), p.codeHash(), p.expiresAt(), p.failedAttempts() + 1);
            state.verifications.put(email.value(), counted);
            return counted.failedAttempts();
        });
    }

    @Override
    public void remove(Email email) {
        atomically(() -> state.verifications.remove(email.value()));
    }
}
