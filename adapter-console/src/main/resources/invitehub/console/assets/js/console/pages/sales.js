import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { Cursors } from '../../core/api.js';
import { dateTime, dayStart, nextDay, timeZone } from '../../core/format.js';
import { ConsoleElement, dataTable, dayInput, emptyState, pageHeader, pager, statusTag } from '../page.js';
import { customerLink, tagsOfAddress } from '../tags.js';
import '../export-button.js';

const PAGE_SIZE = 20;
export const INVITATION_STATES = ['WAITING', 'RESERVED', 'INVITED', 'JOINED', 'REMOVING', 'REMOVED', 'EXPIRED', 'CANCELLED', 'FAILED', 'REBOUND'];

/**
 * Sales: GET /me/sales (keyset), filtered by state, business days (from/to are sent as the business
 * day's start with the zone's offset, so "today" here is the dashboard's today), e-mail/code prefix and customer
 * tags (all of those chosen). An e-mail opens the customer's page; the export has the list's filters.
 */
class SalesPage extends ConsoleElement {
  static properties = { rows: { state: true }, loading: { state: true }, filter: { state: true } };

  constructor() {
    super();
    this.cursors = new Cursors();
    this.rows = null;
    this.filter = { status: '', from: '', to: '', q: '', tags: tagsOfAddress() };
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    await this.loadList('/api/v1/distributors/me/sales', this.query(), { pageSize: PAGE_SIZE });
  }

  /** The list's filters, as the list and its export take them. */
  query() {
    const f = this.filter;
    return {
      status: f.status || undefined,
      from: f.from ? dayStart(f.from) : undefined,
      to: f.to ? dayStart(nextDay(f.to)) : undefined,
      q: f.q || undefined,
      tag: f.tags.length ? f.tags.join(',') : undefined,
    };
  }

  set(name, value) {
    this.filter = { ...this.filter, [name]: value };
    this.cursors.reset();
    this.load();
  }

  searchTyped(value) {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.set('q', value.trim()), 300);
  }

  render() {
    const f = this.filter;
    const filtered = f.status || f.from || f.to || f.q || f.tags.length;
    return html`${pageHeader(t('menu.sales'), nothing, t('sales.subtitle', { zone: timeZone() }))}
      <div class="card">
        <div class="filters" role="search">
          <sl-select class="filter-status" label=${t('field.status')} size="small" value=${f.status} placeholder=${t('filter.all')} clearable
            @sl-change=${(e) => this.set('status', e.target.value)}>
            ${INVITATION_STATES.map((s) => html`<sl-option value=${s}>${t(`invitation.${s}`)}</sl-option>`)}
          </sl-select>
          ${dayInput({ className: 'filter-from', label: t('filter.from'), value: f.from, changed: (day) => this.set('from', day) })}
          ${dayInput({ className: 'filter-to', label: t('filter.to'), value: f.to, changed: (day) => this.set('to', day) })}
          <sl-input class="filter-search" size="small" label=${t('filter.search')} placeholder=${t('filter.emailOrCode')} clearable
            @sl-input=${(e) => this.searchTyped(e.target.value)} @sl-clear=${() => this.set('q', '')}>
            <sl-icon slot="prefix" name="search"></sl-icon></sl-input>
          <ih-tag-filter .value=${f.tags} @ih-tags=${(e) => this.set('tags', e.detail)}></ih-tag-filter>
          <div class="filters-end"><ih-export class="export-sales" kind="sales" .filters=${this.query()}></ih-export></div>
        </div>
        ${dataTable({
    label: t('menu.sales'),
    rows: this.rows,
    columns: [
      { title: t('field.code'), className: 'nowrap', render: (r) => html`<span class="mono">${r.code}</span>` },
      { title: t('field.email'), render: (r) => customerLink(r.email) },
      { title: t('field.team'), render: (r) => r.team_name ?? html`<span class="muted">—</span>` },
      { title: t('field.status'), render: (r) => statusTag('invitation', r.status) },
      { title: t('field.createdAt'), className: 'nowrap', render: (r) => dateTime(r.created_at) },
      { title: t('sales.acceptedAt'), className: 'nowrap', render: (r) => dateTime(r.accepted_at) },
    ],
    empty: emptyState({ icon: 'graph-up-arrow', text: filtered ? t('sales.noMatch') : t('sales.empty'), hint: filtered ? nothing : t('dashboard.trendEmptyHint') }),
  })}
        ${this.rows && this.rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}
      </div>`;
  }
}

customElements.define('ih-sales', SalesPage);
