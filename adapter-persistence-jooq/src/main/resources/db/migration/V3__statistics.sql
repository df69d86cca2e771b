-- Distributor statistics (SPEC section 5, docs/statistics.md, ADR 10). Rollup tables maintained by
-- triggers in the same transaction as the change of a code or an invitation; reads sum a few
-- rows, never a distributor's codes. Rows are striped (stripe = transaction id mod 16) so one big
-- distributor's concurrent redemptions do not queue on one row.

-- the business time zone that day boundaries use (one row; the service writes its setting at start
-- and rebuilds the rollups when it changed)
create table statistics_settings (
    id        integer primary key,
    time_zone varchar not null,
    constraint statistics_settings_single_row check (id = 1)
);
insert into statistics_settings (id, time_zone) values (1, 'Asia/Shanghai');

-- gauges and running totals per distributor (sum the stripes)
create table distributor_stats (
    distributor_id   bigint   not null references users (id),
    stripe           smallint not null,
    codes            bigint   not null default 0,
    enabled_codes    bigint   not null default 0,
    enabled_depleted bigint   not null default 0,
    uses_taken       bigint   not null default 0,
    invites_sent     bigint   not null default 0,
    invites_accepted bigint   not null default 0,
    members_active   bigint   not null default 0,
    members_removed  bigint   not null default 0,
    constraint distributor_stats_pkey primary key (distributor_id, stripe)
);

-- events per business day: redeemed (non-rebind invitation created), invited (invited_at set),
-- accepted (accepted_at set), removed (ended REMOVED)
create table distributor_stats_daily (
    distributor_id bigint   not null references users (id),
    day            date     not null,
    stripe         smallint not null,
    redeemed       bigint   not null default 0,
    invited        bigint   not null default 0,
    accepted       bigint   not null default 0,
    removed        bigint   not null default 0,
    constraint distributor_stats_daily_pkey primary key (distributor_id, day, stripe)
);

-- enabled codes (and enabled depleted codes) by their exact expires_at; codes without expiry are not
-- here. Expired = the sum of the buckets with expires_at < now: no code row is read. The codes of a
-- batch share one expires_at, so a distributor has one bucket per batch, and
-- statistics_compact_expiry() folds the buckets of the past into one row at '-infinity', so a
-- summary reads a bounded number of rows whatever the distributor's size.
create table distributor_code_expiry (
    distributor_id   bigint      not null references users (id),
    expires_at       timestamptz not null,
    stripe           smallint    not null,
    enabled_codes    bigint      not null default 0,
    enabled_depleted bigint      not null default 0,
    constraint distributor_code_expiry_pkey primary key (distributor_id, expires_at, stripe)
);

-- per distributor and plan (codes that came from an order of the plan)
create table distributor_plan_stats (
    distributor_id bigint   not null references users (id),
    plan_id        bigint   not null references plans (id),
    stripe         smallint not null,
    codes          bigint   not null default 0,
    redeemed_codes bigint   not null default 0,
    accepted       bigint   not null default 0,
    constraint distributor_plan_stats_pkey primary key (distributor_id, plan_id, stripe)
);

-- the members list: a distributor's member-like invitations, newest first
create index invitations_distributor_members_idx on invitations (distributor_id, created_at desc, id desc)
    where not is_rebind and state in ('INVITED', 'JOINED', 'REMOVING', 'REMOVED', 'EXPIRED', 'REBOUND');

-- [jooq ignore start]
create function statistics_day(t timestamptz) returns date language sql stable as $$
    select (t at time zone (select time_zone from statistics_settings where id = 1))::date
$$;

create function statistics_stripe() returns smallint language sql volatile as $$
    select (txid_current() % 16)::smallint
$$;

create function statistics_add(d bigint, s smallint, d_codes bigint, d_enabled bigint, d_depleted bigint,
                               d_used bigint, d_sent bigint, d_accepted bigint, d_active bigint, d_removed bigint)
    returns void language plpgsql as $$
begin
    if d_codes = 0 and d_enabled = 0 and d_depleted = 0 and d_used = 0 and d_sent = 0 and d_accepted = 0
       and d_active = 0 and d_removed = 0 then
        return;
    end if;
    insert into distributor_stats as t (distributor_id, stripe, codes, enabled_codes, enabled_depleted, uses_taken,
                                        invites_sent, invites_accepted, members_active, members_removed)
    values (d, s, d_codes, d_enabled, d_depleted, d_used, d_sent, d_accepted, d_active, d_removed)
    on conflict (distributor_id, stripe) do update set
        codes = t.codes + excluded.codes,
        enabled_codes = t.enabled_codes + excluded.enabled_codes,
        enabled_depleted = t.enabled_depleted + excluded.enabled_depleted,
        uses_taken = t.uses_taken + excluded.uses_taken,
        invites_sent = t.invites_sent + excluded.invites_sent,
        invites_accepted = t.invites_accepted + excluded.invites_accepted,
        members_active = t.members_active + excluded.members_active,
        members_removed = t.members_removed + excluded.members_removed;
end
$$;

create function statistics_add_daily(d bigint, dy date, s smallint, d_redeemed bigint, d_invited bigint,
                                     d_accepted bigint, d_removed bigint) returns void language plpgsql as $$
begin
    if d_redeemed = 0 and d_invited = 0 and d_accepted = 0 and d_removed = 0 then
        return;
    end if;
    insert into distributor_stats_daily as t (distributor_id, day, stripe, redeemed, invited, accepted, removed)
    values (d, dy, s, d_redeemed, d_invited, d_accepted, d_removed)
    on conflict (distributor_id, day, stripe) do update set
        redeemed = t.redeemed + excluded.redeemed,
        invited = t.invited + excluded.invited,
        accepted = t.accepted + excluded.accepted,
        removed = t.removed + excluded.removed;
end
$$;

create function statistics_add_expiry(d bigint, at timestamptz, s smallint, d_enabled bigint, d_depleted bigint)
    returns void language plpgsql as $$
begin
    if d_enabled = 0 and d_depleted = 0 then
        return;
    end if;
    insert into distributor_code_expiry as t (distributor_id, expires_at, stripe, enabled_codes, enabled_depleted)
    values (d, at, s, d_enabled, d_depleted)
    on conflict (distributor_id, expires_at, stripe) do update set
        enabled_codes = t.enabled_codes + excluded.enabled_codes,
        enabled_depleted = t.enabled_depleted + excluded.enabled_depleted;
end
$$;

create function statistics_add_plan(d bigint, ord bigint, s smallint, d_codes bigint, d_redeemed bigint,
                                    d_accepted bigint) returns void language plpgsql as $$
declare
    p bigint;
begin
    if ord is null or (d_codes = 0 and d_redeemed = 0 and d_accepted = 0) then
        return;
    end if;
    select o.plan_id into p from orders o where o.id = ord;
    insert into distributor_plan_stats as t (distributor_id, plan_id, stripe, codes, redeemed_codes, accepted)
    values (d, p, s, d_codes, d_redeemed, d_accepted)
    on conflict (distributor_id, plan_id, stripe) do update set
        codes = t.codes + excluded.codes,
        redeemed_codes = t.redeemed_codes + excluded.redeemed_codes,
        accepted = t.accepted + excluded.accepted;
end
$$;

-- a code's contribution: 1 code, enabled, enabled and depleted, its used_count, bound (redeemed);
-- an update applies new minus old (old minus, new plus when the owner or expiry day moved)
create function redeem_codes_statistics() returns trigger language plpgsql as $$
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

create trigger redeem_codes_statistics after insert or update or delete on redeem_codes
    for each row execute function redeem_codes_statistics();

-- an invitation counts when it is not a rebind and has a distributor. distributor_id, is_rebind,
-- code_id and created_at never change (refused here, so the rollups cannot drift).
create function invitations_statistics() returns trigger language plpgsql as $$
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
    perform statistics_add(d, s, 0, 0, 0, 0, n_inv - o_inv, n_acc - o_acc, n_act - o_act, n_rem - o_rem);
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

create trigger invitations_statistics after insert or update on invitations
    for each row execute function invitations_statistics();

-- recomputes every rollup from the base tables (after a change of the business time zone, and to
-- backfill rows that existed before this migration); the caller keeps writers out meanwhile
create function statistics_rebuild() returns void language plpgsql as $$
begin
    delete from distributor_stats;
    delete from distributor_stats_daily;
    delete from distributor_code_expiry;
    delete from distributor_plan_stats;
    insert into distributor_stats (distributor_id, stripe, codes, enabled_codes, enabled_depleted, uses_taken,
                                   invites_sent, invites_accepted, members_active, members_removed)
    select d, 0, sum(n), sum(en), sum(dep), sum(used), sum(sent), sum(acc), sum(act), sum(rem) from (
        select owner_id d, count(*) n, count(*) filter (where active) en,
               count(*) filter (where active and max_uses > 0 and used_count >= max_uses) dep,
               sum(used_count) used, 0 sent, 0 acc, 0 act, 0 rem
        from redeem_codes where owner_id is not null group by owner_id
        union all
        select distributor_id, 0, 0, 0, 0, count(invited_at), count(accepted_at),
               count(*) filter (where state = 'JOINED'), count(*) filter (where state = 'REMOVED')
        from invitations where not is_rebind and distributor_id is not null group by distributor_id
    ) x group by d;
    insert into distributor_stats_daily (distributor_id, day, stripe, redeemed, invited, accepted, removed)
    select d, dy, 0, sum(r), sum(i), sum(a), sum(m) from (
        select distributor_id d, statistics_day(created_at) dy, 1 r, 0 i, 0 a, 0 m from invitations
        where not is_rebind and distributor_id is not null
        union all
        select distributor_id, statistics_day(invited_at), 0, 1, 0, 0 from invitations
        where not is_rebind and distributor_id is not null and invited_at is not null
        union all
        select distributor_id, statistics_day(accepted_at), 0, 0, 1, 0 from invitations
        where not is_rebind and distributor_id is not null and accepted_at is not null
        union all
        select distributor_id, statistics_day(ended_at), 0, 0, 0, 1 from invitations
        where not is_rebind and distributor_id is not null and state = 'REMOVED'
    ) x group by d, dy;
    insert into distributor_code_expiry (distributor_id, expires_at, stripe, enabled_codes, enabled_depleted)
    select owner_id, expires_at, 0, count(*) filter (where active),
           count(*) filter (where active and max_uses > 0 and used_count >= max_uses)
    from redeem_codes where owner_id is not null and expires_at is not null group by 1, 2;
    insert into distributor_plan_stats (distributor_id, plan_id, stripe, codes, redeemed_codes, accepted)
    select c.owner_id, o.plan_id, 0, count(*), count(*) filter (where c.bound_email is not null),
           coalesce(sum((select count(*) from invitations i where i.code_id = c.id and not i.is_rebind
                                                             and i.accepted_at is not null)), 0)
    from redeem_codes c join orders o on o.id = c.order_id
    where c.owner_id is not null group by c.owner_id, o.plan_id;
end
$$;

-- folds the expiry buckets before {@code before} into one row per distributor and stripe at
-- '-infinity' (their sum, which is all a summary reads of them, is unchanged). A trigger that later
-- adjusts a folded bucket (a code of the past toggled) simply creates that bucket again: still exact.
create function statistics_compact_expiry(before timestamptz) returns bigint language plpgsql as $$
declare
    folded bigint;
begin
    with old as (
        delete from distributor_code_expiry
        where expires_at < before and expires_at > '-infinity'::timestamptz
        returning distributor_id, stripe, enabled_codes, enabled_depleted
    ), sums as (
        select distributor_id, stripe, sum(enabled_codes) en, sum(enabled_depleted) dep, count(*) n
        from old group by distributor_id, stripe
    ), merged as (
        insert into distributor_code_expiry as t (distributor_id, expires_at, stripe, enabled_codes, enabled_depleted)
        select distributor_id, '-infinity'::timestamptz, stripe, en, dep from sums
        on conflict (distributor_id, expires_at, stripe) do update set
            enabled_codes = t.enabled_codes + excluded.enabled_codes,
            enabled_depleted = t.enabled_depleted + excluded.enabled_depleted
        returning 1
    )
    select coalesce(sum(n), 0) into folded from sums;
    return folded;
end
$$;

select statistics_rebuild();
-- [jooq ignore stop]
