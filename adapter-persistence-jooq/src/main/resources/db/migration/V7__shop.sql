-- Shop (issue 5, SPEC section 7, ADR 17): an order copies the pack it sells (so later plan edits change
-- neither price nor delivery), carries its fulfilment claim (lease + token, for fencing) and the time
-- its next attempt is due (for PROCESSING: when its lease ends); payment alerts are what admins must look at (money for closed orders…).

alter table orders add column codes_total integer not null default 0;
alter table orders add column code_max_uses integer not null default 1;
alter table orders add column code_validity_days integer not null default 30;
alter table orders add column fulfillment_next_at timestamptz;
alter table orders add column fulfillment_claim varchar;
alter table orders add column fulfilled_at timestamptz;
alter table orders add constraint orders_codes_total_check check (codes_total >= 0 and delivered_count <= codes_total);
alter table orders add constraint orders_pack_check check (code_max_uses >= 0 and code_validity_days >= 1);
alter table orders add constraint orders_paid_check check (status not in ('PAID', 'REFUNDED') or (paid_at is not null and trade_no is not null));
alter table orders add constraint orders_completed_check check (fulfillment_status <> 'COMPLETED' or delivered_count = codes_total);

-- the admin list, newest first
create index orders_created_idx on orders (created_at desc, id desc);
-- the expiry job: PENDING orders by expire_at
create index orders_pending_expiry_idx on orders (expire_at) where status = 'PENDING';
-- the fulfilment outbox: paid orders still to deliver
create index orders_fulfilment_idx on orders (fulfillment_next_at, id)
    where status = 'PAID' and fulfillment_status in ('PENDING', 'PROCESSING');

-- the shop's plans in display order
create index plans_sale_idx on plans (plan_type, sort_order, id) where active;

create table payment_alerts (
    id         bigint generated always as identity primary key,
    kind       varchar     not null,
    order_no   varchar,
    trade_no   varchar,
    detail     varchar     not null,
    created_at timestamptz not null default now(),
    constraint payment_alerts_kind_check check (kind in ('ORDER_CLOSED', 'AMOUNT_MISMATCH', 'PAY_TYPE_MISMATCH',
                                                         'PAID_TWICE', 'TRADE_REUSED', 'UNKNOWN_ORDER'))
);
