import { LitElement, html, nothing } from 'lit';
import { t, lang, setLang, LANGUAGES } from '../core/i18n.js';

/**
 * A console element: light DOM (the console's one stylesheet applies), rendered again when the
 * language changes, and refreshed (its refresh()) after each window event its class names in refreshOn
 * while it is on the page.
 */
export class ConsoleElement extends LitElement {
  /** Window events after which the element shows fresh data, e.g. 'ih-order-completed' (a purchase completed). */
  static refreshOn = [];

  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    this.languageChanged = () => this.requestUpdate();
    window.addEventListener('ih-lang', this.languageChanged);
    this.refreshed = () => this.refresh();
    this.constructor.refreshOn.forEach((event) => window.addEventListener(event, this.refreshed));
  }

  disconnectedCallback() {
    window.removeEventListener('ih-lang', this.languageChanged);
    this.constructor.refreshOn.forEach((event) => window.removeEventListener(event, this.refreshed));
    super.disconnectedCallback();
  }

  /** Shows fresh data after one of the refreshOn events. */
  refresh() {}

  /**
   * The answer of this element's newest request: a filter changed twice quickly sends two requests whose
   * answers may arrive in either order, and only the second one's may show. The promise of an overtaken
   * request never settles, so its caller neither shows its rows nor reports it.
   */
  async latest(request) {
    const ticket = (this.latestTicket = (this.latestTicket ?? 0) + 1);
    const answer = await request;
    return ticket === this.latestTicket ? answer : new Promise(() => {});
  }
}

/** The page title with its one primary action on the right. */
export function pageHeader(title, action = nothing, subtitle = nothing) {
  return html`<div class="page-header">
    <div><h1 class="page-title">${title}</h1>${subtitle === nothing ? nothing : html`<p class="page-subtitle">${subtitle}</p>`}</div>
    <div class="page-actions">${action}</div>
  </div>`;
}

/** No data: what it means and the next step, never a blank area. */
export function emptyState({ icon = 'inbox', text, hint = nothing, action = nothing }) {
  return html`<div class="empty-state" role="status">
    <sl-icon name=${icon} class="empty-icon" aria-hidden="true"></sl-icon>
    <p class="empty-text">${text}</p>
    ${hint === nothing ? nothing : html`<p class="empty-hint">${hint}</p>`}
    ${action}
  </div>`;
}

/**
 * A table: columns {key, title, render(row), className}; rows null while loading (skeleton rows),
 * an empty array for the empty state.
 */
export function dataTable({ columns, rows, empty, rowKey = (row) => row.id, rowClass = () => '', label }) {
  if (rows !== null && rows.length === 0) {
    return html`<div class="table-empty">${empty}</div>`;
  }
  return html`<div class="table-wrap"><table class="table" aria-label=${label ?? nothing} aria-busy=${rows === null ? 'true' : 'false'}>
    <thead><tr>${columns.map((c) => html`<th class=${c.className ?? ''} scope="col">${c.title}</th>`)}</tr></thead>
    <tbody>${rows === null
    ? [0, 1, 2, 3, 4].map(() => html`<tr class="skeleton-row">${columns.map(() => html`<td><sl-skeleton effect="pulse"></sl-skeleton></td>`)}</tr>`)
    : rows.map((row) => html`<tr data-key=${rowKey(row)} class=${rowClass(row)}>${columns.map((c) => html`<td class=${c.className ?? ''}>${c.render(row)}</td>`)}</tr>`)}
    </tbody></table></div>`;
}

/** "Previous · page n · next" over a {@link Cursors}; no page count: keyset paging has none. */
export function pager(cursors, onPrevious, onNext, loading) {
  return html`<nav class="pager" aria-label=${t('pager.label')}>
    <sl-button size="small" class="pager-previous" ?disabled=${loading || !cursors.hasPrevious} @click=${onPrevious}>
      <sl-icon slot="prefix" name="chevron-left"></sl-icon>${t('pager.previous')}</sl-button>
    <span class="pager-position">${t('pager.page', { n: cursors.position })}</span>
    <sl-button size="small" class="pager-next" ?disabled=${loading || !cursors.hasNext} @click=${onNext}>
      ${t('pager.next')}<sl-icon slot="suffix" name="chevron-right"></sl-icon></sl-button>
  </nav>`;
}

/** A status as a coloured tag with its word (colour is never the only signal). */
export function statusTag(kind, value) {
  const variant = {
    active: 'success', depleted: 'warning', disabled: 'neutral', expired: 'danger',
    JOINED: 'success', INVITED: 'primary', RESERVED: 'primary', WAITING: 'warning', REMOVING: 'warning', REMOVED: 'neutral',
    EXPIRED: 'danger', CANCELLED: 'neutral', FAILED: 'danger', REBOUND: 'neutral',
    PENDING: 'warning', PAID: 'success', REFUNDED: 'neutral', PROCESSING: 'primary', COMPLETED: 'success',
    ACTIVE: 'success', PAUSED: 'warning', BANNED: 'danger', TOKEN_INVALID: 'danger',
    APPROVED: 'success', REJECTED: 'danger', SUSPENDED: 'warning',
    OPEN: 'primary', CONFIRMED: 'warning', HANDLED: 'success',
    DELIVERED: 'success', SENDING: 'primary',
  }[value] ?? 'neutral';
  return html`<sl-tag size="small" variant=${variant} class="status-tag" data-status=${value}>${t(`${kind}.${value}`)}</sl-tag>`;
}

/** The values of a form's named Shoelace and native controls. */
export function formValues(form) {
  const values = {};
  for (const control of form.querySelectorAll('[name]')) {
    values[control.getAttribute('name')] = typeof control.value === 'string' ? control.value.trim() : control.value;
  }
  return values;
}

/** The language menu, shared by the header and the sign-in pages. */
export function languageSwitch() {
  return html`<sl-dropdown class="lang-switch" placement="bottom-end">
    <sl-button slot="trigger" variant="text" size="small" caret aria-label=${t('header.language')}>
      <sl-icon slot="prefix" name="translate"></sl-icon>${LANGUAGES.find(([code]) => code === lang())[1]}
    </sl-button>
    <sl-menu @sl-select=${(event) => setLang(event.detail.item.value)}>
      ${LANGUAGES.map(([code, name]) => html`<sl-menu-item type="checkbox" value=${code} ?checked=${code === lang()} lang=${code}>${name}</sl-menu-item>`)}
    </sl-menu>
  </sl-dropdown>`;
}

