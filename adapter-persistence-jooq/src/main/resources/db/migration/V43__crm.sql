-- CRM lite (issue 13, SPEC section 9, ADR 36): a distributor's tags and notes on its customers, keyed by
-- (distributor, e-mail) and seen by that distributor only. Tags are normalised by the domain (Tag); the
-- schema bounds what it can. A note is its current text and version, and every version in the edits table
-- (who, when). Everything goes with the distributor's account.

create table customer_tags (
    distributor_id bigint      not null references users (id) on delete cascade,
    email          varchar     not null,
    tag            varchar     not null,
    created_at     timestamptz not null default now(),
    created_by     bigint references users (id) on delete set null,
    constraint customer_tags_pkey primary key (distributor_id, email, tag),
    constraint customer_tags_tag_check check (length(tag) between 1 and 32 and position(',' in tag) = 0)
);
-- the tag filter of the lists (several tags: one probe of the primary key per tag and row) and the tag counts
create index customer_tags_tag_idx on customer_tags (distributor_id, tag, email);

create table customer_notes (
    distributor_id bigint      not null references users (id) on delete cascade,
    email          varchar     not null,
    body           varchar     not null,
    version        integer     not null,
    updated_at     timestamptz not null,
    updated_by     bigint references users (id) on delete set null,
    constraint customer_notes_pkey primary key (distributor_id, email),
    constraint customer_notes_version_check check (version >= 1),
    constraint customer_notes_body_check check (length(body) <= 2000)
);

create table customer_note_edits (
    id             bigint generated always as identity primary key,
    distributor_id bigint      not null references users (id) on delete cascade,
    email          varchar     not null,
    version        integer     not null,
    body           varchar     not null,
    edited_at      timestamptz not null,
    edited_by      bigint references users (id) on delete set null,
    constraint customer_note_edits_version_key unique (distributor_id, email, version)
);
create index customer_note_edits_customer_idx on customer_note_edits (distributor_id, email, id desc);

-- the customer page: one customer's invitations through one distributor's codes, newest first (rebinds
-- included); also answers "is this e-mail my customer" with one probe
create index invitations_distributor_email_idx on invitations (distributor_id, email, created_at desc, id desc);
