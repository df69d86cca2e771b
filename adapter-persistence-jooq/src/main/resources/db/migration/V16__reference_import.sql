-- Import from the reference's database (issue 15, ADR 32).

-- Codes imported from the reference: no check character, any letter, digit or '_' (D5_…, GIFT_D…,
-- BUY_…). A typed code of that shape is looked up only among these rows (exact value), so a mistyped
-- generated code can never match anything but an imported code; generated codes keep their check.
alter table redeem_codes add column legacy boolean not null default false;

-- Which reference row became which InviteHub row: a second run skips what is here, so an import can
-- be repeated (after fixing reference rows it could not map) without duplicating anything. Rows the
-- importer could not map are not here and are reported again by every run.
create table reference_import_ids (
    source_table varchar     not null,
    source_id    bigint      not null,
    target_id    bigint      not null,
    imported_at  timestamptz not null default now(),
    constraint reference_import_ids_pkey primary key (source_table, source_id)
);
