package io.invitehub.application.fakes;

import io.invitehub.application.fakes.MemoryTables.OrderRow;
import io.invitehub.application.shop.port.out.FulfilmentJob;
import io.invitehub.application.shop.port.out.OrderKey;
import io.invitehub.application.shop.port.out.Orders;
import io.invitehub.application.shop.view.OrderStats;
import io.invitehub.domain.order.Fulfilment;
import io.invitehub.domain.order.FulfilmentStatus;
import io.invitehub.domain.order.NewOrder;
import io.invitehub.domain.order.Order;
import io.invitehub.domain.order.OrderId;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import static io.invitehub.application.fakes.MemoryTables.copy;
import static io.invitehub.application.fakes.MemoryTables.micros;

final class FakeOrders extends FakeTable implements Orders {
    FakeOrders(MemoryTables db) {
        super(db);
    }

    @Override
    public Order create(NewOrder o) {
        return atomically(() -> {
            if (state.orders.values().stream().anyMatch(r -> r.order().orderNo().equals(o.orderNo()))) {
                throw new DomainException(ErrorCode.CONFLICT, "order number taken");
            }
            if (!state.plans.containsKey(o.planId().value()) || !state.users.containsKey(o.buyer().value())) {
                throw new IllegalStateException("plan or buyer does not exist (foreign key)");
            }
            long id = newId();
            Order order = Order.restore(new OrderId(id), o.orderNo(), o.planId(), Optional.of(o.buyer()), o.quantity(),
                    o.codesTotal(), o.codeMaxUses(), o.codeValidityDays(), o.amount(), o.finalAmount(), OrderStatus.PENDING,
                    Optional.of(o.payType()), Optional.empty(), micros(o.createdAt()), micros(o.expireAt()), Optional.empty(),
                    new Fulfilment(FulfilmentStatus.PENDING, 0, 0, Optional.empty()));
            state.orders.put(id, new OrderRow(order, null, null));
            return order;
        });
    }

    private Optional<OrderRow> row(OrderNo no) {
        return state.orders.values().stream().filter(r -> r.order().orderNo().equals(no)).findFirst();
    }

    @Override
    public Optional<Order> findByNo(OrderNo orderNo) {
        return atomically(() -> row(orderNo).map(OrderRow::order));
    }

    @Override
    public Optional<Order> lockByNo(OrderNo orderNo) {
        return findByNo(orderNo);
    }

    @Override
    public Optional<io.invitehub.application.shop.port.out.OrderToPay> lockForPayment(OrderNo orderNo, String tradeNo) {
        return atomically(() -> lockByNo(orderNo).map(o -> new io.invitehub.application.shop.port.out.OrderToPay(o,
                paidBy(tradeNo).filter(other -> !other.id().equals(o.id())).map(Order::orderNo))));
    }

    /** The order this gateway trade paid, if any (trade numbers are unique). */
    private Optional<Order> paidBy(String tradeNo) {
        return atomically(() -> state.orders.values().stream().map(OrderRow::order)
                .filter(o -> o.tradeNo().filter(tradeNo::equals).isPresent()).findFirst());
    }

    @Override
    public boolean markPaid(OrderId id, String tradeNo, Instant paidAt) {
        return atomically(() -> {
            OrderRow r = state.orders.get(id.value());
            if (r == null || r.order().status() != OrderStatus.PENDING) {
                return false;
            }
            if (paidBy(tradeNo).isPresent()) {
                throw new DomainException(ErrorCode.CONFLICT, "trade number already used");
            }
            Order o = r.order();
            state.orders.put(id.value(), new OrderRow(copy(o, OrderStatus.PAID, Optional.of(tradeNo), Optional.of(micros(paidAt)),
                    new Fulfilment(FulfilmentStatus.PENDING, 0, 0, Optional.empty())), null, micros(paidAt)));
            return true;
        });
    }

    @Override
    public int expireDue(Instant now, int limit) {
        return atomically(() -> {
            List<OrderRow> due = state.orders.values().stream()
                    .filter(r -> r.order().status() == OrderStatus.PENDING && !r.order().expireAt().isAfter(now))
                    .sorted(Comparator.comparing((OrderRow r) -> r.order().expireAt())).limit(limit)
                    .collect(java.util.stream.Collectors.toList());
            for (OrderRow r : due) {
                Order o = r.order();
                state.orders.put(o.id().value(), new OrderRow(copy(o, OrderStatus.EXPIRED, o.tradeNo(), o.paidAt(), o.fulfilment()),
                        r.claim(), r.nextAt()));
            }
            return due.size();
        });
    }

    @Override
    public List<Order> list(Optional<UserId> buyer, Optional<OrderStatus> status, Optional<OrderKey> after, int limit) {
        Comparator<Order> newest = Comparator.comparing(Order::createdAt).thenComparingLong(o -> o.id().value());
        return atomically(() -> state.orders.values().stream().map(OrderRow::order)
                .filter(o -> buyer.isEmpty() || o.isBoughtBy(buyer.get()))
                .filter(o -> status.isEmpty() || o.status() == status.get())
                .filter(o -> after.isEmpty() || o.createdAt().isBefore(after.get().createdAt())
                        || (o.createdAt().equals(after.get().createdAt()) && o.id().value() < after.get().id()))
                .sorted(newest.reversed()).limit(limit).collect(java.util.stream.Collectors.toList()));
    }

    @Override
    public OrderStats stats(Instant paidSince, java.util.Currency currency) {
        return atomically(() -> {
            java.util.Map<OrderStatus, Long> counts = new java.util.EnumMap<>(OrderStatus.class);
            java.util.Map<OrderStatus, Money> amounts = new java.util.EnumMap<>(OrderStatus.class);
            for (OrderStatus s : OrderStatus.values()) {
                counts.put(s, 0L);
                amounts.put(s, Money.zero(currency));
            }
            long todayCount = 0;
            Money today = Money.zero(currency);
            long delivered = 0;
            long failed = 0;
            long open = 0;
            for (OrderRow r : state.orders.values()) {
                Order o = r.order();
                if (!o.finalAmount().currency().equals(currency)) {
                    continue;
                }
                counts.merge(o.status(), 1L, Long::sum);
                amounts.put(o.status(), amounts.get(o.status()).plus(o.finalAmount()));
                boolean paid = o.status() == OrderStatus.PAID || o.status() == OrderStatus.REFUNDED;
                if (paid && !o.paidAt().orElseThrow().isBefore(paidSince)) {
                    todayCount++;
                    today = today.plus(o.finalAmount());
                }
                if (paid) {
                    delivered += o.fulfilment().delivered();
                }
                if (o.status() == OrderStatus.PAID && o.fulfilment().status() == FulfilmentStatus.FAILED) {
                    failed++;
                }
                if (o.status() == OrderStatus.PAID && (o.fulfilment().status() == FulfilmentStatus.PENDING
                        || o.fulfilment().status() == FulfilmentStatus.PROCESSING)) {
                    open++;
                }
            }
            return new OrderStats(counts, amounts, todayCount, today, delivered, failed, open);
        });
    }

    @Override
    public Optional<FulfilmentJob> claimForFulfilment(Instant now, java.time.Duration lease) {
        return atomically(() -> {
            Optional<OrderRow> due = state.orders.values().stream()
                    .filter(r -> r.order().status() == OrderStatus.PAID && r.nextAt() != null && !r.nextAt().isAfter(now))
                    .filter(r -> r.order().fulfilment().status() == FulfilmentStatus.PENDING
                            || r.order().fulfilment().status() == FulfilmentStatus.PROCESSING)
                    .min(Comparator.comparing(OrderRow::nextAt).thenComparingLong(r -> r.order().id().value()));
            if (due.isEmpty()) {
                return Optional.empty();
            }
            Order o = due.get().order();
            Fulfilment f = o.fulfilment();
            Order claimed = copy(o, o.status(), o.tradeNo(), o.paidAt(),
                    new Fulfilment(FulfilmentStatus.PROCESSING, f.delivered(), f.attempts() + 1, f.error()));
            String token = "claim-" + (++state.claims);
            state.orders.put(o.id().value(), new OrderRow(claimed, token, micros(now.plus(lease))));
            return Optional.of(new FulfilmentJob(claimed, token));
        });
    }

    private Optional<OrderRow> claimed(FulfilmentJob job) {
        return Optional.ofNullable(state.orders.get(job.order().id().value()))
                .filter(r -> job.claim().equals(r.claim()) && r.order().status() == OrderStatus.PAID
                        && r.order().fulfilment().status() == FulfilmentStatus.PROCESSING);
    }

    @Override
    public boolean recordDelivery(FulfilmentJob job, int count, Instant leaseUntil) {
        return atomically(() -> claimed(job).filter(r -> r.order().fulfilment().delivered() + count <= r.order().codesTotal()).map(r -> {
            Order o = r.order();
            Fulfilment f = o.fulfilment();
            state.orders.put(o.id().value(), new OrderRow(copy(o, o.status(), o.tradeNo(), o.paidAt(),
                    new Fulfilment(f.status(), f.delivered() + count, f.attempts(), f.error())), r.claim(),
                    r.nextAt() != null && r.nextAt().isAfter(leaseUntil) ? r.nextAt() : micros(leaseUntil))); // the lease only moves forward
            return true;
        }).orElse(false));
    }

    @Override
    public boolean completeFulfilment(FulfilmentJob job) {
        return atomically(() -> claimed(job).filter(r -> r.order().fulfilment().delivered() == r.order().codesTotal()).map(r -> {
            Order o = r.order();
            Fulfilment f = o.fulfilment();
            state.orders.put(o.id().value(), new OrderRow(copy(o, o.status(), o.tradeNo(), o.paidAt(),
                    new Fulfilment(FulfilmentStatus.COMPLETED, f.delivered(), f.attempts(), Optional.empty())), null, null));
            return true;
        }).orElse(false));
    }

    @Override
    public boolean fulfilmentAttemptFailed(FulfilmentJob job, String error, Optional<Instant> retryAt) {
        return atomically(() -> claimed(job).map(r -> {
            Order o = r.order();
            Fulfilment f = o.fulfilment();
            FulfilmentStatus next = retryAt.isPresent() ? FulfilmentStatus.PENDING : FulfilmentStatus.FAILED;
            state.orders.put(o.id().value(), new OrderRow(copy(o, o.status(), o.tradeNo(), o.paidAt(),
                    new Fulfilment(next, f.delivered(), f.attempts(), Optional.of(error))), null, micros(retryAt.orElse(null))));
            return true;
        }).orElse(false));
    }

    @Override
    public boolean retryFulfilment(OrderId id, Instant now) {
        return atomically(() -> Optional.ofNullable(state.orders.get(id.value()))
                .filter(r -> r.order().status() == OrderStatus.PAID && r.order().fulfilment().status() == FulfilmentStatus.FAILED)
                .map(r -> {
                    Order o = r.order();
                    Fulfilment f = o.fulfilment();
                    state.orders.put(id.value(), new OrderRow(copy(o, o.status(), o.tradeNo(), o.paidAt(),
                            new Fulfilment(FulfilmentStatus.PENDING, f.delivered(), 0, f.error())), null, micros(now)));
                    return true;
                }).orElse(false));
    }

    @Override
    public boolean cancel(OrderId id, Instant now) {
        return move(id, OrderStatus.PENDING, OrderStatus.CANCELLED);
    }

    @Override
    public boolean refund(OrderId id, Instant now) {
        return atomically(() -> Optional.ofNullable(state.orders.get(id.value()))
                .filter(r -> r.order().status() == OrderStatus.PAID)
                .map(r -> {
                    Order o = r.order();
                    Fulfilment f = o.fulfilment();
                    Fulfilment stopped = f.status() == FulfilmentStatus.COMPLETED ? f
                            : new Fulfilment(FulfilmentStatus.FAILED, f.delivered(), f.attempts(), Optional.of("refunded before every code was delivered"));
                    state.orders.put(id.value(), new OrderRow(copy(o, OrderStatus.REFUNDED, o.tradeNo(), o.paidAt(), stopped), null, null));
                    return true;
                }).orElse(false));
    }

    private boolean move(OrderId id, OrderStatus from, OrderStatus to) {
        return atomically(() -> Optional.ofNullable(state.orders.get(id.value()))
                .filter(r -> r.order().status() == from)
                .map(r -> {
                    Order o = r.order();
                    state.orders.put(id.value(), new OrderRow(copy(o, to, o.tradeNo(), o.paidAt(), o.fulfilment()), r.claim(), r.nextAt()));
                    return true;
                }).orElse(false));
    }

    @Override
    public boolean returnedFromGateway(OrderNo orderNo, Instant now, Instant queryAt) {
        return atomically(() -> row(orderNo).filter(r -> r.order().status() == OrderStatus.PENDING).map(r -> {
            state.orderQueryAt.merge(r.order().id().value(), micros(queryAt), (a, b) -> a.isBefore(b) ? a : b);
            return true;
        }).orElse(false));
    }

    @Override
    public List<Order> claimDueQueries(Instant now, Duration backoff, Duration maxBackoff, int limit) {
        return atomically(() -> {
            List<OrderRow> due = state.orders.values().stream()
                    .filter(r -> r.order().status() == OrderStatus.PENDING)
                    .filter(r -> state.orderQueryAt.containsKey(r.order().id().value())
                            && !state.orderQueryAt.get(r.order().id().value()).isAfter(now))
                    .sorted(Comparator.comparing((OrderRow r) -> state.orderQueryAt.get(r.order().id().value()))).limit(limit)
                    .collect(java.util.stream.Collectors.toList());
            for (OrderRow r : due) {
                long id = r.order().id().value();
                int made = state.orderQueries.getOrDefault(id, 0);
                Duration wait = backoff.multipliedBy(1L << Math.min(made, 20));
                state.orderQueries.put(id, made + 1);
                state.orderQueryAt.put(id, micros(now.plus(wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait)));
            }
            return due.stream().map(OrderRow::order).collect(java.util.stream.Collectors.toList());
        });
    }
}
