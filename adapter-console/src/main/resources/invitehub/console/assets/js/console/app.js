import '../core/shoelace.js';
import { html, nothing } from 'lit';
import { t } from '../core/i18n.js';
import { session } from '../core/session.js';
import { api, onUnauthorized } from '../core/api.js';
import { toast } from '../core/ui.js';
import { currentRoute, isStaff, navigate, interceptLinks, routesFor } from './router.js';
import { ConsoleElement, languageSwitch } from './page.js';
import { account, forgetAccount, loadAccount } from './account.js';
import './pages/sign-in.js';
import './pages/sign-up.js';
import './pages/reset-password.js';
import './pages/dashboard.js';
import './pages/codes.js';
import './pages/orders.js';
import './pages/sales.js';
import './pages/members.js';
import './pages/customers.js';
import './pages/settlement.js';
import './pages/profile.js';
import './webhooks.js';
import './purchase-drawer.js';

const RENEW_BEFORE_MS = 5 * 60 * 1000;
const COLLAPSED_KEY = 'invitehub.sider.collapsed';

/**
 * The console: sign-in and sign-up full screen; every other page inside the layout (dark sider with
 * the menu, white header with the account menu and language switch, content on grey).
 */
class ConsoleApp extends ConsoleElement {
  static properties = {
    route: { state: true },
    ready: { state: true },
    collapsed: { state: true },
    narrow: { state: true },
  };

  constructor() {
    super();
    this.route = currentRoute();
    this.ready = false;
    this.collapsed = localStorage.getItem(COLLAPSED_KEY) === 'true';
    this.medium = window.matchMedia('(max-width: 991.98px)');
    this.small = window.matchMedia('(max-width: 575.98px)');
    this.narrow = this.small.matches;
    this.timer = null;
  }

  connectedCallback() {
    this.replaceChildren(); // the boot skeleton of the HTML shell
    super.connectedCallback();
    interceptLinks(this);
    this.onNavigate = () => this.routeChanged();
    window.addEventListener('popstate', this.onNavigate);
    window.addEventListener('ih-navigate', this.onNavigate);
    this.onWidth = () => {
      this.narrow = this.small.matches;
      this.requestUpdate();
    };
    this.medium.addEventListener('change', this.onWidth);
    this.small.addEventListener('change', this.onWidth);
    this.onLang = () => {
      document.title = `${t(this.route?.title ?? (isStaff() ? 'menu.overview' : 'menu.dashboard'))} · InviteHub`;
    };
    window.addEventListener('ih-lang', this.onLang);
    onUnauthorized(() => this.signedOut('session.expired'));
    this.routeChanged();
  }

  disconnectedCallback() {
    window.removeEventListener('popstate', this.onNavigate);
    window.removeEventListener('ih-navigate', this.onNavigate);
    window.removeEventListener('ih-lang', this.onLang);
    super.disconnectedCallback();
  }

  async routeChanged() {
    const route = currentRoute();
    if (!route) {
      navigate('/console', { replace: true });
      return;
    }
    if (!route.public && !session.signedIn()) {
      const back = window.location.pathname + window.location.search;
      navigate(`/console/sign-in${back === '/console' ? '' : `?next=${encodeURIComponent(back)}`}`, { replace: true });
      return;
    }
    if (route.public && session.signedIn() && route.tag === 'ih-sign-in') {
      navigate('/console', { replace: true });
      return;
    }
    this.route = route;
    this.pageElement = Object.assign(document.createElement(route.tag), { className: 'page' });
    document.title = `${t(route.title)} · InviteHub`;
    if (!route.public && !account()) {
      this.ready = false;
      try {
        // the staff pages load only for staff (a distributor's browser never fetches them)
        await Promise.all([loadAccount(), import('./shoelace-console.js'), isStaff() ? import('./staff/pages.js') : null]);
        this.scheduleRenewal();
      } catch (error) {
        if (error.status !== 401) {
          toast(error.message, 'danger');
        }
        return;
      }
    }
    this.ready = true;
    performance.mark('ih-route-ready');
  }

  /**
   * A working day without the password (ADR 48): a fresh token from POST /auth/renew five minutes before this
   * one ends. Once a renewal adds nothing (the session reached INVITEHUB_SESSION_MAX since the password) the
   * session ends with its token, and the sign-in page asks for the password again.
   */
  scheduleRenewal() {
    clearTimeout(this.timer);
    const left = session.expiresAt - Date.now();
    if (left <= RENEW_BEFORE_MS + 1000 && this.renewedTo === session.expiresAt) {
      this.timer = setTimeout(() => this.signedOut('session.expired'), Math.max(0, left));
      return;
    }
    this.timer = setTimeout(() => this.renew(), Math.max(0, left - RENEW_BEFORE_MS));
  }

  async renew() {
    const before = session.expiresAt;
    try {
      session.save(await api.post('/api/v1/auth/renew'));
    } catch (error) {
      if (error.status === 401) {
        return; // the API client already signed the user out
      }
      // offline or the server is busy: try again in a minute, while the token still works
      this.timer = setTimeout(() => this.renew(), Math.min(60_000, Math.max(0, session.expiresAt - Date.now() - 1000)));
      return;
    }
    // a renewal that does not reach further (the session's maximum) is the last one
    this.renewedTo = session.expiresAt <= before + 1000 ? session.expiresAt : null;
    this.scheduleRenewal();
  }

  signedOut(reason) {
    clearTimeout(this.timer);
    this.renewedTo = null;
    session.clear();
    forgetAccount();
    if (reason) {
      toast(t(reason), 'warning');
    }
    navigate('/console/sign-in', { replace: true });
  }

  toggleSider() {
    if (this.narrow) {
      this.querySelector('.nav-drawer')?.show();
      return;
    }
    this.collapsed = !this.collapsed;
    localStorage.setItem(COLLAPSED_KEY, String(this.collapsed));
  }

  menu() {
    const here = this.route?.path;
    return html`<nav class="menu" aria-label=${t('menu.label')}>
      <ul role="list">
        ${routesFor().filter((r) => r.menu).map((r) => html`<li>
          <a href=${r.path} class=${`menu-item${r.path === here ? ' selected' : ''}`} aria-current=${r.path === here ? 'page' : 'false'}
             data-route=${r.path} title=${t(r.title)} @click=${() => this.querySelector('.nav-drawer')?.hide()}>
            <sl-icon name=${r.icon} aria-hidden="true"></sl-icon><span class="menu-text">${t(r.title)}</span>
          </a></li>`)}
      </ul>
    </nav>`;
  }

  render() {
    if (!this.route) {
      return nothing;
    }
    if (this.route.public) {
      return this.page();
    }
    // below 576 px the menu lives in a drawer, in full; between 576 and 992 px the sider shows icons only
    const collapsed = !this.narrow && (this.collapsed || this.medium.matches);
    const me = account();
    return html`<div class=${`layout${collapsed ? ' collapsed' : ''}${this.narrow ? ' narrow' : ''}`}>
      ${this.narrow ? html`<sl-drawer class="nav-drawer" placement="start" label="InviteHub" no-header>
          <div class="sider-inner">${this.brand()}${this.menu()}</div></sl-drawer>`
        : html`<aside class="sider"><div class="sider-inner">${this.brand()}${this.menu()}</div></aside>`}
      <div class="main">
        <header class="header">
          <sl-icon-button class="sider-toggle" name=${this.narrow ? 'list' : collapsed ? 'text-indent-left' : 'text-indent-right'}
            label=${t('header.toggleMenu')} @click=${() => this.toggleSider()}></sl-icon-button>
          <div class="header-right">
            ${languageSwitch()}
            <sl-dropdown class="account-menu" placement="bottom-end">
              <sl-button slot="trigger" variant="text" size="small" caret>
                <sl-icon slot="prefix" name="person-circle"></sl-icon><span class="account-name">${me?.username ?? session.username ?? ''}</span>
              </sl-button>
              <sl-menu @sl-select=${(event) => this.accountAction(event.detail.item.value)}>
                <sl-menu-item value="profile"><sl-icon slot="prefix" name="person-badge"></sl-icon>${t('menu.profile')}</sl-menu-item>
                <sl-menu-item value="sign-out" class="sign-out"><sl-icon slot="prefix" name="box-arrow-right"></sl-icon>${t('header.signOut')}</sl-menu-item>
              </sl-menu>
            </sl-dropdown>
          </div>
        </header>
        <main class="content" id="content">${this.ready ? this.page() : html`<div class="page-loading"><sl-spinner></sl-spinner></div>`}</main>
      </div>
      ${isStaff() ? nothing : html`<ih-purchase-drawer></ih-purchase-drawer>`}
    </div>`;
  }

  brand() {
    return html`<a class="brand" href="/console"><img src=${new URL('../../icon.svg', import.meta.url).pathname} alt="" width="28" height="28"><span class="brand-name">InviteHub</span></a>`;
  }

  accountAction(value) {
    if (value === 'profile') {
      navigate('/console/profile');
    } else if (value === 'sign-out') {
      this.signedOut('session.signedOut');
    }
  }

  page() {
    return this.pageElement;
  }
}

customElements.define('ih-console', ConsoleApp);
