import { session } from '../core/session.js';

const BOTH = Object.freeze(['ADMIN', 'OPERATOR']);
const ADMIN = Object.freeze(['ADMIN']);

/**
 * The console's pages by path (History API; the server answers every /console/… path with the same
 * shell). A distributor gets its own pages; staff get theirs, each page naming the roles that may see it
 * (SPEC section 1: an OPERATOR runs teams, codes, orders and invitations, and reads the distributors; settlement
 * follows its routes, which the route table gives to staff — ADMIN and OPERATOR; the ADMIN alone has plans, the
 * anti-harassment lists, custom domains, the platform's webhooks, accounts, the audit log and settings). Sign-in,
 * sign-up and the password reset are public.
 */
export const DISTRIBUTOR_ROUTES = Object.freeze([
  { path: '/console', tag: 'ih-dashboard', title: 'menu.dashboard', icon: 'speedometer2', menu: true },
  { path: '/console/codes', tag: 'ih-codes', title: 'menu.codes', icon: 'upc-scan', menu: true },
  { path: '/console/orders', tag: 'ih-orders', title: 'menu.orders', icon: 'receipt', menu: true },
  { path: '/console/sales', tag: 'ih-sales', title: 'menu.sales', icon: 'graph-up-arrow', menu: true },
  { path: '/console/members', tag: 'ih-members', title: 'menu.members', icon: 'people', menu: true },
  { path: '/console/customers', tag: 'ih-customers', title: 'menu.customers', icon: 'person-vcard', menu: true },
  { path: '/console/settlement', tag: 'ih-settlement', title: 'menu.settlement', icon: 'journal-check', menu: true },
  { path: '/console/webhooks', tag: 'ih-webhooks', title: 'menu.webhooks', icon: 'broadcast', menu: true },
  { path: '/console/profile', tag: 'ih-profile', title: 'menu.profile', icon: 'person-badge', menu: true },
]);

export const STAFF_ROUTES = Object.freeze([
  { path: '/console', tag: 'ih-overview', title: 'menu.overview', icon: 'speedometer2', menu: true, roles: BOTH },
  { path: '/console/distributors', tag: 'ih-distributors', title: 'menu.distributors', icon: 'shop', menu: true, roles: BOTH },
  { path: '/console/teams', tag: 'ih-teams', title: 'menu.teams', icon: 'diagram-3', menu: true, roles: BOTH },
  { path: '/console/codes', tag: 'ih-staff-codes', title: 'menu.codes', icon: 'upc-scan', menu: true, roles: BOTH },
  { path: '/console/plans', tag: 'ih-plans', title: 'menu.plans', icon: 'box-seam', menu: true, roles: ADMIN },
  { path: '/console/orders', tag: 'ih-staff-orders', title: 'menu.orders', icon: 'receipt', menu: true, roles: BOTH },
  { path: '/console/invitations', tag: 'ih-invitations', title: 'menu.invitations', icon: 'envelope-paper', menu: true, roles: BOTH },
  { path: '/console/protection', tag: 'ih-protection', title: 'menu.protection', icon: 'shield-check', menu: true, roles: ADMIN },
  { path: '/console/custom-hosts', tag: 'ih-custom-hosts', title: 'menu.customHosts', icon: 'globe', menu: true, roles: ADMIN },
  { path: '/console/webhooks', tag: 'ih-staff-webhooks', title: 'menu.webhooks', icon: 'broadcast', menu: true, roles: ADMIN },
  { path: '/console/settlement', tag: 'ih-staff-settlement', title: 'menu.settlement', icon: 'journal-check', menu: true, roles: BOTH },
  { path: '/console/accounts', tag: 'ih-accounts', title: 'menu.accounts', icon: 'person-gear', menu: true, roles: ADMIN },
  { path: '/console/audit', tag: 'ih-audit', title: 'menu.audit', icon: 'journal-text', menu: true, roles: ADMIN },
  { path: '/console/settings', tag: 'ih-settings', title: 'menu.settings', icon: 'gear', menu: true, roles: ADMIN },
  { path: '/console/profile', tag: 'ih-profile', title: 'menu.profile', icon: 'person-badge', menu: false, roles: BOTH },
]);

const PUBLIC_ROUTES = Object.freeze([
  { path: '/console/sign-in', tag: 'ih-sign-in', title: 'signIn.title', public: true },
  { path: '/console/sign-up', tag: 'ih-sign-up', title: 'signUp.title', public: true },
  { path: '/console/forgot-password', tag: 'ih-forgot-password', title: 'reset.requestTitle', public: true },
  { path: '/console/reset-password', tag: 'ih-reset-password', title: 'reset.confirmTitle', public: true },
]);

/** The page shown for a staff path the signed-in role may not see (its menu entry is absent too). */
const FORBIDDEN = Object.freeze({ tag: 'ih-forbidden', title: 'forbidden.title' });

export function isStaff(role = session.role) {
  return role === 'ADMIN' || role === 'OPERATOR';
}

/** The menu and pages of the signed-in role (a distributor's before sign-in: the public pages need none). */
export function routesFor(role = session.role) {
  return isStaff(role) ? STAFF_ROUTES.filter((r) => r.roles.includes(role)) : DISTRIBUTOR_ROUTES;
}

/** Kept for the distributor pages that list the menu. */
export const ROUTES = DISTRIBUTOR_ROUTES;

export function currentRoute() {
  const path = window.location.pathname.replace(/\/+$/, '') || '/console';
  const open = PUBLIC_ROUTES.find((route) => route.path === path);
  if (open) {
    return open;
  }
  const mine = routesFor().find((route) => route.path === path);
  if (mine) {
    return mine;
  }
  if (isStaff() && STAFF_ROUTES.some((route) => route.path === path)) {
    return { ...FORBIDDEN, path };
  }
  return null;
}

export function navigate(to, { replace = false } = {}) {
  if (to !== window.location.pathname + window.location.search) {
    window.history[replace ? 'replaceState' : 'pushState'](null, '', to);
  }
  window.dispatchEvent(new Event('ih-navigate'));
}

/** Same-origin links to /console/… navigate inside the page instead of loading it again. */
export function interceptLinks(root) {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement);
    if (!link || link.target || link.hasAttribute('download') || link.origin !== window.location.origin
        || !link.pathname.startsWith('/console')) {
      return;
    }
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
}
