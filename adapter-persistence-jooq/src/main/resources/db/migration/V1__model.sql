-- InviteHub model (SPEC section 2). Invariants are carried by the schema: CHECKs on counters and
-- states, FKs, unique and partial unique indexes. Released migrations are never edited.

create table users (
    id               bigint generated always as identity primary key,
    username         varchar        not null,
    email            varchar,
    password_hash    varchar        not null,
    role             varchar        not null,
    approval         varchar,
    token_version    integer     not null default 0,
    unit_price_minor bigint,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint users_username_key unique (username),
    constraint users_email_key unique (email),
    constraint users_role_check check (role in ('ADMIN', 'OPERATOR', 'DISTRIBUTOR')),
    constraint users_approval_check check (approval in ('PENDING', 'APPROVED', 'REJECTED', 'SUSPENDED')),
    constraint users_distributor_approval check ((role = 'DISTRIBUTOR') = (approval is not null)),
    constraint users_unit_price_check check (unit_price_minor is null or unit_price_minor >= 0)
);

create table team_groups (
    id         bigint generated always as identity primary key,
    name       varchar        not null,
    created_at timestamptz not null default now(),
    constraint team_groups_name_key unique (name)
);

create table teams (
    id                  bigint generated always as identity primary key,
    name                varchar        not null,
    provider_account_id varchar        not null,
    credentials         varchar,
    max_seats           integer     not null,
    seats_reserved      integer     not null default 0,
    external_seats      integer     not null default 0,
    group_id            bigint references team_groups (id),
    status              varchar        not null default 'ACTIVE',
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint teams_provider_account_key unique (provider_account_id),
    constraint teams_max_seats_check check (max_seats >= 0),
    constraint teams_seats_reserved_check check (seats_reserved >= 0 and seats_reserved <= max_seats),
    constraint teams_external_seats_check check (external_seats >= 0),
    constraint teams_status_check check (status in ('ACTIVE', 'PAUSED', 'BANNED', 'TOKEN_INVALID'))
);
create index teams_allocation_idx on teams (group_id, id) where status = 'ACTIVE';

create table plans (
    id                   bigint generated always as identity primary key,
    name                 varchar        not null,
    plan_type            varchar        not null,
    price_minor          bigint      not null,
    original_price_minor bigint,
    currency             varchar        not null default 'CNY',
    code_count           integer     not null,
    code_max_uses        integer     not null,
    validity_days        integer     not null,
    active               boolean     not null default true,
    recommended          boolean     not null default false,
    sort_order           integer     not null default 0,
    description          varchar,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    constraint plans_type_check check (plan_type in ('DISTRIBUTOR_CODES', 'PUBLIC')),
    constraint plans_price_check check (price_minor >= 0 and (original_price_minor is null or original_price_minor >= 0)),
    constraint plans_code_count_check check (code_count >= 1),
    constraint plans_code_max_uses_check check (code_max_uses >= 0),
    constraint plans_validity_check check (validity_days >= 1)
);

create table orders (
    id                   bigint generated always as identity primary key,
    order_no             varchar        not null,
    order_type           varchar        not null,
    plan_id              bigint      not null references plans (id),
    buyer_id             bigint references users (id),
    email                varchar,
    quantity             integer     not null,
    amount_minor         bigint      not null,
    final_amount_minor   bigint      not null,
    currency             varchar        not null default 'CNY',
    status               varchar        not null default 'PENDING',
    pay_type             varchar,
    trade_no             varchar,
    expire_at            timestamptz not null,
    paid_at              timestamptz,
    fulfillment_status   varchar        not null default 'PENDING',
    delivered_count      integer     not null default 0,
    fulfillment_error    varchar,
    fulfillment_attempts integer     not null default 0,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    constraint orders_order_no_key unique (order_no),
    constraint orders_trade_no_key unique (trade_no),
    constraint orders_type_check check (order_type in ('DISTRIBUTOR_CODES', 'PUBLIC')),
    constraint orders_quantity_check check (quantity >= 1),
    constraint orders_amount_check check (amount_minor >= 0 and final_amount_minor >= 0),
    constraint orders_status_check check (status in ('PENDING', 'PAID', 'EXPIRED', 'CANCELLED', 'REFUNDED')),
    constraint orders_fulfillment_check check (fulfillment_status in ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED')),
    constraint orders_delivered_check check (delivered_count >= 0),
    constraint orders_buyer_check check (buyer_id is not null or email is not null)
);
create index orders_buyer_idx on orders (buyer_id, created_at desc, id desc);

create table redeem_codes (
    id                bigint generated always as identity primary key,
    code              varchar        not null,
    owner_id          bigint references users (id),
    order_id          bigint references orders (id),
    group_id          bigint references team_groups (id),
    max_uses          integer     not null,
    used_count        integer     not null default 0,
    expires_at        timestamptz,
    validity_days     integer     not null,
    bound_email       varchar,
    activated_at      timestamptz,
    member_expires_at timestamptz,
    rebind_count      integer     not null default 0,
    rebind_limit      integer     not null default 1,
    active            boolean     not null default true,
    note              varchar,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint redeem_codes_code_key unique (code),
    constraint redeem_codes_max_uses_check check (max_uses >= 0),
    -- the use invariant of SPEC section 2: 0 <= used_count <= max_uses when max_uses > 0
    constraint redeem_codes_used_count_check check (used_count >= 0 and (max_uses = 0 or used_count <= max_uses)),
    constraint redeem_codes_validity_check check (validity_days >= 1),
    constraint redeem_codes_rebind_check check (rebind_count >= 0 and rebind_limit >= 0),
    constraint redeem_codes_activation_check check ((activated_at is null) = (member_expires_at is null))
);
create index redeem_codes_owner_idx on redeem_codes (owner_id, id);
create index redeem_codes_order_idx on redeem_codes (order_id);

create sequence invitation_queue_seq;

create table invitations (
    id              bigint generated always as identity primary key,
    public_id       uuid        not null default gen_random_uuid(),
    code_id         bigint      not null references redeem_codes (id),
    distributor_id  bigint references users (id),
    team_id         bigint references teams (id),
    email           varchar        not null,
    state           varchar        not null,
    is_rebind       boolean     not null default false,
    holds_use       boolean     not null default true,
    queue_seq       bigint,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    last_error      varchar,
    end_reason      varchar,
    created_at      timestamptz not null default now(),
    invited_at      timestamptz,
    accepted_at     timestamptz,
    ended_at        timestamptz,
    updated_at      timestamptz not null default now(),
    constraint invitations_public_id_key unique (public_id),
    constraint invitations_state_check check (state in ('WAITING', 'RESERVED', 'INVITED', 'JOINED', 'REMOVING',
                                                        'CANCELLED', 'FAILED', 'REMOVED', 'EXPIRED', 'REBOUND')),
    constraint invitations_team_check check (state not in ('RESERVED', 'INVITED', 'JOINED', 'REMOVING') or team_id is not null),
    constraint invitations_waiting_check check (state <> 'WAITING' or (team_id is null and queue_seq is not null)),
    constraint invitations_ended_check check (state in ('WAITING', 'RESERVED', 'INVITED', 'JOINED', 'REMOVING') or ended_at is not null),
    constraint invitations_attempts_check check (attempts >= 0)
);
-- one live invitation per (team, e-mail)
create unique index invitations_live_team_email_key on invitations (team_id, email)
    where state in ('RESERVED', 'INVITED', 'JOINED', 'REMOVING');
-- one open non-rebind invitation per e-mail across the platform: an idempotent repeat can never
-- take a second use, and one e-mail redeeming several codes at once gets one seat (ALREADY_MEMBER)
create unique index invitations_open_email_key on invitations (email)
    where state in ('WAITING', 'RESERVED', 'INVITED', 'JOINED', 'REMOVING') and not is_rebind;
create index invitations_code_email_idx on invitations (code_id, email, id desc);
-- a distributor's sales are one index range (SPEC section 2)
create index invitations_distributor_sales_idx on invitations (distributor_id, created_at desc, id desc)
    where not is_rebind;
-- the outbox of the invite dispatcher
create index invitations_dispatch_idx on invitations (next_attempt_at, id) where state = 'RESERVED';
-- the first-in-first-out queue of WAITING invitations
create index invitations_waiting_idx on invitations (queue_seq) where state = 'WAITING';
create index invitations_team_idx on invitations (team_id, state);

create table audit_log (
    id          bigint generated always as identity primary key,
    actor_id    bigint references users (id),
    actor_role  varchar,
    action      varchar        not null,
    target_type varchar,
    target_id   varchar,
    details     varchar,
    created_at  timestamptz not null default now()
);
create index audit_log_created_idx on audit_log (created_at desc, id desc);
create index audit_log_actor_idx on audit_log (actor_id, created_at desc);
