-- The distributor's code list filtered by usage (?usage=unused|used, issue 12): each filter is one range
-- of its own partial index in the list's order (owner_id, id DESC), like redeem_codes_owner_idx for the
-- whole list, so a deep page of either costs what the first one does. The predicates are literals in the
-- query (ADR 23).
create index redeem_codes_owner_unused_idx on redeem_codes (owner_id, id) where used_count = 0;
create index redeem_codes_owner_used_idx on redeem_codes (owner_id, id) where used_count > 0;
