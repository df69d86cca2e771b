-- Repeatable migration (ADR 24): what runs today for this concern, in one file. Flyway applies it after
-- the versioned migrations whenever its text changes; every definition is CREATE OR REPLACE (a trigger is
-- dropped and created again in the same transaction), so running it on a database that has it changes
-- nothing. Change a definition here, never in a released versioned migration.

-- The distributor's brand (ADR 47; table, first definitions and the rows of earlier distributors: V46): every
-- distributor has its row from the moment it exists, with a slug that defaults to its username, so its own link
-- /r/<slug>/<code> works before it ever opens its profile and a slug someone chooses later can never be another
-- distributor's default.

-- [jooq ignore start]
-- Words no slug may be (a distributor's own choice is refused with SLUG_RESERVED; a default steps around them).
-- The same list as io.invitehub.domain.brand.Slug.RESERVED (JooqBrandsContractTest compares them).
create or replace function distributor_reserved_slugs() returns text[] language sql immutable as $$
    select array['admin', 'admins', 'api', 'assets', 'console', 'favicon', 'health', 'help', 'invite', 'invitehub',
                 'login', 'logout', 'official', 'platform', 'public', 'reference', 'register', 'root', 'shop', 'sign-in',
                 'sign-up', 'signin', 'signup', 'staff', 'static', 'support', 'system', 'webjars', 'www']
$$;

-- The username in the slug alphabet: lower case, every run of other characters one hyphen, at most 32
-- characters, no hyphen at either end; "d-<id>" when that leaves fewer than 3. Taken or reserved: "-2", "-3", …
-- (the same rule as io.invitehub.domain.brand.Slug.defaultFor).
create or replace function distributor_default_slug(p_username text, p_id bigint) returns text language plpgsql as $$
declare
    base text := trim(both '-' from left(trim(both '-' from regexp_replace(lower(p_username), '[^a-z0-9]+', '-', 'g')), 32));
    candidate text;
    n integer := 1;
begin
    if length(base) < 3 then
        base := 'd-' || p_id;
    end if;
    candidate := base;
    while candidate = any(distributor_reserved_slugs()) or exists (select 1 from distributor_brands where slug = candidate) loop
        n := n + 1;
        candidate := trim(both '-' from left(base, 31 - length(n::text))) || '-' || n;
    end loop;
    return candidate;
end
$$;

-- a new distributor gets its brand row, with the default slug; a concurrent sign-up that took the same slug
-- first makes the insert fail once, and the next default steps past it
create or replace function users_distributor_brand() returns trigger language plpgsql as $$
begin
    if to_regclass('distributor_brands') is null then
        return null; -- a schema from before V46 (a migration run to an earlier target): V46 gives the row
    end if;
    loop
        begin
            insert into distributor_brands (distributor_id, slug) values (new.id, distributor_default_slug(new.username, new.id));
            return null;
        exception when unique_violation then
            if exists (select 1 from distributor_brands where distributor_id = new.id) then
                return null;
            end if;
        end;
    end loop;
end
$$;

drop trigger if exists users_distributor_brand on users;
create trigger users_distributor_brand after insert on users
    for each row when (new.role = 'DISTRIBUTOR') execute function users_distributor_brand();
-- [jooq ignore stop]
