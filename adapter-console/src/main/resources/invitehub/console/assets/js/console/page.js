import { LitElement, html, nothing } from 'lit';
import { t, lang, setLang, LANGUAGES } from '../core/i18n.js';
import { api } from '../core/api.js';
import { toastError } from '../core/ui.js';

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
   * request never settles, answer or failure, so its caller neither shows its rows nor reports it. Each thing
   * the answers feed (a property such as 'rows') has its own newest request: a second list on the page does not
   * overtake the first.
   */
  async latest(request, feeds = 'rows') {
    this.latestTickets ??= {};
    const ticket = (this.latestTickets[feeds] = (this.latestTickets[feeds] ?? 0) + 1);
    const settled = await Promise.resolve(request).then((answer) => ({ answer }), (error) => ({ error }));
    if (ticket !== this.latestTickets[feeds]) {
      return new Promise(() => {});
    }
    if ('error' in settled) {
      throw settled.error;
    }
    return settled.answer;
  }

  /**
   * Shows a page of one of this element's keyset lists — the one way every console list loads: sets
   * {@code loading}, asks with the pager's cursor and the list's filters (undefined ones are left out), lets only
   * the newest request's answer show ({@link latest}: a quick second filter or page wins whatever the order of
   * the answers), feeds the pager, and on failure reports the problem (a toast) and keeps the rows an array.
   *
   * @param source the list's URL template, or a function of the page's query ({limit, cursor, …filters})
   *   returning the answer's promise (a list whose URL depends on a filter, or one asked together with more)
   * @param filters the list's filters
   * @param options pageSize; params (the URL template's values); cursors (the pager, this.cursors by default);
   *   into (the property that shows the rows, 'rows' by default; each one has its own newest request);
   *   items (the answer's property holding the rows, 'items'); loading (the busy flag's property, 'loading',
   *   or null); failed (what a failure does, a toast by default)
   * @returns the answer once its rows show, or null after a failure; an overtaken request's never settles
   */
  async loadList(source, filters = {}, {
    pageSize, params, cursors = this.cursors, into = 'rows', items = 'items', loading = 'loading', failed = toastError,
  } = {}) {
    const query = { ...cursors.query(pageSize), ...filters };
    if (loading) {
      this[loading] = true;
    }
    try {
      const answer = await this.latest(typeof source === 'function' ? source(query) : api.get(source, { params, query }), into);
      this[into] = cursors.received({ items: answer[items], next_cursor: answer.next_cursor });
      return answer;
    } catch (error) {
      failed(error);
      this[into] ??= [];
      return null;
    } finally {
      if (loading) {
        this[loading] = false;
      }
    }
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

/** Whether {@code text} is a calendar day written yyyy-mm-dd (2025-02-30 is not). */
export function isDay(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    return false;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A day filter in the console's language. Chromium draws {@code <input type=date>} in the browser's own locale
 * (mm/dd/yyyy on an English browser) whatever the page's or the input's {@code lang} says, so the day is a text
 * field in the one format the API takes (yyyy-mm-dd), with its placeholder and its refusal from the message table;
 * the calendar button opens the browser's picker, which fills the field. {@code changed(day)} gets a valid day or ''
 * (cleared); anything else is refused beside the field (in words, not only in colour) and changes nothing.
 */
export function dayInput({ className, label, name, value = '', changed = () => {} }) {
  return html`<sl-input class="day-input ${className}" name=${name ?? nothing} size="small" label=${label} lang=${lang()}
      value=${value} placeholder=${t('filter.dayFormat')} inputmode="numeric" maxlength="10" autocomplete="off" clearable
      @sl-change=${(event) => (dayChecked(event.target) ? changed(event.target.value.trim()) : null)}>
    <span slot="suffix" class="day-picker">
      <sl-icon-button name="calendar3" class="day-pick" label=${t('filter.pickDay')} @click=${pickDay}></sl-icon-button>
      <input type="date" class="day-native" tabindex="-1" aria-hidden="true" @change=${dayPicked}>
    </span>
  </sl-input>`;
}

/** Checks a {@link dayInput}'s text: true for a day or nothing; otherwise says so beside the field. */
export function dayChecked(input) {
  const text = input.value.trim();
  const refusal = text === '' || isDay(text) ? '' : t('filter.dayInvalid');
  input.setCustomValidity(refusal);
  input.helpText = refusal;
  input.classList.toggle('day-refused', refusal !== '');
  return refusal === '';
}

function pickDay(event) {
  const input = event.target.closest('sl-input');
  const native = input.querySelector('.day-native');
  native.value = isDay(input.value.trim()) ? input.value.trim() : '';
  try {
    native.showPicker();
  } catch {
    input.focus(); // no picker here (an old browser): the day is typed
  }
}

function dayPicked(event) {
  const input = event.target.closest('sl-input');
  input.value = event.target.value;
  input.dispatchEvent(new CustomEvent('sl-change', { bubbles: true, composed: true }));
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

