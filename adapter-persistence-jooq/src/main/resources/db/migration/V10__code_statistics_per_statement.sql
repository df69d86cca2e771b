-- Code inserts counted once per statement (ADR 22, SPEC section 11: fulfilment of 100 000 codes ≤ 3 s).
-- V3's row trigger ran three statements per inserted code (an upsert into distributor_stats, a lookup
-- of the order's plan, an upsert into distributor_plan_stats, plus one into distributor_code_expiry
-- when the code expires): ~300 000 statements for a 100 000-code order. An INSERT now fires one
-- statement-level trigger that reads the inserted rows from its transition table and adds their
-- contribution grouped, one upsert per (distributor), (distributor, expires_at) and (distributor,
-- plan) in the statement. The row trigger stays for UPDATE and DELETE, whose rules are unchanged.
-- A code's contribution is V3's: 1 code, enabled, enabled and depleted, its used_count; in its expiry
-- bucket enabled and enabled-depleted; for its order's plan 1 code and bound (redeemed). Codes
-- without an owner count nowhere. The stripe is the transaction's (statistics_stripe()), as for the
-- row triggers, so one transaction still writes one stripe row per rollup key; rows are written in
-- key order, so two transactions of the same stripe cannot deadlock on each other's keys.

-- [jooq ignore start]
drop trigger redeem_codes_statistics on redeem_codes;
create trigger redeem_codes_statistics after update or delete on redeem_codes
    for each row execute function redeem_codes_statistics();

create function redeem_codes_statistics_insert() returns trigger language plpgsql as $$
declare
    s smallint := statistics_stripe();
begin
    insert into distributor_stats as t (distributor_id, stripe, codes, enabled_codes, enabled_depleted, uses_taken)
    select owner_id, s, count(*), count(*) filter (where active),
           count(*) filter (where active and max_uses > 0 and used_count >= max_uses), sum(used_count)
    from new_rows where owner_id is not null
    group by owner_id order by owner_id
    on conflict (distributor_id, stripe) do update set
        codes = t.codes + excluded.codes,
        enabled_codes = t.enabled_codes + excluded.enabled_codes,
        enabled_depleted = t.enabled_depleted + excluded.enabled_depleted,
        uses_taken = t.uses_taken + excluded.uses_taken;

    -- disabled codes are in no bucket (the row trigger skips a zero difference the same way)
    insert into distributor_code_expiry as t (distributor_id, expires_at, stripe, enabled_codes, enabled_depleted)
    select owner_id, expires_at, s, count(*),
           count(*) filter (where max_uses > 0 and used_count >= max_uses)
    from new_rows where owner_id is not null and expires_at is not null and active
    group by owner_id, expires_at order by owner_id, expires_at
    on conflict (distributor_id, expires_at, stripe) do update set
        enabled_codes = t.enabled_codes + excluded.enabled_codes,
        enabled_depleted = t.enabled_depleted + excluded.enabled_depleted;

    insert into distributor_plan_stats as t (distributor_id, plan_id, stripe, codes, redeemed_codes, accepted)
    select n.owner_id, o.plan_id, s, count(*), count(*) filter (where n.bound_email is not null), 0
    from new_rows n join orders o on o.id = n.order_id
    where n.owner_id is not null
    group by n.owner_id, o.plan_id order by n.owner_id, o.plan_id
    on conflict (distributor_id, plan_id, stripe) do update set
        codes = t.codes + excluded.codes,
        redeemed_codes = t.redeemed_codes + excluded.redeemed_codes;
    return null;
end
$$;

create trigger redeem_codes_statistics_insert after insert on redeem_codes
    referencing new table as new_rows
    for each statement execute function redeem_codes_statistics_insert();
-- [jooq ignore stop]
