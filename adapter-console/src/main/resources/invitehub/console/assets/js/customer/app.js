import '../core/shoelace.js';
import { LitElement, html, nothing } from 'lit';
import { t, lang, setLang, LANGUAGES } from '../core/i18n.js';
import { api } from '../core/api.js';
import { dateTime, money } from '../core/format.js';

const POLL_MS = 2000;
const SETTLED = ['INVITED', 'JOINED', 'FAILED', 'CANCELLED', 'REMOVED', 'EXPIRED', 'REBOUND'];
const MODES = ['redeem', 'status', 'rebind', 'optOut'];

/** A path segment as typed; a malformed escape stays as it is instead of breaking the page. */
function decoded(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The brand a distributor's verified custom host serves (ADR 47): the server names it in a meta element of the
 * shell, and the path is then {@code /r/{code}} (or {@code /}).
 */
function customHostBrand() {
  return document.querySelector('meta[name="invitehub-brand"]')?.getAttribute('content') ?? null;
}

/**
 * The customers' page (SPEC sections 3, 9, 14), public, no sign-in:
 *  /invite/{code}        the official link: the platform's page (name, logo, announcement, support contact)
 *                        with the plans on sale and prices;
 *  /r/{slug}/{code}      a distributor's own link: its brand, never a platform price or plan;
 *  /r/{code} or /        the same own link on the distributor's verified custom host.
 * Redeem (e-mail + code) with the result polled live until seated (queue position while waiting),
 * status, rebind and opt-out, every refusal in plain words from the message table.
 */
class RedeemPage extends LitElement {
  static properties = {
    mode: { state: true }, busy: { state: true }, error: { state: true }, result: { state: true },
    invitation: { state: true }, status: { state: true }, site: { state: true }, brand: { state: true }, plans: { state: true },
  };

  createRenderRoot() {
    return this;
  }

  constructor() {
    super();
    const parts = window.location.pathname.split('/').filter(Boolean).map(decoded);
    const hostBrand = customHostBrand();
    this.own = hostBrand !== null || parts[0] === 'r';
    this.slug = hostBrand ?? (this.own ? parts[1] : null);
    this.code = (hostBrand !== null ? parts[1] : this.own ? parts[2] : parts[1]) ?? '';
    this.mode = MODES.includes(window.location.hash.slice(1)) ? window.location.hash.slice(1) : 'redeem';
    this.site = null;
    this.brand = null;
    this.plans = null;
  }

  connectedCallback() {
    this.replaceChildren();
    super.connectedCallback();
    this.onLang = () => this.requestUpdate();
    window.addEventListener('ih-lang', this.onLang);
    this.loadFrame();
  }

  disconnectedCallback() {
    window.removeEventListener('ih-lang', this.onLang);
    clearTimeout(this.poll);
    super.disconnectedCallback();
  }

  /**
   * The page's frame: the platform with its plans (official link) or the distributor's brand (own link). A slug
   * that names no brand (mistyped, or the distributor is not approved) leaves the plain page: the code still works.
   */
  async loadFrame() {
    try {
      if (this.own) {
        this.brand = await api.get('/api/v1/public/brands/{slug}', { params: { slug: this.slug }, auth: false });
      } else {
        [this.site, this.plans] = await Promise.all([
          api.get('/api/v1/public/site', { auth: false }),
          api.get('/api/v1/public/plans', { auth: false }),
        ]);
      }
      document.title = this.frameTitle();
    } catch (error) {
      if (error.status !== 404) {
        this.error = error.message;
      }
    }
  }

  frameTitle() {
    if (this.own) {
      return this.brand?.display_name ?? t('customer.title');
    }
    return this.site?.platform_name ?? 'InviteHub';
  }

  logo() {
    const url = this.own ? this.brand?.logo_url : this.site?.logo_url;
    return url ?? (this.own ? null : new URL('../../icon.svg', import.meta.url).pathname);
  }

  switchMode(mode) {
    this.mode = mode;
    this.error = null;
    this.result = null;
    this.status = null;
    clearTimeout(this.poll);
    window.history.replaceState(null, '', mode === 'redeem' ? window.location.pathname : `#${mode}`);
  }

  problemMessage(error) {
    if (error.code === 'EMAIL_MISMATCH' && error.problem.bound_email) {
      return t('customer.emailMismatch', { email: error.problem.bound_email });
    }
    if (error.code === 'RATE_LIMITED') {
      return t('error.RATE_LIMITED');
    }
    return error.message;
  }

  async submit(event) {
    event.preventDefault();
    const email = this.querySelector('sl-input[name=email]').value.trim();
    const code = this.querySelector('sl-input[name=code]').value.trim();
    if (!email || !code) {
      this.error = t('customer.missing');
      return;
    }
    this.busy = true;
    this.error = null;
    this.result = null;
    this.status = null;
    clearTimeout(this.poll);
    try {
      if (this.mode === 'redeem') {
        this.result = await api.post('/api/v1/public/redeem', { body: { code, email }, auth: false });
        this.invitation = null;
        this.follow(this.result.invitation_id);
      } else if (this.mode === 'rebind') {
        this.result = await api.post('/api/v1/public/rebind', { body: { code, email }, auth: false });
        this.invitation = null;
        this.follow(this.result.invitation_id);
      } else if (this.mode === 'status') {
        this.status = await api.get('/api/v1/public/status', { query: { code, email }, auth: false });
      } else {
        this.result = await api.post('/api/v1/public/opt-out', { body: { code, email }, auth: false });
      }
    } catch (error) {
      this.error = this.problemMessage(error);
    } finally {
      this.busy = false;
    }
  }

  /** Polls the invitation until it is settled: the queue position moves live while waiting for a seat. */
  follow(id) {
    clearTimeout(this.poll);
    this.poll = setTimeout(async () => {
      try {
        this.invitation = await api.get('/api/v1/public/invitations/{id}', { params: { id }, auth: false });
        if (SETTLED.includes(this.invitation.state)) {
          return;
        }
      } catch {
        // keep polling: the answer above stays on screen
      }
      this.follow(id);
    }, POLL_MS);
  }

  render() {
    const logo = this.logo();
    return html`<div class="customer-page">
      <header class="customer-header">
        <div class="customer-brand">${logo ? html`<img src=${logo} alt="" class="customer-logo" width="40" height="40">` : nothing}
          <span class="customer-name">${this.frameTitle()}</span></div>
        <sl-dropdown placement="bottom-end" class="lang-switch">
          <sl-button slot="trigger" variant="text" size="small" caret aria-label=${t('header.language')}><sl-icon slot="prefix" name="translate"></sl-icon>
            ${LANGUAGES.find(([c]) => c === lang())[1]}</sl-button>
          <sl-menu @sl-select=${(e) => setLang(e.detail.item.value)}>${LANGUAGES.map(([c, name]) => html`<sl-menu-item value=${c} lang=${c}>${name}</sl-menu-item>`)}</sl-menu>
        </sl-dropdown>
      </header>
      <main class="customer-main">
        ${this.own && this.brand?.welcome_text ? html`<p class="welcome">${this.brand.welcome_text}</p>` : nothing}
        ${!this.own && this.site?.announcement ? html`<p class="announcement" role="note"><sl-icon name="megaphone" aria-hidden="true"></sl-icon><span>${this.site.announcement}</span></p>` : nothing}
        <section class="customer-card">
          <nav class="modes" aria-label=${t('customer.modes')}>${MODES.map((m) => html`
            <button type="button" class=${`mode${m === this.mode ? ' selected' : ''}`} aria-pressed=${m === this.mode ? 'true' : 'false'}
              data-mode=${m} @click=${() => this.switchMode(m)}>${t(`customer.mode.${m}`)}</button>`)}</nav>
          <form @submit=${this.submit} novalidate class="customer-form">
            <p class="mode-hint">${t(`customer.hint.${this.mode}`)}</p>
            <sl-input name="email" type="email" label=${t('field.email')} autocomplete="email" required></sl-input>
            <sl-input name="code" label=${t('field.code')} value=${this.code} class="mono-input" autocomplete="off" required></sl-input>
            <sl-button type="submit" variant="primary" class="submit" ?loading=${this.busy}>${t(`customer.submit.${this.mode}`)}</sl-button>
          </form>
          ${this.error ? html`<sl-alert variant="danger" open class="customer-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.error}</sl-alert>` : nothing}
          ${this.outcome()}
        </section>
        ${!this.own && this.plans?.length ? this.planList() : nothing}
        ${!this.own && this.site?.support_contact ? html`<p class="support">${t('customer.support', { contact: this.site.support_contact })}</p>` : nothing}
      </main>
    </div>`;
  }

  outcome() {
    if (this.status) {
      const s = this.status;
      const inv = s.latest_invitation;
      return html`<div class="outcome" role="status"><dl class="facts">
        <dt>${t('field.code')}</dt><dd class="mono">${s.code}</dd>
        <dt>${t('codes.usage')}</dt><dd>${s.used_count}/${s.max_uses === 0 ? '∞' : s.max_uses}</dd>
        <dt>${t('customer.memberUntil')}</dt><dd>${s.member_expires_at ? dateTime(s.member_expires_at) : t('customer.notActivated', { days: s.remaining_days })}</dd>
        ${inv ? html`<dt>${t('field.team')}</dt><dd>${inv.team_name ?? '—'}</dd>
          <dt>${t('field.status')}</dt><dd class="invitation-state" data-state=${inv.state}>${t(`invitation.${inv.state}`)}</dd>` : nothing}
      </dl></div>`;
    }
    if (!this.result) {
      return nothing;
    }
    if (this.mode === 'optOut') {
      return html`<sl-alert variant="success" open class="outcome"><sl-icon slot="icon" name="check2-circle"></sl-icon>
        ${t(this.result.already_opted_out ? 'customer.alreadyOptedOut' : 'customer.optedOut', { email: this.result.email })}</sl-alert>`;
    }
    const state = this.invitation?.state ?? this.result.invitation_state;
    const team = this.invitation?.team_name ?? this.result.team_name;
    const position = this.invitation ? this.invitation.queue_position : this.result.queue_position;
    const waiting = state === 'WAITING';
    const failed = ['FAILED', 'CANCELLED'].includes(state);
    return html`<div class=${`outcome ${failed ? 'failed' : waiting ? 'waiting' : 'ok'}`} role="status" aria-live="polite" data-state=${state}>
      <sl-icon name=${failed ? 'x-circle' : waiting ? 'hourglass-split' : state === 'INVITED' || state === 'JOINED' ? 'envelope-check' : 'send'} class="outcome-icon"></sl-icon>
      <div>
        <p class="outcome-title">${waiting ? t('customer.queued', { position: position ?? '—' })
          : failed ? t('customer.failed') : t(`customer.state.${state}`, { team: team ?? '—' })}</p>
        ${waiting ? html`<p class="queue-position">${t('customer.queueHint')}</p>` : nothing}
        ${this.result.remaining_days && !failed ? html`<p class="outcome-detail">${this.result.expires_at
          ? t('customer.memberUntilDate', { date: dateTime(this.result.expires_at) }) : t('customer.validity', { days: this.result.remaining_days })}</p>` : nothing}
        ${this.result.repeated ? html`<p class="outcome-detail">${t('customer.repeated')}</p>` : nothing}
        ${this.mode === 'rebind' && this.result.rebinds_left !== undefined ? html`<p class="outcome-detail">${t('customer.rebindsLeft', { n: this.result.rebinds_left })}</p>` : nothing}
        ${!SETTLED.includes(state) ? html`<p class="outcome-detail live"><sl-spinner></sl-spinner> ${t('customer.live')}</p>` : nothing}
      </div>
    </div>`;
  }

  /** Official link only: the plans on sale with their prices (GET /public/plans). */
  planList() {
    return html`<section class="customer-plans"><h2>${t('customer.plans')}</h2>
      <ul role="list">${this.plans.map((p) => html`<li class=${`customer-plan${p.recommended ? ' recommended' : ''}`}>
        <span class="plan-name">${p.name}${p.recommended ? html` <span class="plan-badge">${t('customer.recommended')}</span>` : nothing}</span>
        <span class="plan-price"><span class="price">${money(p.price, p.currency)}</span>${p.original_price
          ? html` <s class="original-price">${money(p.original_price, p.currency)}</s>` : nothing}</span>
        <span class="plan-terms">${t('customer.planTerms', { count: p.code_count, days: p.validity_days })}</span>
        ${p.description ? html`<span class="plan-description">${p.description}</span>` : nothing}</li>`)}</ul></section>`;
  }
}

customElements.define('ih-redeem', RedeemPage);
