-- Issue 4, part B: acceptance sync, the waiting queue per group, dispatcher fencing (ADR 13, ADR 14).

-- acceptance sync state of a team: when it last succeeded, the last error, consecutive failures and
-- when the next run is due (backoff after a failure, the sync interval after a success)
alter table teams add column last_synced_at timestamptz;
alter table teams add column last_sync_error varchar;
alter table teams add column sync_failures integer not null default 0;
alter table teams add column next_sync_at timestamptz;
alter table teams add constraint teams_sync_failures_check check (sync_failures >= 0);

-- members the provider reports that no live invitation explains (owner, admins, unauthorised
-- joins): external_seats is their count, kept in the same transaction
create table team_external_members (
    team_id          bigint      not null references teams (id) on delete cascade,
    email            varchar     not null,
    provider_user_id varchar,
    role             varchar,
    joined_at        timestamptz,
    first_seen_at    timestamptz not null,
    constraint team_external_members_pkey primary key (team_id, email)
);

-- the queue a WAITING invitation waits in: its code's group (null = the queue of ungrouped codes,
-- which may take a seat in any team). Set when the invitation is created WAITING; queue positions
-- and first-in-first-out promotion are per queue.
alter table invitations add column queue_group_id bigint references team_groups (id);

-- fencing token of the dispatcher's claim: a claim writes a new token, and a worker can record an
-- outcome only while the row still carries its token (a worker whose lease ran out cannot)
alter table invitations add column claim_token uuid;

-- [jooq ignore start]
create index invitations_waiting_queue_idx on invitations (queue_group_id, queue_seq) where state = 'WAITING';
create index teams_sync_due_idx on teams (next_sync_at nulls first, id) where status in ('ACTIVE', 'PAUSED');

-- existing WAITING invitations join the queue of their code's group (no use, seat or statistic moves)
update invitations i set queue_group_id = c.group_id
from redeem_codes c
where c.id = i.code_id and i.state = 'WAITING' and c.group_id is not null;
-- [jooq ignore stop]
