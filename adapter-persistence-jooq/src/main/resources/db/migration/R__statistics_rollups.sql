-- Repeatable migration (ADR 24): what runs today for this concern, in one file. Flyway applies it after
-- the versioned migrations whenever its text changes; every definition is CREATE OR REPLACE (a trigger is
-- dropped and created again in the same transaction), so running it on a database that has it changes
-- nothing. Change a definition here, never in a released versioned migration.

-- Distributor statistics, the rollups (ADR 10, docs/statistics.md): the business day of an instant, the
-- stripe of the transaction (txid mod 16), and one upsert per rollup table that adds a contribution
-- (skipped when it is all zero). Tables: V3; the triggers that call these: R__statistics_triggers.sql.

-- [jooq ignore start]
create or replace function statistics_day(t timestamptz) returns date language sql stable as $$
    select (t at time zone (select time_zone from statistics_settings where id = 1))::date
$$;

create or replace function statistics_stripe() returns smallint language sql volatile as $$
    select (txid_current() % 16)::smallint
$$;

create or replace function statistics_add(d bigint, s smallint, d_codes bigint, d_enabled bigint, d_depleted bigint,
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

create or replace function statistics_add_daily(d bigint, dy date, s smallint, d_redeemed bigint, d_invited bigint,
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

create or replace function statistics_add_expiry(d bigint, at timestamptz, s smallint, d_enabled bigint, d_depleted bigint)
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

create or replace function statistics_add_plan(d bigint, ord bigint, s smallint, d_codes bigint, d_redeemed bigint,
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
-- [jooq ignore stop]
