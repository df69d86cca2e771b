-- Issue 17 phase 5 (ADR 74): the indexes whose key starts with the distributor (invitations.distributor_id,
-- redeem_codes.owner_id) or the order (redeem_codes.order_id) leave out the rows where that key is null — the
-- platform's own codes and their invitations, codes granted without an order. Every query that reads one of these
-- indexes asks for one distributor or one order (`distributor_id = ?`, `owner_id between ? and ?`, `order_id = ?`,
-- the foreign-key checks), which implies the key is not null, so the planner still uses them (the plan tests name
-- each); no query ever found a null-key entry in them. A platform-code redemption (the code's use + bind, the
-- RESERVED insert, the dispatcher's INVITED update — none of them HOT) no longer adds up to 8 index entries that
-- nothing reads. The platform's own code lists read redeem_codes_platform_idx (V37). Names stay as before.
create index invitations_distributor_sales_v63_idx on invitations (distributor_id, created_at desc, id desc)
    where not is_rebind and distributor_id is not null;
drop index invitations_distributor_sales_idx;
alter index invitations_distributor_sales_v63_idx rename to invitations_distributor_sales_idx;

create index invitations_distributor_members_v63_idx on invitations (distributor_id, created_at desc, id desc)
    where state in ('INVITED', 'JOINED', 'REMOVING', 'REMOVED', 'EXPIRED', 'REBOUND') and distributor_id is not null;
drop index invitations_distributor_members_v9_idx;
alter index invitations_distributor_members_v63_idx rename to invitations_distributor_members_v9_idx;

create index invitations_distributor_email_v63_idx on invitations (distributor_id, email, created_at desc, id desc)
    where distributor_id is not null;
drop index invitations_distributor_email_idx;
alter index invitations_distributor_email_v63_idx rename to invitations_distributor_email_idx;

create index redeem_codes_owner_v63_idx on redeem_codes (owner_id, id) where owner_id is not null;
drop index redeem_codes_owner_idx;
alter index redeem_codes_owner_v63_idx rename to redeem_codes_owner_idx;

create index redeem_codes_owner_unused_v63_idx on redeem_codes (owner_id, id) where used_count = 0 and owner_id is not null;
drop index redeem_codes_owner_unused_idx;
alter index redeem_codes_owner_unused_v63_idx rename to redeem_codes_owner_unused_idx;

create index redeem_codes_owner_used_v63_idx on redeem_codes (owner_id, id) where used_count > 0 and owner_id is not null;
drop index redeem_codes_owner_used_idx;
alter index redeem_codes_owner_used_v63_idx rename to redeem_codes_owner_used_idx;

-- jOOQ's code generator (H2) holds this index for the foreign key to orders and cannot drop it: PostgreSQL only.
-- The foreign key's check when an order goes (`order_id = $1`) still reads the partial index.
-- [jooq ignore start]
create index redeem_codes_order_v63_idx on redeem_codes (order_id) where order_id is not null;
drop index redeem_codes_order_idx;
alter index redeem_codes_order_v63_idx rename to redeem_codes_order_idx;
-- [jooq ignore stop]
