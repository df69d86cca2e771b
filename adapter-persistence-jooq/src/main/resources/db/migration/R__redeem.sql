-- Repeatable migration (ADR 24): what runs today for this concern, in one file. Flyway applies it after
-- the versioned migrations whenever its text changes. Change the definition here, never in a versioned migration.

-- A new redemption in one round trip (ADR 58, ADR 64): the statements RedeemService sends one by one — code read,
-- code lock with the recipient's lock, open invitations of the e-mail, screening, use + bind, queue probe + seat,
-- seated insert — run here in the same order, each with its own snapshot (a volatile PL/pgSQL function under READ
-- COMMITTED), so after waiting for the recipient's lock the invitations committed meanwhile are seen (ADR 28).
--
-- Outcomes (out_outcome):
--   'NOT_TAKEN'  nothing written: unknown code, disabled, expired, bound to another e-mail, membership over, an open
--                invitation of the e-mail (a repeat or ALREADY_MEMBER), blocked, opted out, daily cap, used up.
--                The service then runs its statements one by one, which refuse with today's problem (or find the
--                repeat). Every condition here is at least as strict as RedeemCode.ensureAccepts and the
--                recipient policy: where it is stricter the long way decides.
--   'NO_SEAT'    the use is taken and the e-mail bound; no unlocked team with room, or someone waits in the
--                code's queue: the service continues with the cold path (ADR 4's rounds, the WAITING insert).
--   'SEATED'     use, seat and a RESERVED invitation written; out_invitation is it, out_team_name its team's name.
-- out_code is the code row as locked (before the use), for every outcome but an unknown or unlocked code.
--
-- Writes only after every refusal check has passed, in today's order: use + bind (the stripe's statistics rows, by
-- trigger), then the team row, then the insert (ADR 28's levels 3 → 4). States are literals and a group / no group
-- are two statements, so the cached generic plans still see the partial indexes' predicates (ADR 23).

-- [jooq ignore start]
drop function if exists redeem_new(varchar, boolean, varchar, varchar[], timestamptz, timestamptz, integer, varchar);

create function redeem_new(p_code varchar, p_legacy boolean, p_email varchar, p_domains varchar[],
                           p_now timestamptz, p_since timestamptz, p_cap integer, p_policy varchar)
    returns table (out_outcome varchar, out_code redeem_codes, out_invitation invitations, out_team_name varchar)
    language plpgsql volatile as $$
declare
    c redeem_codes;
    t_id bigint;
    t_name varchar;
    inv invitations;
begin
    -- the lock-free read and its checks (RedeemCode.ensureAccepts; stricter at the instant itself)
    select * into c from redeem_codes r where r.code = p_code and (r.legacy or not p_legacy);
    if not found or not redeem_new_accepts(c, p_email, p_now) then
        return query select 'NOT_TAKEN'::varchar, null::redeem_codes, null::invitations, null::varchar;
        return;
    end if;

    -- the recipient's lock, then the code row (ADR 28: one statement, the lock a filter on the row)
    select * into c from redeem_codes r
     where r.id = c.id and pg_advisory_xact_lock(17741, hashtext(p_email)) is not null
       for update;
    if not found or not redeem_new_accepts(c, p_email, p_now)
            -- no use left (the conditional update below must not miss)
            or not (c.max_uses = 0 or c.used_count < c.max_uses) then
        return query select 'NOT_TAKEN'::varchar, c, null::invitations, null::varchar;
        return;
    end if;

    -- a new statement after the lock: every committed open invitation of this e-mail is visible
    if exists (select 1 from invitations i
                where i.email = p_email and i.state in ('WAITING', 'RESERVED', 'INVITED', 'JOINED', 'REMOVING')
                  and not i.is_rebind)
       or exists (select 1 from invitations i
                   where i.email = p_email and i.state in ('WAITING', 'RESERVED', 'INVITED', 'JOINED', 'REMOVING')
                     and i.is_rebind)
       -- the screening (SPEC section 9): blocklist, opt-out, the daily cap across the platform
       or exists (select 1 from blocked_recipients b
                   where (b.kind = 'EMAIL' and b.value = p_email) or (b.kind = 'DOMAIN' and b.value = any (p_domains)))
       or exists (select 1 from invitation_opt_outs o where o.email = p_email)
       or (select count(*) from (select 1 from invitations i
                                  where i.email = p_email and i.created_at > p_since and not i.is_rebind
                                  limit p_cap) recent) >= p_cap then
        return query select 'NOT_TAKEN'::varchar, c, null::invitations, null::varchar;
        return;
    end if;

    -- every check passed: the use and the bind (one row version, one run of the code triggers)
    update redeem_codes r set used_count = r.used_count + 1, bound_email = p_email, updated_at = current_timestamp
     where r.id = c.id and (r.max_uses = 0 or r.used_count < r.max_uses)
       and (r.bound_email is null or r.bound_email = p_email);
    if not found then
        raise exception 'redeem_new: the use of code % was refused on its locked row', c.id;
    end if;

    -- the queue probe + seat: a team with room that nobody else is seating into right now, unless someone waits
    if c.group_id is null then
        if p_policy = 'SPREAD' then
            update teams t set seats_reserved = t.seats_reserved + 1, updated_at = current_timestamp
             where t.id = (select s.id from teams s
                            where s.status = 'ACTIVE' and s.seats_reserved + s.external_seats < s.max_seats
                              and not exists (select 1 from invitations w
                                               where w.state = 'WAITING' and w.queue_group_id is null)
                            order by s.max_seats - s.seats_reserved - s.external_seats desc, s.id
                            limit 1 for no key update skip locked)
               and t.status = 'ACTIVE' and t.seats_reserved + t.external_seats < t.max_seats
            returning t.id, t.name into t_id, t_name;
        else
            update teams t set seats_reserved = t.seats_reserved + 1, updated_at = current_timestamp
             where t.id = (select s.id from teams s
                            where s.status = 'ACTIVE' and s.seats_reserved + s.external_seats < s.max_seats
                              and not exists (select 1 from invitations w
                                               where w.state = 'WAITING' and w.queue_group_id is null)
                            order by s.id
                            limit 1 for no key update skip locked)
               and t.status = 'ACTIVE' and t.seats_reserved + t.external_seats < t.max_seats
            returning t.id, t.name into t_id, t_name;
        end if;
    else
        if p_policy = 'SPREAD' then
            update teams t set seats_reserved = t.seats_reserved + 1, updated_at = current_timestamp
             where t.id = (select s.id from teams s
                            where s.status = 'ACTIVE' and s.seats_reserved + s.external_seats < s.max_seats
                              and s.group_id = c.group_id
                              and not exists (select 1 from invitations w
                                               where w.state = 'WAITING' and w.queue_group_id = c.group_id)
                            order by s.max_seats - s.seats_reserved - s.external_seats desc, s.id
                            limit 1 for no key update skip locked)
               and t.status = 'ACTIVE' and t.seats_reserved + t.external_seats < t.max_seats
               and t.group_id = c.group_id
            returning t.id, t.name into t_id, t_name;
        else
            update teams t set seats_reserved = t.seats_reserved + 1, updated_at = current_timestamp
             where t.id = (select s.id from teams s
                            where s.status = 'ACTIVE' and s.seats_reserved + s.external_seats < s.max_seats
                              and s.group_id = c.group_id
                              and not exists (select 1 from invitations w
                                               where w.state = 'WAITING' and w.queue_group_id = c.group_id)
                            order by s.id
                            limit 1 for no key update skip locked)
               and t.status = 'ACTIVE' and t.seats_reserved + t.external_seats < t.max_seats
               and t.group_id = c.group_id
            returning t.id, t.name into t_id, t_name;
        end if;
    end if;
    if t_id is null then
        -- a queue, no room, or every team with room locked: the service's cold path decides
        return query select 'NO_SEAT'::varchar, c, null::invitations, null::varchar;
        return;
    end if;

    insert into invitations (code_id, distributor_id, team_id, email, state, is_rebind, holds_use, queue_seq,
                             queue_group_id, next_attempt_at, created_at, updated_at)
    values (c.id, c.owner_id, t_id, p_email, 'RESERVED', false, true, null, null, p_now, p_now, p_now)
    returning * into inv;
    return query select 'SEATED'::varchar, c, inv, t_name;
end
$$;

-- RedeemCode.ensureAccepts at p_now, at least as strict: enabled, not expired (refused at the instant itself),
-- not bound to another e-mail, membership not over.
create or replace function redeem_new_accepts(c redeem_codes, p_email varchar, p_now timestamptz)
    returns boolean language sql immutable as $$
    select c.active
       and (c.expires_at is null or p_now < c.expires_at)
       and (c.bound_email is null or c.bound_email = p_email)
       and (c.member_expires_at is null or p_now < c.member_expires_at)
$$;
-- [jooq ignore stop]
