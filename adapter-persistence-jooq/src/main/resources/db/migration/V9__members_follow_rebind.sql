-- A distributor's members list shows the current membership of a member moved by rebind (the rebind
-- invitation, is_rebind = true) beside the old REBOUND one (SPEC section 4, ADR 21). Sales stay
-- non-rebind (invitations_distributor_sales_idx is unchanged). The members index therefore no longer
-- leaves rebind invitations out; the old one, with `not is_rebind` in its predicate, would answer
-- nothing the new one does not, and only costs writes: it goes.
create index invitations_distributor_members_v9_idx on invitations (distributor_id, created_at desc, id desc)
    where state in ('INVITED', 'JOINED', 'REMOVING', 'REMOVED', 'EXPIRED', 'REBOUND');
drop index invitations_distributor_members_idx;
