-- Repeatable migration (ADR 24): what runs today for this concern, in one file. Flyway applies it after
-- the versioned migrations whenever its text changes; every definition is CREATE OR REPLACE (a trigger is
-- dropped and created again in the same transaction), so running it on a database that has it changes
-- nothing. Change a definition here, never in a released versioned migration.

-- Distributor statistics, maintenance (ADR 10, ADR 23): the rebuild after a change of the business time
-- zone, and the hourly folds of past expiry buckets and past days' stripes. Sums never change.

-- [jooq ignore start]
-- recomputes every rollup from the base tables (after a change of the business time zone, and to
-- backfill rows that existed before this migration); the caller keeps writers out meanwhile
create or replace function statistics_rebuild() returns void language plpgsql as $$
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
create or replace function statistics_compact_expiry(before timestamptz) returns bigint language plpgsql as $$
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

create or replace function statistics_compact_daily(before date) returns bigint language plpgsql as $$
declare
    folded bigint;
begin
    with old as (
        delete from distributor_stats_daily
        where day < before and stripe <> 0
        returning distributor_id, day, redeemed, invited, accepted, removed
    ), sums as (
        select distributor_id, day, sum(redeemed) r, sum(invited) i, sum(accepted) a, sum(removed) m, count(*) n
        from old group by distributor_id, day
    ), merged as (
        insert into distributor_stats_daily as t (distributor_id, day, stripe, redeemed, invited, accepted, removed)
        select distributor_id, day, 0, r, i, a, m from sums
        on conflict (distributor_id, day, stripe) do update set
            redeemed = t.redeemed + excluded.redeemed,
            invited = t.invited + excluded.invited,
            accepted = t.accepted + excluded.accepted,
            removed = t.removed + excluded.removed
        returning 1
    )
    select coalesce(sum(n), 0) into folded from sums;
    return folded;
end
$$;
-- [jooq ignore stop]
