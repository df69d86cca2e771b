package io.invitehub.adapter.in.http.settlement;

import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.InvalidInput;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.application.settlement.port.in.ManageSettlementUseCase;
import io.invitehub.application.settlement.port.in.SettlementQueries;
import io.invitehub.application.settlement.view.LedgerEntryView;
import io.invitehub.application.settlement.view.SettlementPriceView;
import io.invitehub.application.settlement.view.StatementView;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.domain.settlement.StatementTotals;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;
import static io.invitehub.adapter.in.http.wire.HttpRequests.queryParam;

/**
 * The settlement centre (SPEC section 9, ADR 37): a distributor's statements and ledger ({@code /me}, or staff per
 * distributor), staff's refunds, adjustments, confirmation and payment of statements, the admin's settlement
 * price, and the month's collection and payout files. Amounts are decimal strings in major units.
 */
public final class SettlementHandlers {
    static final Pattern MONTH = Pattern.compile("^\\d{4}-\\d{2}$");
    private static final Field DISTRIBUTOR_ID = Field.id("id").labelled("distributor id");
    private static final Field STATEMENT_ID = Field.id("id").labelled("statement id");
    private static final Field PERIOD = Field.token("period", 7, MONTH, "a month (yyyy-mm)", "2026-11");
    private static final Field REASON = Field.prose("reason", 500);

    public static final RequestShape MINE = RequestShape.none();
    public static final RequestShape MY_LEDGER = RequestShape.none().query(PERIOD, HttpRequests.LEDGER_KIND_FILTER)
            .query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape ONE = RequestShape.none().path(DISTRIBUTOR_ID);
    public static final RequestShape LEDGER = MY_LEDGER.path(DISTRIBUTOR_ID);
    public static final RequestShape REFUND = RequestShape.none().path(DISTRIBUTOR_ID).body(Field.decimal("amount"), REASON);
    public static final RequestShape ADJUST = RequestShape.none().path(DISTRIBUTOR_ID).body(Field.text("amount", 20), REASON);
    public static final RequestShape UNIT_PRICE = RequestShape.none().path(DISTRIBUTOR_ID).body(Field.decimal("unit_price"));
    public static final RequestShape CONFIRM = RequestShape.none().path(STATEMENT_ID);
    public static final RequestShape PAY = RequestShape.none().path(STATEMENT_ID).body(Field.text("reference", 200));
    public static final RequestShape MONTH_LIST = RequestShape.none().query(PERIOD);
    private static final Field LAYOUT = Field.choice("layout", SettlementFiles.Layout.class);
    public static final RequestShape MONTH_FILE = RequestShape.none().path(LAYOUT).query(PERIOD);
    public static final RequestShape DISTRIBUTOR_FILE = RequestShape.none().path(DISTRIBUTOR_ID, LAYOUT).query(PERIOD);

    /** What each route answers (ADR 40). */
    public static final ResponseShape STATEMENTS_ANSWER = ResponseShape.list(Statement.class);
    public static final ResponseShape STATEMENT_ANSWER = ResponseShape.ok(Statement.class);
    public static final ResponseShape LEDGER_ANSWER = ResponseShape.page(LedgerEntry.class);
    public static final ResponseShape ENTRY_CREATED_ANSWER = ResponseShape.created(LedgerEntry.class);
    public static final ResponseShape PRICE_ANSWER = ResponseShape.ok(Price.class);
    public static final ResponseShape FILE_ANSWER = ResponseShape.text("text/csv");

    private final SettlementQueries queries;
    private final ManageSettlementUseCase manage;
    private final Currency currency;

    public SettlementHandlers(SettlementQueries queries, ManageSettlementUseCase manage, Currency currency) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.manage = Objects.requireNonNull(manage, "manage");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    record Statement(Long id, String period, String state, boolean computed, String currency, String opening, String charges,
                     long chargesCount, String payments, String refunds, String adjustments, String payouts, String purchases,
                     long purchasesCount, String closing, Instant confirmedAt, Instant paidAt, String paymentReference,
                     Long distributorId, String username) {
    }

    record LedgerEntry(long id, String kind, String amount, String balance, String currency, String period, Instant occurredAt,
                 Long invitationId, String orderNo, String unitPrice, String reason, String reference) {
    }

    /** {@code unit_price}: the distributor's own, null when it takes the platform's; {@code effective_unit_price}: what the next charge takes. */
    record Price(String unitPrice, String defaultUnitPrice, String effectiveUnitPrice, String currency) {
    }

    record EntryPage(List<LedgerEntry> items, String nextCursor) {
    }

    private record AmountBody(String amount, String reason) {
    }

    private record PriceBody(String unitPrice) {
    }

    private record PayBody(String reference) {
    }

    public void myStatements(Context ctx) {
        UserId me = caller(ctx).id();
        ctx.json(queries.statements(me, me).stream().map(this::statement).collect(Collectors.toList()));
    }

    public void myLedger(Context ctx) {
        UserId me = caller(ctx).id();
        ledger(ctx, me);
    }

    public void statements(Context ctx) {
        ctx.json(queries.statements(caller(ctx).id(), distributorId(ctx)).stream().map(this::statement).collect(Collectors.toList()));
    }

    public void distributorLedger(Context ctx) {
        ledger(ctx, distributorId(ctx));
    }

    public void refund(Context ctx) {
        AmountBody b = body(ctx, AmountBody.class);
        long amount = minor(HttpRequests.required(b.amount(), "amount"), "amount", false);
        ctx.status(201).json(entry(manage.refund(caller(ctx).id(), distributorId(ctx), amount, b.reason())));
    }

    public void adjust(Context ctx) {
        AmountBody b = body(ctx, AmountBody.class);
        long amount = minor(HttpRequests.required(b.amount(), "amount"), "amount", true);
        ctx.status(201).json(entry(manage.adjust(caller(ctx).id(), distributorId(ctx), amount, b.reason())));
    }

    public void price(Context ctx) {
        SettlementPriceView p = queries.unitPrice(caller(ctx).id(), distributorId(ctx));
        ctx.json(new Price(p.ownMinor().map(this::text).orElse(null), text(p.platformDefaultMinor()), text(p.effectiveMinor()), p.currency()));
    }

    public void unitPrice(Context ctx) {
        PriceBody b = HttpRequests.optionalBody(ctx, PriceBody.class).orElse(new PriceBody(null));
        Optional<Long> price = Optional.ofNullable(b.unitPrice()).map(raw -> minor(raw, "unit_price", false));
        manage.setUnitPrice(caller(ctx).id(), distributorId(ctx), price);
        ctx.status(204);
    }

    public void confirm(Context ctx) {
        ctx.json(statement(manage.confirm(caller(ctx).id(), HttpRequests.pathId(ctx, "statement id"))));
    }

    public void pay(Context ctx) {
        PayBody b = body(ctx, PayBody.class);
        ctx.json(statement(manage.pay(caller(ctx).id(), HttpRequests.pathId(ctx, "statement id"),
                HttpRequests.required(b.reference(), "reference"))));
    }

    public void monthStatements(Context ctx) {
        ctx.json(queries.statementsOf(caller(ctx).id(), period(ctx).orElseThrow(() -> new InvalidInput("period", "period is required")))
                .stream().map(this::statement).collect(Collectors.toList()));
    }

    public void monthFile(Context ctx) throws java.io.IOException {
        SettlementFiles.Layout layout = HttpRequests.enumValue(SettlementFiles.Layout.class, HttpRequests.pathParam(ctx, "layout"), "layout");
        YearMonth period = period(ctx).orElseThrow(() -> new InvalidInput("period", "period is required"));
        List<StatementView> rows = queries.statementsOf(caller(ctx).id(), period);
        ctx.status(200).contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"invitehub-settlement-" + layout.name().toLowerCase(java.util.Locale.ROOT)
                        + "-" + period + ".csv\"");
        SettlementFiles.write(layout, rows, currency, ctx.outputStream());
    }

    /** One distributor's written statements (of {@code period}, or all of them) in a staff file's layout. */
    public void distributorFile(Context ctx) throws java.io.IOException {
        SettlementFiles.Layout layout = HttpRequests.enumValue(SettlementFiles.Layout.class, HttpRequests.pathParam(ctx, "layout"), "layout");
        UserId distributor = distributorId(ctx);
        Optional<YearMonth> period = period(ctx);
        // written statements only: the running month is not settled yet, and a payout row names its statement
        List<StatementView> rows = queries.statements(caller(ctx).id(), distributor).stream()
                .filter(s -> s.id().isPresent() && period.map(p -> p.equals(s.period())).orElse(true))
                .collect(Collectors.toList());
        ctx.status(200).contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"invitehub-settlement-" + layout.name().toLowerCase(java.util.Locale.ROOT)
                        + "-distributor-" + distributor.value() + period.map(p -> "-" + p).orElse("") + ".csv\"");
        SettlementFiles.write(layout, rows, currency, ctx.outputStream());
    }

    private void ledger(Context ctx, UserId distributor) {
        Page<LedgerEntryView> page = queries.ledger(caller(ctx).id(), distributor, period(ctx), HttpRequests.ledgerKinds(ctx),
                pageRequest(ctx));
        ctx.json(new EntryPage(page.items().stream().map(this::entry).collect(Collectors.toList()), page.nextCursor().orElse(null)));
    }

    private static Optional<YearMonth> period(Context ctx) {
        return Optional.ofNullable(queryParam(ctx, "period")).filter(p -> !p.isBlank()).map(raw -> {
            try {
                return YearMonth.parse(raw.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidInput("period", "period must be a month (yyyy-mm)");
            }
        });
    }

    private Statement statement(StatementView s) {
        StatementTotals t = s.totals();
        return new Statement(s.id().orElse(null), s.period().toString(), s.state().name(), s.computed(), s.currency(), text(t.opening()),
                text(t.charges()), t.chargesCount(), text(t.payments()), text(t.refunds()), text(t.adjustments()), text(t.payouts()),
                text(t.purchases()), t.purchasesCount(), text(t.closing()), s.confirmedAt().orElse(null), s.paidAt().orElse(null),
                s.paymentReference().orElse(null), s.distributor().value(), s.username().orElse(null));
    }

    private LedgerEntry entry(LedgerEntryView e) {
        return new LedgerEntry(e.id(), e.kind().name(), text(e.amountMinor()), text(e.balanceMinor()), e.currency(), e.period().toString(),
                e.occurredAt(), e.invitationId().orElse(null), e.orderNo().orElse(null), e.unitPriceMinor().map(this::text).orElse(null),
                e.reason().orElse(null), e.reference().orElse(null));
    }

    private String text(long minor) {
        return Money.ofMinor(minor, currency).toMajor().toPlainString();
    }

    /** A decimal string in major units with at most the currency's digits, as minor units; negative only where {@code signed}. */
    private long minor(String raw, String field, boolean signed) {
        try {
            BigDecimal value = new BigDecimal(raw.strip());
            if (value.stripTrailingZeros().scale() > currency.getDefaultFractionDigits() || (!signed && value.signum() < 0)
                    || value.abs().compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
                throw new InvalidInput(field, field + " must be " + (signed ? "an" : "a non-negative") + " amount up to 1000000000 with at most "
                        + currency.getDefaultFractionDigits() + " decimals");
            }
            return value.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInput(field, field + " must be a decimal string such as \"12.50\"");
        }
    }

    private static UserId distributorId(Context ctx) {
        return new UserId(HttpRequests.pathId(ctx, "distributor id"));
    }
}
