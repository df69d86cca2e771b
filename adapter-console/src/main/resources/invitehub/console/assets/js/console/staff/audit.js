import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { Cursors } from '../../core/api.js';
import { dateTime, dayStart, nextDay } from '../../core/format.js';
import { ConsoleElement, dataTable, dayChecked, dayInput, emptyState, formValues, pageHeader, pager } from '../page.js';

const PAGE_SIZE = 50;

/**
 * The audit log (ADMIN): every write by staff and distributors, newest first (GET /admin/audit-log), filtered by actor
 * (username), action and business days (sent as the day's start with the zone's offset, like the sales filter),
 * keyset-paged.
 */
class AuditPage extends ConsoleElement {
  static properties = { rows: { state: true }, loading: { state: true }, filter: { state: true } };

  constructor() {
    super();
    this.cursors = new Cursors();
    this.rows = null;
    this.filter = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    const f = this.filter;
    await this.loadList('/api/v1/admin/audit-log', {
      actor: f.actor || undefined, action: f.action || undefined,
      from: f.from ? dayStart(f.from) : undefined, to: f.to ? dayStart(nextDay(f.to)) : undefined,
    }, { pageSize: PAGE_SIZE });
  }

  apply(event) {
    event.preventDefault();
    if (![...event.target.querySelectorAll('.day-input')].map(dayChecked).every(Boolean)) {
      return;
    }
    const v = formValues(event.target);
    this.filter = { actor: v.actor, action: v.action ? v.action.toUpperCase() : '', from: v.from, to: v.to };
    this.cursors.reset();
    this.load();
  }

  render() {
    const filtered = Object.values(this.filter).some(Boolean);
    return html`${pageHeader(t('menu.audit'), nothing, t('audit.subtitle'))}
      <div class="card">
        <form class="filters audit-filters" role="search" @submit=${(e) => this.apply(e)} novalidate>
          <sl-input name="actor" size="small" class="filter-actor" label=${t('audit.actor')} placeholder=${t('field.username')}></sl-input>
          <sl-input name="action" size="small" class="filter-action" label=${t('audit.action')} placeholder="TEAM_CREATE"></sl-input>
          ${dayInput({ name: 'from', className: 'filter-from', label: t('filter.from') })}
          ${dayInput({ name: 'to', className: 'filter-to', label: t('filter.to') })}
          <sl-button size="small" variant="primary" type="submit" class="apply-filter">${t('filter.search')}</sl-button>
        </form>
        ${dataTable({
    label: t('menu.audit'),
    rows: this.rows,
    columns: [
      { title: t('audit.at'), className: 'nowrap', render: (r) => dateTime(r.at) },
      { title: t('audit.actor'), render: (r) => html`<span class="audit-actor">${r.actor ?? (r.actor_role === 'SYSTEM' ? t('audit.system') : `#${r.actor_id ?? '—'}`)}</span>
          <span class="muted small">${r.actor_role === 'SYSTEM' ? '' : t(`role.${r.actor_role}`)}</span>` },
      { title: t('audit.action'), render: (r) => html`<span class="mono audit-action">${r.action}</span>` },
      { title: t('audit.target'), className: 'nowrap', render: (r) => (r.target_type ? html`<span class="mono">${r.target_type} ${r.target_id ?? ''}</span>` : '—') },
      { title: t('audit.details'), render: (r) => html`<span class="audit-details">${r.details ?? ''}</span>` },
    ],
    empty: emptyState({ icon: 'journal-text', text: filtered ? t('audit.noMatch') : t('audit.empty') }),
  })}
        ${this.rows && this.rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}
      </div>`;
  }
}

customElements.define('ih-audit', AuditPage);
