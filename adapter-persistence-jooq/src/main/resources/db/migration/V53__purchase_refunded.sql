-- A staff refund of a paid order (ADR 45) books PURCHASE_REFUNDED in the ledger (ADR 37, amendment on refunds and
-- webhooks), in the refund's transaction: informative like the order's PURCHASE (balance 0) — the order was prepaid
-- and the gateway returned the money, so a balance credit would pay it back twice. The entry refers to the order;
-- one per order (a unique index), whatever the caller does.
-- [jooq ignore start]
alter table ledger_entries drop constraint ledger_entries_kind_check;
alter table ledger_entries add constraint ledger_entries_kind_check
    check (kind in ('PURCHASE', 'CHARGE', 'PAYMENT', 'REFUND', 'ADJUSTMENT', 'PAYOUT', 'PURCHASE_REFUNDED'));
alter table ledger_entries drop constraint ledger_entries_balance_check;
alter table ledger_entries add constraint ledger_entries_balance_check check (balance_minor = case kind when 'PURCHASE' then 0
    when 'PURCHASE_REFUNDED' then 0 when 'PAYMENT' then -amount_minor when 'REFUND' then -amount_minor else amount_minor end);
alter table ledger_entries drop constraint ledger_entries_purchase_check;
alter table ledger_entries add constraint ledger_entries_purchase_check
    check (kind not in ('PURCHASE', 'PURCHASE_REFUNDED') or order_id is not null);
alter table ledger_entries drop constraint ledger_entries_reason_check;
alter table ledger_entries add constraint ledger_entries_reason_check
    check (kind not in ('ADJUSTMENT', 'REFUND', 'PURCHASE_REFUNDED') or reason is not null);
-- [jooq ignore stop]
create unique index ledger_entries_purchase_refunded_key on ledger_entries (order_id) where kind = 'PURCHASE_REFUNDED';
