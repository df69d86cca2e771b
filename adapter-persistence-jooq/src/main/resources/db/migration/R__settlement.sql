-- Repeatable migration (ADR 24): what runs today for this concern, in one file. Flyway applies it after
-- the versioned migrations whenever its text changes; every definition is CREATE OR REPLACE (a trigger is
-- dropped and created again in the same transaction). Change a definition here, never in a versioned migration.

-- Settlement (ADR 37, tables V44, V53): the statement month of an entry, the charge of an accepted invitation on a
-- postpaid code and the purchase of a paid order, written in the transaction that accepts or pays; the ledger
-- is append-only.

-- [jooq ignore start]
-- the month an entry of distributor d that happened at `at` belongs to: its own month in the business time
-- zone, or the first month after the last confirmed one. Takes the distributor's settlement account FOR SHARE
-- (creating it), so a confirmation (FOR UPDATE) waits for writers in flight and later writers wait for it.
create or replace function settlement_period(d bigint, at timestamptz) returns date language plpgsql as $$
declare
    closed date;
    p date;
begin
    insert into settlement_accounts (distributor_id) values (d) on conflict do nothing;
    select closed_through into closed from settlement_accounts where distributor_id = d for share;
    p := date_trunc('month', at at time zone (select time_zone from statistics_settings where id = 1))::date;
    if closed is not null and p <= closed then
        p := (closed + interval '1 month')::date;
    end if;
    return p;
end
$$;

-- an acceptance (accepted_at set for the first time) of a non-rebind invitation through a postpaid code —
-- granted by staff: owned, not from an order, not imported — is charged at the distributor's own price,
-- else the platform's default an ADMIN stores on the Settings page (platform_settings, V48, ADR 51: the stored
-- value wins after the first start), else settlement_settings' copy of the configuration, as they are now (the snapshot)
create or replace function invitations_settlement() returns trigger language plpgsql as $$
declare
    postpaid boolean;
    price bigint;
    cur varchar;
begin
    select c.owner_id is not null and c.order_id is null and not c.legacy into postpaid from redeem_codes c where c.id = new.code_id;
    if not coalesce(postpaid, false) then
        return null;
    end if;
    select coalesce(u.unit_price_minor, (select p.default_unit_price_minor from platform_settings p where p.id = 1),
                    s.default_unit_price_minor), s.currency into price, cur
    from settlement_settings s left join users u on u.id = new.distributor_id where s.id = 1;
    insert into ledger_entries (distributor_id, kind, amount_minor, balance_minor, currency, period, occurred_at, invitation_id,
                                unit_price_minor)
    values (new.distributor_id, 'CHARGE', price, price, cur, settlement_period(new.distributor_id, new.accepted_at),
            new.accepted_at, new.id, price)
    on conflict (invitation_id) where kind = 'CHARGE' do nothing;
    return null;
end
$$;

drop trigger if exists invitations_settlement on invitations;
create trigger invitations_settlement after update of accepted_at on invitations
    for each row when (old.accepted_at is null and new.accepted_at is not null and not new.is_rebind and new.distributor_id is not null)
    execute function invitations_settlement();

-- a distributor's order paid: the purchase, informative (prepaid: settled by the payment itself)
create or replace function orders_settlement() returns trigger language plpgsql as $$
begin
    insert into ledger_entries (distributor_id, kind, amount_minor, balance_minor, currency, period, occurred_at, order_id)
    values (new.buyer_id, 'PURCHASE', new.final_amount_minor, 0, new.currency, settlement_period(new.buyer_id, new.paid_at),
            new.paid_at, new.id)
    on conflict (order_id) where kind = 'PURCHASE' do nothing;
    return null;
end
$$;

drop trigger if exists orders_settlement on orders;
create trigger orders_settlement after update of status on orders
    for each row when (old.status <> 'PAID' and new.status = 'PAID' and new.buyer_id is not null and new.final_amount_minor > 0)
    execute function orders_settlement();

-- append-only: an entry is never changed or removed (corrections are new entries)
create or replace function ledger_entries_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ledger_entries is append-only: record a correction as a new entry';
end
$$;

drop trigger if exists ledger_entries_append_only on ledger_entries;
create trigger ledger_entries_append_only before update or delete on ledger_entries
    for each row execute function ledger_entries_append_only();

-- a confirmed or paid statement never changes its numbers
create or replace function statements_frozen() returns trigger language plpgsql as $$
begin
    if old.state <> 'OPEN' and (new.opening_minor, new.charges_minor, new.charges_count, new.payments_minor, new.refunds_minor,
                                new.adjustments_minor, new.payouts_minor, new.purchases_minor, new.purchases_count, new.closing_minor,
                                new.period, new.distributor_id)
            is distinct from (old.opening_minor, old.charges_minor, old.charges_count, old.payments_minor, old.refunds_minor,
                              old.adjustments_minor, old.payouts_minor, old.purchases_minor, old.purchases_count, old.closing_minor,
                              old.period, old.distributor_id) then
        raise exception 'statement % is %: its numbers never change', old.id, old.state;
    end if;
    if old.state = 'PAID' and new.state <> 'PAID' or old.state = 'CONFIRMED' and new.state = 'OPEN' then
        raise exception 'statement % cannot go back from % to %', old.id, old.state, new.state;
    end if;
    return new;
end
$$;

drop trigger if exists statements_frozen on statements;
create trigger statements_frozen before update on statements for each row execute function statements_frozen();
-- [jooq ignore stop]
