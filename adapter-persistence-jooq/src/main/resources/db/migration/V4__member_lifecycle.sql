-- Member lifecycle (issue 4, SPEC sections 3 and 6, ADR 11 and 12): removal by a distributor or by
-- staff, unaccepted timeout, expiry, rebind. Each of them first claims the invitation with one
-- conditional update to REMOVING (remembering the state it came from, why, and when), calls the
-- provider outside any transaction, and then ends it in one transaction. A claim whose process
-- died is due again after its lease (removal_due_at), so nothing stays REMOVING forever.

alter table invitations add column removal_kind varchar;
alter table invitations add column removal_from varchar;
alter table invitations add column removal_started_at timestamptz;
alter table invitations add column removal_due_at timestamptz;
alter table invitations add column removal_attempts integer not null default 0;
alter table invitations add column removal_error varchar;
-- a background removal that kept failing: back in its previous state, shown to staff, no longer
-- picked by the timeout and expiry jobs until staff remove it by hand
alter table invitations add column removal_failed boolean not null default false;
-- the moment the membership through this invitation's code ends: the code's member_expires_at, or
-- 1970-01-01 (the epoch: long past, and readable by JDBC unlike -infinity) while the code is disabled; kept by triggers from redeem_codes (below), so the expiry
-- job is one index range over invitations and never a walk over codes that expired long ago
alter table invitations add column member_ends_at timestamptz;
-- a JOINED invitation whose member is moving: the rebind invitation in the new team
alter table invitations add column rebind_to bigint references invitations (id);

alter table invitations add constraint invitations_removal_kind_check
    check (removal_kind in ('REMOVE', 'TIMEOUT', 'EXPIRE', 'REBIND'));
alter table invitations add constraint invitations_removal_from_check
    check (removal_from in ('INVITED', 'JOINED'));
alter table invitations add constraint invitations_removing_check
    check (state <> 'REMOVING' or (removal_kind is not null and removal_from is not null
                                   and removal_started_at is not null and removal_due_at is not null));
alter table invitations add constraint invitations_removal_attempts_check check (removal_attempts >= 0);

-- the person's seat-holding or most recent invitation in one team (removal, re-invite)
create index invitations_team_email_idx on invitations (team_id, email, id desc);
-- unaccepted timeout: INVITED the longest first
create index invitations_unaccepted_idx on invitations (invited_at, id)
    where state = 'INVITED' and not removal_failed;
-- expiry: members whose code's membership ended (or whose code was disabled)
create index invitations_member_ends_idx on invitations (member_ends_at, id)
    where state in ('INVITED', 'JOINED') and not removal_failed and member_ends_at is not null;
-- removals to resume: retries after backoff, and claims whose process died
create index invitations_removing_idx on invitations (removal_due_at, id) where state = 'REMOVING';
-- members whose rebind waits for the new invitation's outcome (REBOUND ones keep rebind_to, not indexed)
create index invitations_rebinding_idx on invitations (id) where rebind_to is not null and state = 'JOINED';
-- ALREADY_MEMBER must also see an open rebind invitation (invitations_open_email_key leaves them out)
create index invitations_open_rebind_email_idx on invitations (email)
    where state in ('WAITING', 'RESERVED', 'INVITED', 'JOINED', 'REMOVING') and is_rebind;
-- staff list of removals that kept failing
create index invitations_removal_failed_idx on invitations (id) where removal_failed;

-- [jooq ignore start]
create function invitations_member_ends_at(c redeem_codes) returns timestamptz language sql immutable as $$
    select case when not c.active then '1970-01-01 00:00:00+00'::timestamptz else c.member_expires_at end
$$;

-- a new invitation starts with its code's membership end
create function invitations_member_ends_on_insert() returns trigger language plpgsql as $$
begin
    select invitations_member_ends_at(c) into new.member_ends_at from redeem_codes c where c.id = new.code_id;
    return new;
end
$$;

create trigger invitations_member_ends_on_insert before insert on invitations
    for each row execute function invitations_member_ends_on_insert();

-- activation (member_expires_at set), disabling and enabling a code move its open invitations' end
create function redeem_codes_member_ends() returns trigger language plpgsql as $$
begin
    if old.member_expires_at is distinct from new.member_expires_at or old.active <> new.active then
        update invitations set member_ends_at = invitations_member_ends_at(new)
        where code_id = new.id and state in ('WAITING', 'RESERVED', 'INVITED', 'JOINED', 'REMOVING')
          and member_ends_at is distinct from invitations_member_ends_at(new);
    end if;
    return null;
end
$$;

create trigger redeem_codes_member_ends after update on redeem_codes
    for each row execute function redeem_codes_member_ends();

update invitations i set member_ends_at = invitations_member_ends_at(c)
from redeem_codes c where c.id = i.code_id and i.state in ('WAITING', 'RESERVED', 'INVITED', 'JOINED', 'REMOVING');
-- [jooq ignore stop]
