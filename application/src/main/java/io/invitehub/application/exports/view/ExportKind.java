package io.invitehub.application.exports.view;

import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.order.OrderStatus;
import io.invitehub.domain.settlement.LedgerKind;
import io.invitehub.domain.settlement.StatementState;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What can be exported (SPEC section 9, ADR 35): each kind is one of a distributor's lists, with the
 * columns of its CSV (in order) and the filters of the matching list it reads. {@code status} takes the
 * names of {@link #statusType()}.
 */
public enum ExportKind {
    /** {@code GET /me/codes}: own codes, newest first. */
    CODES(CodeStatus.class, EnumSet.of(ExportFilter.Part.STATUS, ExportFilter.Part.Q),
            List.of("id", "code", "status", "active", "used_count", "max_uses", "expires_at", "validity_days", "bound_email",
                    "note", "created_at")),
    /** {@code GET /me/sales}: own non-rebind invitations, newest first. */
    SALES(InvitationState.class, EnumSet.of(ExportFilter.Part.STATUS, ExportFilter.Part.FROM, ExportFilter.Part.TO,
            ExportFilter.Part.Q, ExportFilter.Part.TAG),
            List.of("id", "code", "email", "team_name", "status", "created_at", "accepted_at")),
    /** {@code GET /me/members}: members now and recently ended, newest first. */
    MEMBERS(null, EnumSet.of(ExportFilter.Part.Q, ExportFilter.Part.TAG),
            List.of("id", "email", "team_id", "team_name", "redeem_code", "joined_at", "status", "ended", "created_at")),
    /** {@code GET /me/code-orders}: own orders, newest first. */
    ORDERS(OrderStatus.class, EnumSet.of(ExportFilter.Part.STATUS),
            List.of("order_no", "plan_id", "quantity", "codes_total", "amount", "currency", "status", "pay_type", "trade_no",
                    "created_at", "paid_at", "fulfillment_status", "delivered_count")),
    /** {@code GET /me/statements}: the written monthly statements, newest first (the running month is not written yet). */
    STATEMENTS(StatementState.class, EnumSet.of(ExportFilter.Part.STATUS),
            List.of("id", "period", "state", "currency", "opening", "charges", "charges_count", "payments", "refunds", "adjustments",
                    "payouts", "purchases", "purchases_count", "closing", "confirmed_at", "paid_at", "payment_reference")),
    /**
     * {@code GET /me/ledger}: the ledger, newest first; {@code period} one statement month, {@code kind} entry kinds (any of
     * them, as the list takes them), {@code status} one entry kind (the older spelling, kept).
     */
    LEDGER(LedgerKind.class, EnumSet.of(ExportFilter.Part.STATUS, ExportFilter.Part.PERIOD, ExportFilter.Part.KIND),
            List.of("id", "kind", "amount", "balance", "currency", "period", "occurred_at", "invitation_id", "order_no", "unit_price",
                    "reason", "reference"));

    private final Class<? extends Enum<?>> statusType;
    private final Set<ExportFilter.Part> filters;
    private final List<String> columns;

    ExportKind(Class<? extends Enum<?>> statusType, Set<ExportFilter.Part> filters, List<String> columns) {
        this.statusType = statusType;
        this.filters = filters;
        this.columns = List.copyOf(columns);
    }

    /** The CSV header, in column order. */
    public List<String> columns() {
        return columns;
    }

    /** The filters this kind reads; any other given is refused. */
    public Set<ExportFilter.Part> filters() {
        return EnumSet.copyOf(filters);
    }

    /** The enum whose names {@code status} takes, when this kind filters by status. */
    public Optional<Class<? extends Enum<?>>> statusType() {
        return Optional.ofNullable(statusType);
    }

    /** The name in paths and file names: {@code codes}, {@code sales}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
