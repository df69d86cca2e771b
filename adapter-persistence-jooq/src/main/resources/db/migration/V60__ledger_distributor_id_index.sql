-- A distributor's whole ledger newest first (GET /me/ledger without a filter, the staff drawer's ledger, the export):
-- with only (distributor_id, period, id) and (distributor_id, kind, …) the planner may walk the primary key backwards
-- and filter by distributor, which for a distributor whose entries are all old reads the whole table
-- (LedgerKindPlansTest: 200 111 entries read for a page of 51). This index gives the page in id order directly.
create index ledger_entries_distributor_id_idx on ledger_entries (distributor_id, id);
