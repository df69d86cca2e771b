-- V19 (issue 10): usernames are unique regardless of case: 'ADMIN' can no longer be registered beside 'admin'.
--
-- Accounts that already differ only in case keep working: in each such group the oldest account (lowest
-- id) keeps its name and every later one is renamed '<name>-<id>' (its owner signs in with the new name,
-- its password and tokens are unchanged). Each rename is written to the audit log (USERNAME_RENAMED,
-- actor: the system) so an admin can tell the owner; docs/configuration.md says so. Should a new name be
-- taken too (someone registered exactly '<name>-<id>'), the index below fails and the migration stops
-- without changing anything: rename that account by hand and start again.

-- [jooq ignore start]
with ranked as (
    select id, row_number() over (partition by lower(username) order by id) as n
    from users
), renamed as (
    update users u
    set username = u.username || '-' || u.id, updated_at = now()
    from ranked r
    where r.id = u.id and r.n > 1
    returning u.id, u.username
)
insert into audit_log (actor_id, actor_role, action, target_type, target_id, details)
select null, 'SYSTEM', 'USERNAME_RENAMED', 'USER', renamed.id::text,
       'username=' || renamed.username || ' (its old name differed from an older account''s only in case)'
from renamed;

create unique index users_username_lower_key on users (lower(username));
-- [jooq ignore stop]
