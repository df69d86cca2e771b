-- The ledger filtered by entry kind (GET /me/ledger?kind=…, ADR 37's amendment on the kind filter): a distributor's
-- entries of one kind newest first, of all months or of one. Without them a filter on a rare kind (PAYMENT, REFUND)
-- read every entry of the distributor (mostly CHARGEs, one per accepted invitation) and sorted them, and one kind of
-- one month could walk the primary key backwards through the whole table (LedgerKindPlansTest).
create index ledger_entries_distributor_kind_idx on ledger_entries (distributor_id, kind, id);
create index ledger_entries_distributor_kind_period_idx on ledger_entries (distributor_id, kind, period, id);
