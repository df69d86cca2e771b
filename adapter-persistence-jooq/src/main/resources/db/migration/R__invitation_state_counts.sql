-- Repeatable migration (ADR 24): the counts of invitations by state (V38, ADR 39) as they run today.
-- Every insert, state change and delete of invitations moves the counts in the same transaction: inserts
-- and deletes once per statement, their rows grouped by state (a bulk insert of many rows is one update
-- per state, not one per row on the same counter row: ADR 22), a state change per row (a state-less
-- update fires nothing). A write never waits for a counter row another transaction holds (ADR 28: the
-- counts take no place in the lock order): it adds to a row of its state that no other transaction has
-- locked (its own, or a free one: SKIP LOCKED), and only when every row of the state is taken starts a
-- new one. The rows of a state are as many as the most writers that ever changed it at once; a reading
-- sums them. Each application of this file (first, or after a change of its text) counts the table
-- once more under a lock that keeps writers out meanwhile, so the counts start exact.

-- [jooq ignore start]
-- adds delta to the count of state st without waiting for another transaction's counter row: one UPDATE whose
-- sub-select takes a row of the state that no other transaction holds (its own, or a free one: SKIP LOCKED; ADR 62)
create or replace function invitation_state_count_add(st varchar, delta bigint) returns void language plpgsql as $$
begin
    if delta = 0 then
        return;
    end if;
    update invitation_state_counts set n = n + delta
    where (state, stripe) = (select c.state, c.stripe from invitation_state_counts c where c.state = st limit 1 for update skip locked);
    if found then
        return;
    end if;
    -- every row of the state is held by other writers: start one of this transaction's own (a random
    -- stripe; on the rare clash with an existing row try another)
    loop
        insert into invitation_state_counts (state, stripe, n)
        values (st, (1 + floor(random() * 32766))::smallint, delta)
        on conflict (state, stripe) do nothing;
        exit when found;
    end loop;
end
$$;

-- a state change: the two counts moved by one UPDATE each, written here rather than called (a PERFORM is one
-- statement more per count, ADR 62); the rare case of every row of a state held by others goes through the function
create or replace function invitation_state_counts() returns trigger language plpgsql as $$
begin
    update invitation_state_counts set n = n - 1
    where (state, stripe) = (select c.state, c.stripe from invitation_state_counts c where c.state = old.state limit 1 for update skip locked);
    if not found then
        perform invitation_state_count_add(old.state, -1);
    end if;
    update invitation_state_counts set n = n + 1
    where (state, stripe) = (select c.state, c.stripe from invitation_state_counts c where c.state = new.state limit 1 for update skip locked);
    if not found then
        perform invitation_state_count_add(new.state, 1);
    end if;
    return null;
end
$$;

create or replace function invitation_state_counts_inserted() returns trigger language plpgsql as $$
begin
    perform invitation_state_count_add(state, count(*)) from inserted_rows group by state;
    return null;
end
$$;

create or replace function invitation_state_counts_deleted() returns trigger language plpgsql as $$
begin
    perform invitation_state_count_add(state, -count(*)) from deleted_rows group by state;
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
