-- The staff console (issue 14, ADR 50): an admin disables OPERATOR accounts and resets any account's
-- password to a temporary one that must be replaced at the next sign-in.
-- disabled_at: when an admin switched the account off (null: it may sign in); staff accounts only.
alter table users add column disabled_at timestamptz;
-- must_change_password: the password is a temporary one an admin set; until the owner changes it, its
-- tokens open only the own-account routes (GET /auth/me, POST /auth/change-password).
alter table users add column must_change_password boolean not null default false;
-- [jooq ignore start]
alter table users add constraint users_disabled_staff_check check (disabled_at is null or role <> 'DISTRIBUTOR');
-- [jooq ignore stop]
-- GET /admin/accounts: staff accounts by id (a handful of rows; distributors have their own partial index)
create index users_staff_idx on users (id) where role <> 'DISTRIBUTOR';
