-- Repeatable migration (ADR 24): what runs today for this concern, in one file. Flyway applies it after
-- the versioned migrations whenever its text changes; every definition is CREATE OR REPLACE (a trigger is
-- dropped and created again in the same transaction), so running it on a database that has it changes
-- nothing. Change a definition here, never in a released versioned migration.

-- Distributor statistics, the triggers (ADR 10, ADR 22): every write to redeem_codes and invitations adds
-- its new contribution minus its old one to the rollups, in the same transaction. A code INSERT is counted
-- once per statement (its rows grouped), UPDATE and DELETE per row.

-- [jooq ignore start]
-- a code's contribution: 1 code, enabled, enabled and depleted, its used_count, bound (redeemed);
-- an update applies new minus old (old minus, new plus when the owner or expiry day moved)
create or replace function redeem_codes_statistics() returns trigger language plpgsql as $$
declare
    o_owner bigint; o_en int := 0; o_dep int := 0; o_used bigint := 0; o_bound int := 0; o_exp timestamptz; o_order bigint; o_n int := 0;
    n_owner bigint; n_en int := 0; n_dep int := 0; n_used bigint := 0; n_bound int := 0; n_exp timestamptz; n_order bigint; n_n int := 0;
    s smallint;
begin
    if tg_op <> 'INSERT' and old.owner_id is not null then
        o_owner := old.owner_id; o_n := 1; o_en := old.active::int;
        o_dep := (old.active and old.max_uses > 0 and old.used_count >= old.max_uses)::int;
        o_used := old.used_count; o_bound := (old.bound_email is not null)::int; o_order := old.order_id;
        o_exp := old.expires_at;
    end if;
    if tg_op <> 'DELETE' and new.owner_id is not null then
        n_owner := new.owner_id; n_n := 1; n_en := new.active::int;
        n_dep := (new.active and new.max_uses > 0 and new.used_count >= new.max_uses)::int;
        n_used := new.used_count; n_bound := (new.bound_email is not null)::int; n_order := new.order_id;
        n_exp := new.expires_at;
    end if;
    if o_owner is not distinct from n_owner and o_en = n_en and o_dep = n_dep and o_used = n_used and o_bound = n_bound
       and o_exp is not distinct from n_exp and o_order is not distinct from n_order then
        return null;
    end if;
    s := statistics_stripe();
    if o_owner = n_owner then
        perform statistics_add(n_owner, s, 0, n_en - o_en, n_dep - o_dep, n_used - o_used, 0, 0, 0, 0);
    else
        if o_owner is not null then perform statistics_add(o_owner, s, -1, -o_en, -o_dep, -o_used, 0, 0, 0, 0); end if;
        if n_owner is not null then perform statistics_add(n_owner, s, 1, n_en, n_dep, n_used, 0, 0, 0, 0); end if;
    end if;
    if o_owner = n_owner and o_exp = n_exp then
        perform statistics_add_expiry(n_owner, n_exp, s, n_en - o_en, n_dep - o_dep);
    else
        if o_exp is not null then perform statistics_add_expiry(o_owner, o_exp, s, -o_en, -o_dep); end if;
        if n_exp is not null then perform statistics_add_expiry(n_owner, n_exp, s, n_en, n_dep); end if;
    end if;
    if o_owner = n_owner and o_order = n_order then
        perform statistics_add_plan(n_owner, n_order, s, 0, n_bound - o_bound, 0);
    else
        if o_order is not null then perform statistics_add_plan(o_owner, o_order, s, -o_n, -o_bound, 0); end if;
        if n_order is not null then perform statistics_add_plan(n_owner, n_order, s, n_n, n_bound, 0); end if;
    end if;
    return null;
end
$$;

-- the function is called only when a column it reads changed on a code with an owner (before or after), by the WHEN
-- clause (an update trigger of its own: a DELETE trigger cannot read NEW), ADR 63: the use + bind of a platform code
-- (no owner) and a code's other updates (updated_at) skip the call, and the function would have returned at once
drop trigger if exists redeem_codes_statistics on redeem_codes;
create trigger redeem_codes_statistics after update on redeem_codes
    for each row when ((old.owner_id is not null or new.owner_id is not null)
                       and (old.owner_id, old.active, old.max_uses, old.used_count, old.bound_email is null, old.expires_at, old.order_id)
                           is distinct from (new.owner_id, new.active, new.max_uses, new.used_count, new.bound_email is null, new.expires_at, new.order_id))
    execute function redeem_codes_statistics();
drop trigger if exists redeem_codes_statistics_delete on redeem_codes;
create trigger redeem_codes_statistics_delete after delete on redeem_codes
    for each row when (old.owner_id is not null) execute function redeem_codes_statistics();

create or replace function redeem_codes_statistics_insert() returns trigger language plpgsql as $$
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

drop trigger if exists redeem_codes_statistics_insert on redeem_codes;
create trigger redeem_codes_statistics_insert after insert on redeem_codes
    referencing new table as new_rows
    for each statement execute function redeem_codes_statistics_insert();

-- an invitation counts when it is not a rebind and has a distributor. distributor_id, is_rebind,
-- code_id and created_at never change (refused here, so the rollups cannot drift).
create or replace function invitations_statistics() returns trigger language plpgsql as $$
declare
    counted boolean := not new.is_rebind and new.distributor_id is not null;
    d bigint := new.distributor_id;
    s smallint;
    o_inv int := 0; o_acc int := 0; o_act int := 0; o_rem int := 0;
    n_inv int; n_acc int; n_act int; n_rem int;
    o_rem_day date; n_rem_day date;
    plan_order bigint;
begin
    if tg_op = 'UPDATE' then
        if old.distributor_id is distinct from new.distributor_id or old.is_rebind <> new.is_rebind
           or old.code_id <> new.code_id or old.created_at <> new.created_at then
            raise exception 'invitations.distributor_id, is_rebind, code_id and created_at are immutable (statistics)';
        end if;
        if not counted or (old.invited_at is not distinct from new.invited_at
                           and old.accepted_at is not distinct from new.accepted_at
                           and old.state = new.state and old.ended_at is not distinct from new.ended_at) then
            return null;
        end if;
        o_inv := (old.invited_at is not null)::int; o_acc := (old.accepted_at is not null)::int;
        o_act := (old.state = 'JOINED')::int; o_rem := (old.state = 'REMOVED')::int;
        if old.state = 'REMOVED' then o_rem_day := statistics_day(old.ended_at); end if;
    elsif not counted then
        return null;
    end if;
    n_inv := (new.invited_at is not null)::int; n_acc := (new.accepted_at is not null)::int;
    n_act := (new.state = 'JOINED')::int; n_rem := (new.state = 'REMOVED')::int;
    if new.state = 'REMOVED' then n_rem_day := statistics_day(new.ended_at); end if;
    s := statistics_stripe();
    -- a new RESERVED invitation (every redemption) changes none of these totals: no call (ADR 79), as statistics_add
    -- would return at once
    if n_inv <> o_inv or n_acc <> o_acc or n_act <> o_act or n_rem <> o_rem then
        perform statistics_add(d, s, 0, 0, 0, 0, n_inv - o_inv, n_acc - o_acc, n_act - o_act, n_rem - o_rem);
    end if;
    if tg_op = 'INSERT' then
        perform statistics_add_daily(d, statistics_day(new.created_at), s, 1, 0, 0, 0);
    end if;
    if tg_op = 'INSERT' or old.invited_at is distinct from new.invited_at then
        if tg_op = 'UPDATE' and old.invited_at is not null then
            perform statistics_add_daily(d, statistics_day(old.invited_at), s, 0, -1, 0, 0);
        end if;
        if new.invited_at is not null then
            perform statistics_add_daily(d, statistics_day(new.invited_at), s, 0, 1, 0, 0);
        end if;
    end if;
    if tg_op = 'INSERT' or old.accepted_at is distinct from new.accepted_at then
        if tg_op = 'UPDATE' and old.accepted_at is not null then
            perform statistics_add_daily(d, statistics_day(old.accepted_at), s, 0, 0, -1, 0);
        end if;
        if new.accepted_at is not null then
            perform statistics_add_daily(d, statistics_day(new.accepted_at), s, 0, 0, 1, 0);
        end if;
        if n_acc <> o_acc then
            select c.order_id into plan_order from redeem_codes c where c.id = new.code_id;
            perform statistics_add_plan(d, plan_order, s, 0, 0, n_acc - o_acc);
        end if;
    end if;
    if o_rem_day is distinct from n_rem_day then
        if o_rem_day is not null then perform statistics_add_daily(d, o_rem_day, s, 0, 0, 0, -1); end if;
        if n_rem_day is not null then perform statistics_add_daily(d, n_rem_day, s, 0, 0, 0, 1); end if;
    end if;
    return null;
end
$$;

-- the function is called only when it has something to do (ADR 63): an insert of a counted invitation; an update of a
-- counted one that moves a column it counts, or any update that changes a column it keeps immutable (so the refusal
-- still runs). A platform code's invitation (no distributor) and the dispatcher's claim updates skip the call.
drop trigger if exists invitations_statistics on invitations;
create trigger invitations_statistics after update on invitations
    for each row when ((not new.is_rebind and new.distributor_id is not null
                        and (old.invited_at, old.accepted_at, old.state, old.ended_at)
                            is distinct from (new.invited_at, new.accepted_at, new.state, new.ended_at))
                       or old.distributor_id is distinct from new.distributor_id or old.is_rebind is distinct from new.is_rebind
                       or old.code_id is distinct from new.code_id or old.created_at is distinct from new.created_at)
    execute function invitations_statistics();
drop trigger if exists invitations_statistics_insert on invitations;
create trigger invitations_statistics_insert after insert on invitations
    for each row when (not new.is_rebind and new.distributor_id is not null) execute function invitations_statistics();
-- [jooq ignore stop]
