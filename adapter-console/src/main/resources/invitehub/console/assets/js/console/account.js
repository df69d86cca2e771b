import { api } from '../core/api.js';
import { setTimeZone } from '../core/format.js';
import { session } from '../core/session.js';

/**
 * Who is signed in ({@code GET /auth/me}), the business time zone and currency (the summary's
 * {@code time_zone} and {@code currency}), the brand profile ({@code GET /me/profile}), and the two links
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
  const [account, summary, brand] = await Promise.all([
    api.get('/api/v1/auth/me'),
    api.get('/api/v1/distributors/me/summary'),
    api.get('/api/v1/distributors/me/profile'),
  ]);
  me = account;
  rememberSummary(summary);
  profile = brand;
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
 * A link base of the profile as an absolute address: the API answers paths from the root ({@code /r/kim/})
 * when no public base URL is configured, and those are this console's own origin.
 */
function absolute(base) {
  return new URL(base, window.location.origin).href;
}

/**
 * The own link of a code: the distributor's brand page, never a platform price; the profile's
 * {@code links.own_link_base} decides (its custom host once verified, else {@code /r/<slug>/}).
 */
export function ownLink(code) {
  return ownLinkBase() + encodeURIComponent(code);
}

/** The official link of a code: the platform's redeem page, with plans and prices. */
export function officialLink(code) {
  return absolute(profile.links.official_link_base) + encodeURIComponent(code);
}

/** The link a distributor hands out without a code (the customer types it): the brand page. */
export function ownLinkBase() {
  return absolute(profile.links.own_link_base);
}
