-- Repeatable migration (ADR 24): the counts of invitations by state (V26, ADR 39) as they run today.
-- Every insert, state change and delete of an invitation moves one count, in the same transaction. Each
-- application of this file (first, or after a change of its text) counts the table once more under a lock
-- that keeps writers out meanwhile, so the counts start exact whatever ran before.

-- [jooq ignore start]
create or replace function invitation_state_counts() returns trigger language plpgsql as $$
declare
    s smallint := statistics_stripe();
begin
    if tg_op <> 'INSERT' then
        insert into invitation_state_counts as t (state, stripe, n) values (old.state, s, -1)
        on conflict (state, stripe) do update set n = t.n - 1;
    end if;
    if tg_op <> 'DELETE' then
        insert into invitation_state_counts as t (state, stripe, n) values (new.state, s, 1)
        on conflict (state, stripe) do update set n = t.n + 1;
    end if;
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

drop trigger if exists invitation_state_counts_insert_delete on invitations;
create trigger invitation_state_counts_insert_delete after insert or delete on invitations
    for each row execute function invitation_state_counts();
drop trigger if exists invitation_state_counts_update on invitations;
create trigger invitation_state_counts_update after update of state on invitations
    for each row when (old.state is distinct from new.state) execute function invitation_state_counts();
-- [jooq ignore stop]
