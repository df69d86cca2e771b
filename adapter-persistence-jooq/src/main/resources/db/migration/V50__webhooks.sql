-- Outbound webhooks (issue 16, ADR 42): endpoints registered by distributors (their own events) and staff
-- (owner_id null: every event), the events, one delivery per (endpoint, event) written in the transaction of
-- the event (the outbox), and the log of every attempt. The signing secret is sealed (ADR 16); it is shown
-- once, when the endpoint is created.

create table webhook_endpoints (
    id            bigint generated always as identity primary key,
    owner_id      bigint references users (id) on delete cascade,
    url           varchar     not null,
    events        varchar[]   not null,
    sealed_secret varchar     not null,
    description   varchar,
    active        boolean     not null default true,
    created_by    bigint references users (id) on delete set null,
    created_at    timestamptz not null default now()
);
-- [jooq ignore start]
alter table webhook_endpoints add constraint webhook_endpoints_events_check check (cardinality(events) >= 1);
-- [jooq ignore stop]
create index webhook_endpoints_owner_idx on webhook_endpoints (owner_id, id);

create table webhook_events (
    id         bigint generated always as identity primary key,
    event_type varchar     not null,
    owner_id   bigint,
    payload    jsonb       not null,
    created_at timestamptz not null default now(),
    constraint webhook_events_type_check check (event_type in ('code.redeemed', 'member.joined', 'member.removed',
                                                               'order.paid', 'fulfilment.completed', 'statement.confirmed'))
);
-- the retention job: events by age
create index webhook_events_created_idx on webhook_events (created_at);

create table webhook_deliveries (
    id              bigint generated always as identity primary key,
    endpoint_id     bigint      not null references webhook_endpoints (id) on delete cascade,
    event_id        bigint      not null references webhook_events (id) on delete cascade,
    status          varchar     not null default 'PENDING',
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    retry_since     timestamptz not null,
    claim_token     varchar,
    last_status     integer,
    last_error      varchar,
    delivered_at    timestamptz,
    created_at      timestamptz not null default now(),
    constraint webhook_deliveries_status_check check (status in ('PENDING', 'SENDING', 'DELIVERED', 'FAILED')),
    constraint webhook_deliveries_attempts_check check (attempts >= 0),
    constraint webhook_deliveries_once unique (endpoint_id, event_id)
);
-- the delivery workers' claim
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at, id) where status in ('PENDING', 'SENDING');
-- an endpoint's delivery log, newest first (keyset)
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, id desc);
-- an event's deliveries (the retention job; deleting an event)
create index webhook_deliveries_event_idx on webhook_deliveries (event_id);

create table webhook_attempts (
    id           bigint generated always as identity primary key,
    delivery_id  bigint      not null references webhook_deliveries (id) on delete cascade,
    attempted_at timestamptz not null,
    status_code  integer,
    error        varchar,
    duration_ms  integer     not null,
    constraint webhook_attempts_duration_check check (duration_ms >= 0)
);
create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, id desc);
