import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime } from '../../core/format.js';
import { confirmAction, copyText, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, pager, statusTag } from '../page.js';
import { formDialog } from './common.js';
import '../export-button.js';
import { codeBody, codeFields, showCodes } from './distributors.js';

const PAGE_SIZE = 20;
const STATUSES = ['active', 'depleted', 'disabled', 'expired'];
const PLATFORM = 'platform';

/**
 * Codes: the platform's own (GET /admin/platform-codes) or any distributor's (GET /redeem-codes?distributor_id=),
 * with the status filter and code search of the distributors' page; generate a batch (POST /redeem-codes, or a grant
 * to the distributor chosen), enable/disable and delete (/redeem-codes/{id}…), and export the filtered list as CSV
 * through the server's streamed exports (ADR 35: the platform's own codes, or the distributor's codes export, each
 * through a signed link, with its progress).
 */
class StaffCodesPage extends ConsoleElement {
  static properties = {
    rows: { state: true }, loading: { state: true }, owner: { state: true }, status: { state: true }, query: { state: true },
    distributors: { state: true }, groups: { state: true },
  };

  constructor() {
    super();
    this.cursors = new Cursors();
    this.rows = null;
    this.owner = PLATFORM;
    this.status = '';
    this.query = '';
    this.distributors = [];
    this.groups = [];
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
    this.loadChoices();
  }

  async loadChoices() {
    try {
      const [distributors, groups] = await Promise.all([
        api.get('/api/v1/distributors', { query: { status: 'approved', limit: 500, cursor: '' } }),
        api.get('/api/v1/admin/team-groups'),
      ]);
      this.distributors = distributors.items;
      this.groups = groups;
    } catch (error) {
      toastError(error);
    }
  }

  fetchPage(cursor, limit) {
    const query = { limit, cursor, status: this.status || undefined, q: this.query || undefined };
    return this.owner === PLATFORM ? api.get('/api/v1/admin/platform-codes', { query })
      : api.get('/api/v1/redeem-codes', { query: { ...query, distributor_id: Number(this.owner) } });
  }

  async load() {
    await this.loadList(({ cursor, limit }) => this.fetchPage(cursor, limit), {}, { pageSize: PAGE_SIZE });
  }

  filterChanged(name, value) {
    this[name] = value;
    this.cursors.reset();
    this.load();
  }

  searchTyped(value) {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.filterChanged('query', value.trim()), 300);
  }

  ownerName() {
    return this.owner === PLATFORM ? t('codes.platform') : (this.distributors.find((d) => String(d.id) === this.owner)?.username ?? `#${this.owner}`);
  }

  async generate() {
    const platform = this.owner === PLATFORM;
    const fields = [...codeFields()];
    fields.push({ name: 'group_id', label: t('teams.group'), type: 'select', options: this.groups.map((g) => [String(g.id), g.name]), help: t('codes.groupHelp') });
    const issued = await formDialog({
      title: platform ? t('codes.generatePlatform') : t('distributors.grantTitle', { name: this.ownerName() }),
      className: 'generate-dialog', submitLabel: t('codes.generate'), intro: platform ? t('codes.generateIntro') : t('distributors.grantIntro'),
      fields,
      submit: (v) => (platform ? api.post('/api/v1/redeem-codes', { body: codeBody(v) })
        : api.post('/api/v1/distributors/{id}/grant-codes', { params: { id: Number(this.owner) }, body: codeBody(v) })),
    });
    if (issued) {
      toast(t('codes.generated', { count: issued.count }));
      this.cursors.reset();
      this.load();
      await showCodes(issued.codes, t('distributors.grantedTitle', { count: issued.count }));
    }
  }

  async toggle(row) {
    try {
      const answer = await api.put('/api/v1/redeem-codes/{id}/toggle', { params: { id: row.id } });
      this.rows = this.rows.map((r) => (r.id === row.id ? { ...r, status: answer.status, active: answer.active } : r));
      toast(t(answer.active ? 'codes.enabled' : 'codes.disabled', { code: row.code }));
    } catch (error) {
      toastError(error);
    }
  }

  async deleteCode(row) {
    const ok = await confirmAction({ title: t('codes.deleteTitle'), message: t('codes.deleteMessage', { code: row.code }), confirm: t('action.delete') });
    if (!ok) {
      return;
    }
    try {
      await api.delete('/api/v1/redeem-codes/{id}', { params: { id: row.id } });
      toast(t('codes.deleted', { code: row.code }));
      this.load();
    } catch (error) {
      toast(error.status === 409 ? t('codes.deleteInUse') : error.message, 'danger');
    }
  }

  render() {
    const action = html`<sl-button variant="primary" class="generate-codes" @click=${() => this.generate()}>
      <sl-icon slot="prefix" name="plus-lg"></sl-icon>${t('codes.generate')}</sl-button>`;
    return html`${pageHeader(t('menu.codes'), action)}
      <div class="card">
        <div class="filters" role="search">
          <sl-select class="filter-owner" label=${t('codes.owner')} size="small" value=${this.owner} hoist
            @sl-change=${(e) => this.filterChanged('owner', e.target.value || PLATFORM)}>
            <sl-option value=${PLATFORM}>${t('codes.platform')}</sl-option>
            ${this.distributors.map((d) => html`<sl-option value=${String(d.id)}>${d.username}</sl-option>`)}
          </sl-select>
          <sl-select class="filter-status" label=${t('field.status')} size="small" value=${this.status} placeholder=${t('filter.all')} clearable
            @sl-change=${(e) => this.filterChanged('status', e.target.value)}>
            ${STATUSES.map((s) => html`<sl-option value=${s}>${t(`codeStatus.${s}`)}</sl-option>`)}
          </sl-select>
          <sl-input class="filter-search" label=${t('codes.search')} size="small" placeholder=${t('codes.searchPlaceholder')} clearable
            @sl-input=${(e) => this.searchTyped(e.target.value)} @sl-clear=${() => this.filterChanged('query', '')}>
            <sl-icon slot="prefix" name="search"></sl-icon></sl-input>
          <div class="filters-end">
            <ih-export class="export-codes" kind="codes" .filters=${{ status: this.status, q: this.query }} ?platform=${this.owner === PLATFORM}
              .distributor=${this.owner === PLATFORM ? null : Number(this.owner)}></ih-export>
          </div>
        </div>
        ${dataTable({
    label: t('menu.codes'),
    rows: this.rows,
    columns: [
      { title: t('field.code'), className: 'nowrap', render: (r) => html`<span class="mono code">${r.code}</span>
          <sl-icon-button name="clipboard" class="copy-code" label=${t('codes.copyCode', { code: r.code })}
            @click=${async () => toast(t(await copyText(r.code) ? 'codes.codeCopied' : 'toast.copyFailed'))}></sl-icon-button>` },
      { title: t('field.status'), render: (r) => statusTag('codeStatus', r.status) },
      { title: t('codes.usage'), className: 'num', render: (r) => html`<span class="usage">${r.used_count}/${r.max_uses === 0 ? '∞' : r.max_uses}</span>` },
      { title: t('codes.boundEmail'), render: (r) => r.bound_email ?? html`<span class="muted">—</span>` },
      { title: t('codes.expiresAt'), className: 'nowrap', render: (r) => (r.expires_at ? dateTime(r.expires_at) : html`<span class="muted">${t('codes.noExpiry')}</span>`) },
      { title: t('codes.validity'), className: 'num nowrap', render: (r) => t('codes.days', { days: r.validity_days }) },
      { title: t('codes.note'), render: (r) => r.note ?? '' },
      { title: t('field.actions'), className: 'actions', render: (r) => html`<div class="row-actions">
          <sl-switch size="small" class="toggle" .checked=${live(r.active)} @sl-change=${() => this.toggle(r)}>
            <span class="visually-hidden">${t('codes.enabledLabel', { code: r.code })}</span></sl-switch>
          <sl-icon-button name="trash" class="delete" label=${t('codes.deleteRow', { code: r.code })} @click=${() => this.deleteCode(r)}></sl-icon-button></div>` },
    ],
    empty: emptyState({ icon: 'upc-scan', text: this.status || this.query ? t('codes.noMatch') : t('codes.noneOfOwner', { owner: this.ownerName() }),
      action: this.status || this.query ? nothing : html`<sl-button size="small" variant="primary" @click=${() => this.generate()}>${t('codes.generate')}</sl-button>` }),
  })}
        ${this.rows && this.rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}
      </div>`;
  }
}

customElements.define('ih-staff-codes', StaffCodesPage);
