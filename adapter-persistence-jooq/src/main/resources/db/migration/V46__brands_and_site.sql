-- The distributor's brand (SPEC section 9, issue 12, ADR 47) and the platform's site settings (the
-- customers' official page). Released migrations are never edited.

-- One row per distributor, created with it by the trigger below (its definitions as they run today:
-- R__distributor_brands.sql, ADR 24); every distributor that existed before this migration gets its row here. Slugs and custom hosts are
-- stored lower case, so their unique keys are case-insensitive.
create table distributor_brands (
    distributor_id          bigint       primary key references users (id) on delete cascade,
    slug                    varchar(32)  not null,
    display_name            varchar(60),
    logo_url                varchar(500),
    welcome_text            varchar(500),
    custom_host             varchar(253),
    custom_host_verified_at timestamptz,
    updated_at              timestamptz  not null default now(),
    constraint distributor_brands_slug_key unique (slug),
    constraint distributor_brands_custom_host_key unique (custom_host),
    constraint distributor_brands_verified_check check (custom_host is not null or custom_host_verified_at is null)
);
-- [jooq ignore start]
alter table distributor_brands add constraint distributor_brands_slug_check
    check (slug ~ '^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$');
alter table distributor_brands add constraint distributor_brands_custom_host_check
    check (custom_host = lower(custom_host));
alter table distributor_brands add constraint distributor_brands_logo_check
    check (logo_url like 'https://%');
-- [jooq ignore stop]
-- the staff's list of requested custom hosts, by distributor
create index distributor_brands_custom_host_idx on distributor_brands (distributor_id) where custom_host is not null;

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

-- distributors from before the brands get their row; one statement per distributor so each default sees the
-- slugs given before it
do $$
declare
    d record;
begin
    for d in select u.id, u.username from users u
             where u.role = 'DISTRIBUTOR' and not exists (select 1 from distributor_brands b where b.distributor_id = u.id)
             order by u.id loop
        insert into distributor_brands (distributor_id, slug) values (d.id, distributor_default_slug(d.username, d.id));
    end loop;
end
$$;
-- [jooq ignore stop]

-- The platform's name, logo, support contact and announcement: one row, written at the first start from
-- INVITEHUB_PLATFORM_* (docs/configuration.md) and by an ADMIN after that.
create table platform_settings (
    id              smallint     primary key default 1,
    platform_name   varchar(64)  not null,
    logo_url        varchar(500),
    support_contact varchar(200),
    announcement    varchar(1000),
    updated_at      timestamptz  not null default now(),
    updated_by      bigint       references users (id) on delete set null,
    constraint platform_settings_one_row check (id = 1)
);
