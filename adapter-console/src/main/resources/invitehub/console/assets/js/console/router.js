/**
 * The console's pages by path (History API; the server answers every /console/… path with the same
 * shell). Menu pages need a signed-in distributor; sign-in and sign-up are public.
 */
export const ROUTES = Object.freeze([
  { path: '/console', tag: 'ih-dashboard', title: 'menu.dashboard', icon: 'speedometer2', menu: true },
  { path: '/console/codes', tag: 'ih-codes', title: 'menu.codes', icon: 'upc-scan', menu: true },
  { path: '/console/orders', tag: 'ih-orders', title: 'menu.orders', icon: 'receipt', menu: true },
  { path: '/console/sales', tag: 'ih-sales', title: 'menu.sales', icon: 'graph-up-arrow', menu: true },
  { path: '/console/members', tag: 'ih-members', title: 'menu.members', icon: 'people', menu: true },
  { path: '/console/profile', tag: 'ih-profile', title: 'menu.profile', icon: 'person-badge', menu: true },
  { path: '/console/sign-in', tag: 'ih-sign-in', title: 'signIn.title', public: true },
  { path: '/console/sign-up', tag: 'ih-sign-up', title: 'signUp.title', public: true },
]);

export function currentRoute() {
  const path = window.location.pathname.replace(/\/+$/, '') || '/console';
  return ROUTES.find((route) => route.path === path) ?? null;
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
