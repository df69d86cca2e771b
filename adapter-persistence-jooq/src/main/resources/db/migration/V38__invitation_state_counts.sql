-- Invitations by state, kept by a trigger (R__invitation_state_counts.sql) so the metrics gauges read a
-- few rows instead of counting the table (issue 16, ADR 39). Striped like the distributor statistics
-- (ADR 10): a write adds to the row of its stripe (txid mod 16); a reading sums the stripes.
create table invitation_state_counts (
    state  varchar  not null,
    stripe smallint not null,
    n      bigint   not null default 0,
    constraint invitation_state_counts_pkey primary key (state, stripe)
);
