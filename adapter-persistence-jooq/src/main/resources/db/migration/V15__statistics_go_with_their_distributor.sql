-- A distributor's rollup rows go with the distributor (issue 11). Deleting codes never deletes rollup rows:
-- a distributor whose codes were all deleted keeps rows that add up to zero (one per stripe and key), and
-- their foreign keys refused the deletion of the account for good. Only a distributor with no codes, orders
-- or invitations may be deleted (DistributorAdminService), so every rollup of one sums to zero: they are
-- deleted with it.

-- [jooq ignore start]
alter table distributor_stats drop constraint distributor_stats_distributor_id_fkey,
    add constraint distributor_stats_distributor_id_fkey foreign key (distributor_id) references users (id) on delete cascade;
alter table distributor_stats_daily drop constraint distributor_stats_daily_distributor_id_fkey,
    add constraint distributor_stats_daily_distributor_id_fkey foreign key (distributor_id) references users (id) on delete cascade;
alter table distributor_code_expiry drop constraint distributor_code_expiry_distributor_id_fkey,
    add constraint distributor_code_expiry_distributor_id_fkey foreign key (distributor_id) references users (id) on delete cascade;
alter table distributor_plan_stats drop constraint distributor_plan_stats_distributor_id_fkey,
    add constraint distributor_plan_stats_distributor_id_fkey foreign key (distributor_id) references users (id) on delete cascade;
-- [jooq ignore stop]
