-- The reason an admin gives when rejecting a distributor (SPEC section 12: the reference's admin page
-- lists rejected applications with it). Written by the rejection, in its transaction; null otherwise.
alter table users add column rejection_reason varchar(500);
