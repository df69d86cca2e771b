-- Settlement centre (issue 13, SPEC section 9, ADR 37): an append-only ledger per distributor and monthly
-- statements. Positive balance = owed to the platform. Every entry belongs to one statement month
-- (`period`, the first day of the month in the business time zone): the month it happened in, unless that
-- month's statement is confirmed already — then the first month after the last confirmed one
-- (`settlement_accounts.closed_through`), so a confirmed statement never changes. The charge of an acceptance
-- on a postpaid code and the purchase of a paid order are written by triggers in the transaction of the
-- change (R__settlement.sql); payments, refunds, adjustments and payouts by staff.

-- the platform's settlement price and currency, kept equal to INVITEHUB_DEFAULT_UNIT_PRICE_MINOR and
-- INVITEHUB_CURRENCY at every start (the charge trigger snapshots it when a distributor has no own price)
create table settlement_settings (
    id                       integer primary key,
    default_unit_price_minor bigint  not null,
    currency                 varchar not null,
    constraint settlement_settings_single_row check (id = 1),
    constraint settlement_settings_price_check check (default_unit_price_minor >= 0)
);
insert into settlement_settings (id, default_unit_price_minor, currency) values (1, 0, 'CNY');

-- one row per distributor with settlement activity: the last confirmed month. Writers of entries take it
-- FOR SHARE, a confirmation FOR UPDATE: an entry is either in the confirmed month before the confirmation
-- reads it, or lands after it.
create table settlement_accounts (
    distributor_id bigint primary key references users (id),
    closed_through date,
    created_at     timestamptz not null default now(),
    constraint settlement_accounts_month_check check (closed_through is null or extract(day from closed_through) = 1)
);

create table statements (
    id                bigint generated always as identity primary key,
    distributor_id    bigint      not null references users (id),
    period            date        not null,
    state             varchar     not null default 'OPEN',
    currency          varchar     not null,
    opening_minor     bigint      not null,
    charges_minor     bigint      not null,
    charges_count     bigint      not null,
    payments_minor    bigint      not null,
    refunds_minor     bigint      not null,
    adjustments_minor bigint      not null,
    payouts_minor     bigint      not null,
    purchases_minor   bigint      not null,
    purchases_count   bigint      not null,
    closing_minor     bigint      not null,
    confirmed_at      timestamptz,
    confirmed_by      bigint references users (id) on delete set null,
    paid_at           timestamptz,
    paid_by           bigint references users (id) on delete set null,
    payment_reference varchar,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint statements_period_key unique (distributor_id, period),
    constraint statements_state_check check (state in ('OPEN', 'CONFIRMED', 'PAID')),
    constraint statements_month_check check (extract(day from period) = 1),
    constraint statements_sum_check check (closing_minor = opening_minor + charges_minor - payments_minor - refunds_minor
                                                             + adjustments_minor + payouts_minor),
    constraint statements_confirmed_check check (state = 'OPEN' or confirmed_at is not null),
    constraint statements_paid_check check (state <> 'PAID' or (paid_at is not null and payment_reference is not null))
);
create index statements_period_idx on statements (period, distributor_id);

create table ledger_entries (
    id               bigint generated always as identity primary key,
    distributor_id   bigint      not null references users (id),
    kind             varchar     not null,
    amount_minor     bigint      not null,
    balance_minor    bigint      not null,
    currency         varchar     not null,
    period           date        not null,
    occurred_at      timestamptz not null,
    recorded_at      timestamptz not null default now(),
    invitation_id    bigint references invitations (id),
    order_id         bigint references orders (id),
    statement_id     bigint references statements (id),
    unit_price_minor bigint,
    reason           varchar,
    reference        varchar,
    actor_id         bigint references users (id) on delete set null,
    constraint ledger_entries_kind_check check (kind in ('PURCHASE', 'CHARGE', 'PAYMENT', 'REFUND', 'ADJUSTMENT', 'PAYOUT')),
    -- amount as shown (positive; adjustments either sign), balance_minor its effect: + owed to the platform
    constraint ledger_entries_balance_check check (balance_minor = case kind when 'PURCHASE' then 0
        when 'PAYMENT' then -amount_minor when 'REFUND' then -amount_minor else amount_minor end),
    constraint ledger_entries_amount_check check (case kind when 'ADJUSTMENT' then amount_minor <> 0
        when 'CHARGE' then amount_minor >= 0 else amount_minor > 0 end),
    constraint ledger_entries_charge_check check (kind <> 'CHARGE' or (invitation_id is not null and unit_price_minor = amount_minor)),
    constraint ledger_entries_purchase_check check (kind <> 'PURCHASE' or order_id is not null),
    constraint ledger_entries_reason_check check (kind not in ('ADJUSTMENT', 'REFUND') or reason is not null),
    constraint ledger_entries_month_check check (extract(day from period) = 1)
);
-- one charge per accepted invitation, one purchase per paid order
create unique index ledger_entries_charge_key on ledger_entries (invitation_id) where kind = 'CHARGE';
create unique index ledger_entries_purchase_key on ledger_entries (order_id) where kind = 'PURCHASE';
-- a distributor's ledger newest first, and the sums of a statement month
create index ledger_entries_distributor_idx on ledger_entries (distributor_id, period, id);
