/**
 * API routes the console is written against but the server does not offer yet: they come in phase 2 of
 * issue 12 (ADR 30, "API the console expects"). While a flag is false the console does not call the
 * route (no failed request) and shows what it can without it. Turning a flag to true is the whole
 * client-side change once the route exists; every place that consumes it names its flag.
 */
export const AVAILABLE = Object.freeze({
  /** GET/PUT /api/v1/distributors/me/profile: brand (slug, display name, logo, welcome text), links. */
  profile: false,
  /** GET /api/v1/public/site, /api/v1/public/brands/{slug}, /api/v1/public/plans: the customer pages. */
  publicPages: false,
  /** POST /api/v1/auth/renew: a fresh token before the current one expires (a working day without a password). */
  tokenRenewal: false,
  /** GET /api/v1/distributors/me/codes?usage=unused|used: the codes table's usage filter. */
  codeUsageFilter: false,
});
