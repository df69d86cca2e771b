-- Repeatable migration (ADR 24): the counts of invitations by state (V38, ADR 39) as they run today.
-- Every insert, state change and delete of invitations moves the counts in the same transaction: inserts
-- and deletes once per statement, their rows grouped by state (a bulk insert of many rows is one upsert
-- per state, not one per row on the same counter row: ADR 22), a state change per row (a state-less
-- update fires nothing). Each application of this file (first, or after a change of its text) counts the
-- table once more under a lock that keeps writers out meanwhile, so the counts start exact.

-- [jooq ignore start]
create or replace function invitation_state_counts() returns trigger language plpgsql as $$
declare
    s smallint := statistics_stripe();
begin
    insert into invitation_state_counts as t (state, stripe, n) values (old.state, s, -1)
    on conflict (state, stripe) do update set n = t.n - 1;
    insert into invitation_state_counts as t (state, stripe, n) values (new.state, s, 1)
    on conflict (state, stripe) do update set n = t.n + 1;
    return null;
end
$$;

create or replace function invitation_state_counts_inserted() returns trigger language plpgsql as $$
begin
    insert into invitation_state_counts as t (state, stripe, n)
        select state, statistics_stripe(), count(*) from inserted_rows group by state
    on conflict (state, stripe) do update set n = t.n + excluded.n;
    return null;
end
$$;

create or replace function invitation_state_counts_deleted() returns trigger language plpgsql as $$
begin
    insert into invitation_state_counts as t (state, stripe, n)
        select state, statistics_stripe(), -count(*) from deleted_rows group by state
    on conflict (state, stripe) do update set n = t.n + excluded.n;
    return null;
end
$$;

-- the lock is held to the end of the migration's transaction, so no write slips between the count and the triggers
do $$
begin
    lock table invitations in share row exclusive mode;
    delete from invitation_state_counts;
    insert into invitation_state_counts (state, stripe, n)
        select state, 0, count(*) from invitations group by state;
end
$$;

drop trigger if exists invitation_state_counts_insert on invitations;
create trigger invitation_state_counts_insert after insert on invitations
    referencing new table as inserted_rows for each statement execute function invitation_state_counts_inserted();
drop trigger if exists invitation_state_counts_delete on invitations;
create trigger invitation_state_counts_delete after delete on invitations
    referencing old table as deleted_rows for each statement execute function invitation_state_counts_deleted();
drop trigger if exists invitation_state_counts_update on invitations;
create trigger invitation_state_counts_update after update of state on invitations
    for each row when (old.state is distinct from new.state) execute function invitation_state_counts();
-- [jooq ignore stop]
