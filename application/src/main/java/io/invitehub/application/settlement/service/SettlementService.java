package io.invitehub.application.settlement.service;

import io.invitehub.application.settlement.port.in.ManageSettlementUseCase;
import io.invitehub.application.settlement.port.in.SettlementQueries;
import io.invitehub.application.settlement.port.out.Ledger;
import io.invitehub.application.settlement.port.out.Statements;
import io.invitehub.application.settlement.view.LedgerEntryView;
import io.invitehub.application.settlement.view.SettlementPriceView;
import io.invitehub.application.settlement.view.StatementView;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.port.out.WakeUps;
import io.invitehub.application.shared.port.out.WebhookEvent;
import io.invitehub.application.shared.port.out.WebhookEvents;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.domain.settlement.LedgerKind;
import io.invitehub.domain.settlement.StatementRefusedException;
import io.invitehub.domain.settlement.StatementState;
import io.invitehub.domain.settlement.StatementTotals;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import io.invitehub.domain.webhook.EventType;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Settlement (ADR 37): statements as the ledger has them (written months, and the running month computed on
 * demand), the staff's entries, confirmation and payment under the distributor's account lock, and the monthly
 * job. Charges and purchases are written by the database in the transaction that accepts or pays (R__settlement.sql).
 */
public final class SettlementService implements SettlementQueries, ManageSettlementUseCase {
    static final String LEDGER = "ledger";
    static final int MAX_REASON = 500;
    /** Distributors per page of the monthly job's walk. */
    static final int JOB_PAGE = 500;

    private final TransactionRunner transactions;
    private final Ledger ledger;
    private final Statements statements;
    private final AuditLog audit;
    private final CallerRules rules;
    private final Clock clock;
    private final ZoneId zone;
    private final WebhookEvents events;
    private final WakeUps wakeUps;

    /**
     * {@code events}: the webhook outbox; a confirmation publishes {@code statement.confirmed} in its transaction (ADR 43),
     * and {@code wakeUps} wakes the webhook workers after commit when it wrote deliveries.
     */
    public SettlementService(TransactionRunner transactions, Ledger ledger, Statements statements, Users users, AuditLog audit,
                             Clock clock, ZoneId businessZone, WebhookEvents events, WakeUps wakeUps) {
        this.events = events;
        this.wakeUps = wakeUps;
        this.transactions = transactions;
        this.ledger = ledger;
        this.statements = statements;
        this.audit = audit;
        this.rules = new CallerRules(users);
        this.clock = clock;
        this.zone = businessZone;
    }

    // ---- reads ----------------------------------------------------------------------------------------

    @Override
    public List<StatementView> statements(UserId caller, UserId distributor) {
        rules.ensureMayRead(caller, distributor);
        List<StatementView> written = statements.of(distributor);
        List<StatementView> all = new ArrayList<>(written);
        // months after the last written one, up to the running month, computed now
        YearMonth current = YearMonth.now(clock.withZone(zone));
        Optional<YearMonth> first = written.stream().map(StatementView::period).max(Comparator.naturalOrder()).map(p -> p.plusMonths(1))
                .or(() -> ledger.firstPeriod(distributor));
        if (first.isPresent()) {
            YearMonth to = current.isBefore(first.get()) ? first.get() : current;
            for (YearMonth p = first.get(); !p.isAfter(to); p = p.plusMonths(1)) {
                all.add(new StatementView(Optional.empty(), distributor, Optional.empty(), Optional.empty(), p, StatementState.OPEN,
                        ledger.currency(), ledger.totals(distributor, p), Optional.empty(), Optional.empty(), Optional.empty()));
            }
        }
        all.sort(Comparator.comparing(StatementView::period).reversed());
        return all;
    }

    @Override
    public Page<LedgerEntryView> ledger(UserId caller, UserId distributor, Optional<YearMonth> period, Set<LedgerKind> kinds,
                                        PageRequest page) {
        rules.ensureMayRead(caller, distributor);
        Set<LedgerKind> only = kinds.isEmpty() || kinds.size() == LedgerKind.values().length ? Set.of() : EnumSet.copyOf(kinds);
        // the cursor names its list's month and kinds (a bit per kind), so a cursor of another filter is refused
        String kind = LEDGER + period.map(p -> "." + p).orElse("")
                + (only.isEmpty() ? "" : ".k" + only.stream().mapToInt(k -> 1 << k.ordinal()).sum());
        Optional<Long> before = page.cursor().map(c -> c.longKey(kind, 1, 0));
        List<LedgerEntryView> rows = ledger.entries(distributor, period, only, before, page.limit() + 1);
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<LedgerEntryView> shown = rows.subList(0, page.limit());
        return new Page<>(shown, Optional.of(PageCursor.of(kind, shown.get(shown.size() - 1).id())));
    }

    @Override
    public SettlementPriceView unitPrice(UserId caller, UserId distributor) {
        rules.ensureMayRead(caller, distributor);
        return ledger.unitPrice(distributor).orElseThrow(() -> DomainException.notFound("distributor " + distributor.value() + " does not exist"));
    }

    @Override
    public List<StatementView> statementsOf(UserId caller, YearMonth period) {
        rules.ensureStaff(caller);
        return statements.ofPeriod(period);
    }

    // ---- staff --------------------------------------------------------------------------------------

    @Override
    public LedgerEntryView refund(UserId caller, UserId distributor, long amountMinor, String reason) {
        if (amountMinor <= 0) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "a refund is a positive amount");
        }
        return entry(caller, distributor, LedgerKind.REFUND, amountMinor, reason);
    }

    @Override
    public Optional<LedgerEntryView> recordOrderRefund(OrderRefund refund) {
        refund.by().requireStaff();
        String why = reason(refund.reason());
        String orderNo = refund.orderNo().strip();
        if (orderNo.isEmpty() || orderNo.length() > 64) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the refunded order's number is 1-64 characters");
        }
        // the refund's own audit entry (ORDER_REFUND) records the staff member's act; this is its ledger line
        return transactions.inTransaction(() -> ledger.appendPurchaseRefunded(orderNo, refund.at(), why, refund.by().userId()));
    }

    @Override
    public LedgerEntryView adjust(UserId caller, UserId distributor, long amountMinor, String reason) {
        if (amountMinor == 0) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "an adjustment is not zero");
        }
        return entry(caller, distributor, LedgerKind.ADJUSTMENT, amountMinor, reason);
    }

    private LedgerEntryView entry(UserId caller, UserId distributor, LedgerKind kind, long amountMinor, String reason) {
        Actor staff = staff(caller);
        String why = reason(reason);
        rules.ensureMayRead(caller, distributor);
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            LedgerEntryView written = ledger.append(new Ledger.NewEntry(distributor, kind, amountMinor, now, Optional.empty(),
                    Optional.of(why), Optional.empty(), Optional.of(caller)));
            audit.record(AuditEntry.of(staff, "LEDGER_" + kind, "DISTRIBUTOR", distributor.value(), amountMinor + " " + written.currency()
                    + ": " + why, now));
            return written;
        });
    }

    @Override
    public StatementView confirm(UserId caller, long statementId) {
        Actor staff = staff(caller);
        return transactions.inTransaction(() -> {
            StatementView found = statements.find(statementId).orElseThrow(() -> notFound(statementId));
            statements.lockAccount(found.distributor());
            StatementView statement = statements.find(statementId).orElseThrow(() -> notFound(statementId));
            if (statement.state() != StatementState.OPEN) {
                throw StatementRefusedException.alreadyConfirmed(statement.period(), statement.state());
            }
            YearMonth current = YearMonth.now(clock.withZone(zone));
            if (!statement.period().isBefore(current)) {
                throw StatementRefusedException.monthNotOver(statement.period());
            }
            Optional<YearMonth> earlier = statements.earliestOpenBefore(statement.distributor(), statement.period());
            if (earlier.isPresent()) {
                throw StatementRefusedException.earlierOpen(statement.period(), earlier.get());
            }
            statement.state().confirm();
            Instant now = clock.instant();
            StatementTotals totals = ledger.totals(statement.distributor(), statement.period());
            statements.confirm(statementId, totals, caller, now);
            audit.record(AuditEntry.of(staff, "STATEMENT_CONFIRM", "STATEMENT", statementId,
                    statement.period() + " closing " + totals.closing(), now));
            StatementView done = statements.find(statementId).orElseThrow();
            // the time as stored (the database's precision), so the event and the statement agree
            if (events.publish(confirmed(statementId, statement, totals, done.confirmedAt().orElse(now))) > 0) {
                transactions.afterCommit(() -> wakeUps.signal(WakeUps.Work.WEBHOOKS));
            }
            return done;
        });
    }

    /** {@code statement.confirmed} (ADR 43): the frozen numbers in major units of the statement's currency, as the API shows them. */
    private static WebhookEvent confirmed(long statementId, StatementView statement, StatementTotals t, Instant now) {
        Currency currency = Currency.getInstance(statement.currency());
        return WebhookEvent.of(EventType.STATEMENT_CONFIRMED, Optional.of(statement.distributor()), now,
                "statement_id", statementId, "period", statement.period().toString(), "currency", currency.getCurrencyCode(),
                "opening_balance", major(t.opening(), currency), "charges", major(t.charges(), currency), "charges_count", t.chargesCount(),
                "payments", major(t.payments(), currency), "refunds", major(t.refunds(), currency),
                "adjustments", major(t.adjustments(), currency), "payouts", major(t.payouts(), currency),
                "purchases", major(t.purchases(), currency), "closing_balance", major(t.closing(), currency), "confirmed_at", now);
    }

    private static String major(long minor, Currency currency) {
        return Money.ofMinor(minor, currency).toMajor().toPlainString();
    }

    @Override
    public StatementView pay(UserId caller, long statementId, String reference) {
        Actor staff = staff(caller);
        if (reference == null || reference.isBlank() || reference.strip().length() > 200) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "reference is required (at most 200 characters)");
        }
        return transactions.inTransaction(() -> {
            StatementView found = statements.find(statementId).orElseThrow(() -> notFound(statementId));
            statements.lockAccount(found.distributor());
            StatementView statement = statements.find(statementId).orElseThrow(() -> notFound(statementId));
            switch (statement.state()) {
                case OPEN -> throw StatementRefusedException.notConfirmed(statement.period());
                case PAID -> throw StatementRefusedException.alreadyPaid(statement.period(), statement.paymentReference().orElse("-"));
                case CONFIRMED -> statement.state().pay();
            }
            Instant now = clock.instant();
            long closing = statement.totals().closing();
            if (closing != 0) {
                ledger.append(new Ledger.NewEntry(statement.distributor(), closing > 0 ? LedgerKind.PAYMENT : LedgerKind.PAYOUT,
                        Math.abs(closing), now, Optional.of(statementId), Optional.empty(), Optional.of(reference.strip()),
                        Optional.of(caller)));
            }
            statements.markPaid(statementId, reference.strip(), caller, now);
            audit.record(AuditEntry.of(staff, "STATEMENT_PAID", "STATEMENT", statementId, statement.period() + " " + closing + " ref "
                    + reference.strip(), now));
            return statements.find(statementId).orElseThrow();
        });
    }

    @Override
    public void setUnitPrice(UserId caller, UserId distributor, Optional<Long> unitPriceMinor) {
        User user = rules.caller(caller);
        if (user.role() != Role.ADMIN) {
            throw new DomainException(ErrorCode.FORBIDDEN, "only an admin sets settlement prices");
        }
        Actor admin = Actor.of(user);
        unitPriceMinor.filter(p -> p < 0).ifPresent(p -> {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "a price is not negative");
        });
        transactions.inTransaction(() -> {
            if (!ledger.setUnitPrice(distributor, unitPriceMinor)) {
                throw DomainException.notFound("distributor " + distributor.value() + " does not exist");
            }
            audit.record(AuditEntry.of(admin, "DISTRIBUTOR_UNIT_PRICE", "DISTRIBUTOR", distributor.value(),
                    unitPriceMinor.map(p -> p + " " + ledger.currency()).orElse("platform default"), clock.instant()));
        });
    }

    @Override
    public int writeStatements() {
        YearMonth current = YearMonth.now(clock.withZone(zone));
        int written = 0;
        long after = 0;
        while (true) {
            List<UserId> page = ledger.distributors(after, JOB_PAGE);
            for (UserId d : page) {
                written += writeStatements(d, current);
            }
            if (page.size() < JOB_PAGE) {
                return written;
            }
            after = page.get(page.size() - 1).value();
        }
    }

    /** Every ended month of one distributor from its first entry: written OPEN, or refreshed while OPEN. */
    private int writeStatements(UserId d, YearMonth current) {
        Optional<YearMonth> first = ledger.firstPeriod(d);
        int written = 0;
        for (YearMonth p = first.orElse(current); p.isBefore(current); p = p.plusMonths(1)) {
            YearMonth period = p;
            boolean wrote = transactions.inTransaction(() -> {
                Optional<StatementView> existing = statements.find(d, period);
                if (existing.isPresent() && existing.get().state() != StatementState.OPEN) {
                    return false;
                }
                return statements.writeOpen(d, period, ledger.currency(), ledger.totals(d, period), clock.instant());
            });
            written += wrote ? 1 : 0;
        }
        return written;
    }

    /** The caller as the actor of a staff write; anyone else is FORBIDDEN. */
    private Actor staff(UserId caller) {
        User user = rules.caller(caller);
        if (!CallerRules.isStaff(user)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "only staff settle accounts");
        }
        return Actor.of(user);
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "reason is required");
        }
        String r = reason.strip();
        if (r.length() > MAX_REASON) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "reason has at most " + MAX_REASON + " characters");
        }
        return r;
    }

    private static DomainException notFound(long id) {
        return DomainException.notFound("statement " + id + " does not exist");
    }
}
