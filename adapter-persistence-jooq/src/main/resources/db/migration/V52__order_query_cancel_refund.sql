-- Payments finished (issue 16, ADR 45): the order-query fallback of SPEC 7 (a PENDING order whose buyer came
-- back from the gateway without a notification is asked about at the gateway, with backoff), the buyer's
-- cancellation and the staff's refund (when each happened).

alter table orders add column returned_at timestamptz;
alter table orders add column query_next_at timestamptz;
alter table orders add column query_attempts integer not null default 0;
alter table orders add column cancelled_at timestamptz;
alter table orders add column refunded_at timestamptz;
alter table orders add constraint orders_query_attempts_check check (query_attempts >= 0);

-- the query job: PENDING orders whose gateway query is due (a literal status, ADR 23)
create index orders_query_due_idx on orders (query_next_at) where status = 'PENDING' and query_next_at is not null;
