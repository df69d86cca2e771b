import { api } from '../core/api.js';
import { AVAILABLE } from '../core/pending.js';
import { setTimeZone } from '../core/format.js';
import { session } from '../core/session.js';

/**
 * Who is signed in ({@code GET /auth/me}), the business time zone and currency (the summary's
 * {@code time_zone} and {@code currency}), the brand profile once the API has it, and the two links
 * of a code built from them.
 */
let me = null;
let profile = null;
let basics = null;

export async function loadAccount() {
  if (session.role === 'ADMIN' || session.role === 'OPERATOR') {
    // staff: the account, and the business time zone from the platform's trend (one day of it)
    const [account, trend] = await Promise.all([
      api.get('/api/v1/auth/me'),
      api.get('/api/v1/admin/sales-trend', { query: { days: 1 } }),
    ]);
    me = account;
    setTimeZone(trend.time_zone);
    return me;
  }
  const [account, summary] = await Promise.all([
    api.get('/api/v1/auth/me'),
    api.get('/api/v1/distributors/me/summary'),
  ]);
  me = account;
  rememberSummary(summary);
  if (AVAILABLE.profile) {
    // pending route (phase 2): GET /api/v1/distributors/me/profile
    profile = await api.get('/api/v1/distributors/me/profile');
  }
  return me;
}

/** Keeps what every page needs from a summary: business time zone, currency, unit price. */
export function rememberSummary(summary) {
  basics = { timeZone: summary.time_zone, currency: summary.currency, unitPrice: summary.unit_price };
  setTimeZone(summary.time_zone);
}

export function account() {
  return me;
}

export function accountBasics() {
  return basics;
}

export function brandProfile() {
  return profile;
}

export function setBrandProfile(value) {
  profile = value;
}

export function forgetAccount() {
  me = null;
  profile = null;
  basics = null;
}

/**
 * The own link of a code: the distributor's brand page, never a platform price. With the profile
 * route (phase 2) its {@code links.own_link_base} decides (slug or custom host); until then the slug
 * is the username, which is what phase 2 is asked to default the slug to (ADR 30).
 */
export function ownLink(code) {
  const base = profile?.links?.own_link_base
    ?? `${window.location.origin}/r/${encodeURIComponent(me.username.toLowerCase())}/`;
  return base + encodeURIComponent(code);
}

/** The official link of a code: the platform's redeem page, with plans and prices. */
export function officialLink(code) {
  const base = profile?.links?.official_link_base ?? `${window.location.origin}/invite/`;
  return base + encodeURIComponent(code);
}

/** The link a distributor hands out without a code (the customer types it): the brand page. */
export function ownLinkBase() {
  return profile?.links?.own_link_base ?? `${window.location.origin}/r/${encodeURIComponent(me.username.toLowerCase())}/`;
}
