-- A payment alert (money to refund by hand) can be marked handled by staff with a note (ADR 17, amendment on
-- handling; issue 14): the alert is never deleted, it leaves the open list and the overview's count. handled_by is
-- the staff account (kept as null if that account were ever deleted); the time and the note come together.
alter table payment_alerts add column handled_at timestamptz;
alter table payment_alerts add column handled_by bigint references users (id) on delete set null;
alter table payment_alerts add column handled_note varchar;
-- [jooq ignore start]
alter table payment_alerts add constraint payment_alerts_handled_check
    check ((handled_at is null) = (handled_note is null) and (handled_at is not null or handled_by is null));
-- [jooq ignore stop]
-- the open ones: the overview's count and the default list (newest first by id)
create index payment_alerts_open_idx on payment_alerts (id) where handled_at is null;
