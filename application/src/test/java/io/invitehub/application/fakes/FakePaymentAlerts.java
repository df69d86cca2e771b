package io.invitehub.application.fakes;

import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.shop.view.PaymentAlert;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import static io.invitehub.application.fakes.MemoryTables.micros;

final class FakePaymentAlerts extends FakeTable implements PaymentAlerts {
    FakePaymentAlerts(MemoryTables db) {
        super(db);
    }

    @Override
    public PaymentAlert record(PaymentAlert alert) {
        return atomically(() -> {
            PaymentAlert stored = new PaymentAlert(newId(), alert.kind(), alert.orderNo(), alert.tradeNo(), alert.detail(),
                    micros(alert.at()));
            state.alerts.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public List<PaymentAlert> latest(PaymentAlert.State which, Optional<Long> beforeId, int limit) {
        return atomically(() -> state.alerts.descendingMap().values().stream()
                .filter(a -> beforeId.isEmpty() || a.id() < beforeId.get()).filter(a -> a.in(which)).limit(limit)
                .collect(java.util.stream.Collectors.toList()));
    }

    @Override
    public Optional<PaymentAlert> find(long id) {
        return atomically(() -> Optional.ofNullable(state.alerts.get(id)));
    }

    @Override
    public boolean markHandled(long id, UserId by, String note, Instant at) {
        return atomically(() -> {
            PaymentAlert a = state.alerts.get(id);
            if (a == null || !a.open()) {
                return false;
            }
            Optional<User> staff = Optional.ofNullable(state.users.get(by.value()));
            state.alerts.put(id, new PaymentAlert(a.id(), a.kind(), a.orderNo(), a.tradeNo(), a.detail(), a.at(),
                    Optional.of(new PaymentAlert.Handling(micros(at), staff.map(User::id), staff.map(User::username), note))));
            return true;
        });
    }
}
