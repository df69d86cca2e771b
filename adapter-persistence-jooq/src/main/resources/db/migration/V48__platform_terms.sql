-- The platform's terms an ADMIN changes on the Settings page (issue 14, ADR 51), beside the site of V46.
-- default_unit_price_minor: the settlement price per accepted invitation of distributors without their own
-- unit_price_minor, in minor units of INVITEHUB_CURRENCY; payment_window_seconds: how long a new order may be paid.
-- Null until the first start after this migration writes INVITEHUB_DEFAULT_UNIT_PRICE_MINOR and
-- INVITEHUB_ORDER_PAYMENT_WINDOW (first-start defaults, like INVITEHUB_PLATFORM_*); both are written together.
alter table platform_settings add column default_unit_price_minor bigint;
alter table platform_settings add column payment_window_seconds integer;
-- [jooq ignore start]
alter table platform_settings add constraint platform_settings_terms_check check (
    (default_unit_price_minor is null) = (payment_window_seconds is null)
    and (default_unit_price_minor is null or default_unit_price_minor between 0 and 100000000)
    and (payment_window_seconds is null or payment_window_seconds between 60 and 86400));
-- [jooq ignore stop]
