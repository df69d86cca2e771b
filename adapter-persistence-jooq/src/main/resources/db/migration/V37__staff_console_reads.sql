-- Read routes of the staff console (issue 14): indexes for lists that had no route before.
-- GET /admin/audit-log?action=: one action's entries, newest first (keyset on created_at, id)
create index audit_log_action_idx on audit_log (action, created_at desc, id desc);
-- GET /admin/platform-codes: codes without an owner, newest first
create index redeem_codes_platform_idx on redeem_codes (id) where owner_id is null;
-- GET /admins/opt-outs: newest first; the e-mail's MD5 breaks ties and fits in a page cursor (an e-mail may not)
-- [jooq ignore start]
create index invitation_opt_outs_created_idx on invitation_opt_outs (created_at desc, md5(email) desc);
-- [jooq ignore stop]
-- GET /admin/alerts: orders whose fulfilment failed (rare rows, counted on every overview)
create index orders_fulfilment_failed_idx on orders (id) where fulfillment_status = 'FAILED';
