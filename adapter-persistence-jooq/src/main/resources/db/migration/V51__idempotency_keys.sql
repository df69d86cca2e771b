-- Idempotency keys (issue 16, ADR 44): the first answer to a write sent with an Idempotency-Key, stored in
-- the write's own transaction; a repeat with the same key gets it again. Kept a day (the purge job deletes
-- by created_at).
create table idempotency_keys (
    scope        varchar     not null,
    idem_key     varchar     not null,
    route        varchar     not null,
    fingerprint  varchar     not null,
    status       integer     not null,
    content_type varchar,
    body         bytea       not null,
    created_at   timestamptz not null,
    constraint idempotency_keys_pkey primary key (scope, idem_key),
    constraint idempotency_keys_key_check check (length(idem_key) between 1 and 255),
    constraint idempotency_keys_status_check check (status between 100 and 599)
);

create index idempotency_keys_created_idx on idempotency_keys (created_at);
