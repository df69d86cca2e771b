-- Accounts and authorization (issue 3): e-mail verification codes for distributor sign-up, the
-- approval queue index, and audit entries that outlive a deleted actor.

create table email_verifications (
    email           varchar     primary key,
    code_hash       varchar     not null,
    expires_at      timestamptz not null,
    failed_attempts integer     not null default 0,
    created_at      timestamptz not null default now(),
    constraint email_verifications_attempts_check check (failed_attempts >= 0)
);

-- GET /admins/pending-distributors: keyset over (approval, id)
create index users_distributor_approval_idx on users (approval, id) where role = 'DISTRIBUTOR';

-- a deleted distributor's own audit entries stay, without the actor (the entry of the deletion names it)
-- [jooq ignore start]
alter table audit_log drop constraint audit_log_actor_id_fkey;
alter table audit_log add constraint audit_log_actor_id_fkey foreign key (actor_id) references users (id) on delete set null;
-- [jooq ignore stop]
create index audit_log_target_idx on audit_log (target_type, target_id, created_at desc);
