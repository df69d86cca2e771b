-- Anti-harassment (SPEC section 9, issue 6): the admin blocklist, customers' opt-outs, and an index
-- that answers "invitations of this e-mail in the last 24 hours" and "last removal of this e-mail by
-- this distributor" without scanning.

create table blocked_recipients (
    id         bigint generated always as identity primary key,
    kind       varchar     not null,
    value      varchar     not null,
    reason     varchar,
    created_by bigint references users (id) on delete set null,
    created_at timestamptz not null default now(),
    constraint blocked_recipients_kind_check check (kind in ('EMAIL', 'DOMAIN')),
    constraint blocked_recipients_kind_value_key unique (kind, value)
);

create table invitation_opt_outs (
    email      varchar     primary key,
    code_id    bigint      not null references redeem_codes (id),
    created_at timestamptz not null default now()
);

-- [jooq ignore start]
-- values are stored in their normal form (lower case), so lookups are plain equality
alter table blocked_recipients add constraint blocked_recipients_value_check
    check (value = lower(value) and length(value) between 3 and 254);
alter table invitation_opt_outs add constraint invitation_opt_outs_email_check check (email = lower(email));
-- [jooq ignore stop]

create index invitations_email_created_idx on invitations (email, created_at desc);
