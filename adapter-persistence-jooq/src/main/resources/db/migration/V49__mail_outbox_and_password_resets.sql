-- Mail (issue 16, ADR 41): mail is written to an outbox in the transaction of what it tells about and sent
-- after commit by the mail workers, with retries, so an SMTP outage never fails the sign-up (or anything)
-- that asked for it. The template's values are sealed (AES-GCM, ADR 16: they hold verification codes and
-- reset links) and erased once the mail is sent or given up.

create table mail_outbox (
    id              bigint generated always as identity primary key,
    recipient       varchar     not null,
    language        varchar     not null,
    template        varchar     not null,
    sealed_values   varchar,
    status          varchar     not null default 'PENDING',
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    claim_token     varchar,
    last_error      varchar,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    constraint mail_outbox_status_check check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    constraint mail_outbox_language_check check (language in ('ZH_CN', 'EN')),
    constraint mail_outbox_template_check check (template in ('VERIFICATION_CODE', 'PASSWORD_RESET', 'SEAT_READY')),
    constraint mail_outbox_attempts_check check (attempts >= 0),
    constraint mail_outbox_values_check check (status in ('PENDING', 'SENDING') or sealed_values is null)
);
-- the mail workers' claim: due rows (PENDING, or SENDING whose claim lapsed) by due time
create index mail_outbox_due_idx on mail_outbox (next_attempt_at, id) where status in ('PENDING', 'SENDING');
-- the retention job: settled mail by age
create index mail_outbox_settled_idx on mail_outbox (created_at) where status in ('SENT', 'FAILED');

-- Self-service password reset: a random token mailed as a link, stored only as its SHA-256 hash, short-lived
-- and single-use (used_at); a reset increments the user's token version, so every session ends.
create table password_resets (
    token_hash varchar     primary key,
    user_id    bigint      not null references users (id) on delete cascade,
    expires_at timestamptz not null,
    used_at    timestamptz,
    created_at timestamptz not null default now()
);
create index password_resets_user_idx on password_resets (user_id);
