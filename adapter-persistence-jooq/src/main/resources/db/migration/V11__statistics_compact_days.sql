-- Bounded summaries for busy distributors (ADR 23). Every transaction writes its own stripe
-- (txid mod 16) of distributor_stats_daily, so a busy distributor's day has up to 16 rows, and a
-- summary (today, this week, this month) would read up to 37 x 16 of them. The maintenance job folds
-- the stripes of each day before today into stripe 0, as statistics_compact_expiry() does for expiry
-- buckets: past days are one row each, today keeps its 16 stripes, and a summary reads at most
-- 16 + 36 daily rows whatever the distributor's size or activity. Sums are unchanged: a trigger that
-- later adds to a folded day (an event dated in the past) writes a stripe row again, still exact.

-- [jooq ignore start]
create function statistics_compact_daily(before date) returns bigint language plpgsql as $$
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
