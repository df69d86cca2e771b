-- The distributor's brand (SPEC section 9, issue 12, ADR 47) and the platform's site settings (the
-- customers' official page). Released migrations are never edited.

-- One row per distributor, created with it (R__distributor_brands.sql: the trigger and the default slug,
-- which also gives every distributor that existed before this migration its row). Slugs and custom hosts are
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
