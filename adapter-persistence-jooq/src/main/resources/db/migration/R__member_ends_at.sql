-- Repeatable migration (ADR 24): what runs today for this concern, in one file. Flyway applies it after
-- the versioned migrations whenever its text changes; every definition is CREATE OR REPLACE (a trigger is
-- dropped and created again in the same transaction), so running it on a database that has it changes
-- nothing. Change a definition here, never in a released versioned migration.

-- Member lifecycle (ADR 11): invitations.member_ends_at follows its code's membership end (the epoch while
-- the code is disabled), so the expiry claim reads one partial index.

-- [jooq ignore start]
create or replace function invitations_member_ends_at(c redeem_codes) returns timestamptz language sql immutable as $$
    select case when not c.active then '1970-01-01 00:00:00+00'::timestamptz else c.member_expires_at end
$$;

-- a new invitation starts with its code's membership end
create or replace function invitations_member_ends_on_insert() returns trigger language plpgsql as $$
begin
    select invitations_member_ends_at(c) into new.member_ends_at from redeem_codes c where c.id = new.code_id;
    return new;
end
$$;

drop trigger if exists invitations_member_ends_on_insert on invitations;
create trigger invitations_member_ends_on_insert before insert on invitations
    for each row execute function invitations_member_ends_on_insert();

-- activation (member_expires_at set), disabling and enabling a code move its open invitations' end
create or replace function redeem_codes_member_ends() returns trigger language plpgsql as $$
begin
    if old.member_expires_at is distinct from new.member_expires_at or old.active <> new.active then
        update invitations set member_ends_at = invitations_member_ends_at(new)
        where code_id = new.id and state in ('WAITING', 'RESERVED', 'INVITED', 'JOINED', 'REMOVING')
          and member_ends_at is distinct from invitations_member_ends_at(new);
    end if;
    return null;
end
$$;

drop trigger if exists redeem_codes_member_ends on redeem_codes;
-- (the WHEN clause spares every other update of a code — a redemption's use + bind — the call of the function, ADR 63)
create trigger redeem_codes_member_ends after update on redeem_codes
    for each row when (old.member_expires_at is distinct from new.member_expires_at or old.active is distinct from new.active)
    execute function redeem_codes_member_ends();
-- [jooq ignore stop]
