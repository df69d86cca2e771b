package io.invitehub.application.fakes;

import io.invitehub.application.shop.port.out.PaymentAlerts;
import io.invitehub.application.shop.view.PaymentAlert;

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
    public List<PaymentAlert> latest(Optional<Long> beforeId, int limit) {
        return atomically(() -> state.alerts.descendingMap().values().stream()
                .filter(a -> beforeId.isEmpty() || a.id() < beforeId.get()).limit(limit)
                .collect(java.util.stream.Collectors.toList()));
    }
}
