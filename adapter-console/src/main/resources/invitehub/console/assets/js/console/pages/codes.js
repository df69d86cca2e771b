import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime } from '../../core/format.js';
import { confirmAction, copyText, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, pager, statusTag } from '../page.js';
import { officialLink, ownLink } from '../account.js';
import '../export-button.js';

const PAGE_SIZE = 20;
const STATUSES = ['active', 'depleted', 'disabled', 'expired'];

/**
 * Codes: GET /me/codes (keyset), status and usage filters and code search; toggle, delete and batch delete; per
 * row a split button whose main action copies the own link and whose menu copies the official link.
 */
class CodesPage extends ConsoleElement {
  static properties = {
    rows: { state: true }, loading: { state: true }, selected: { state: true }, status: { state: true },
    usage: { state: true }, query: { state: true },
  };

  static refreshOn = ['ih-order-completed'];

  constructor() {
    super();
    this.cursors = new Cursors();
    this.rows = null;
    this.selected = new Set();
    this.status = '';
    this.usage = '';
    this.query = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  /** A completed purchase adds codes: the first page again. */
  refresh() {
    this.reload();
  }

  async load() {
    const page = await this.loadList('/api/v1/distributors/me/codes', {
      status: this.status || undefined,
      q: this.query || undefined,
      usage: this.usage || undefined,
    }, { pageSize: PAGE_SIZE });
    if (page) {
      this.selected = new Set();
    }
  }

  reload() {
    this.cursors.reset();
    this.load();
  }

  filterChanged(name, value) {
    this[name] = value;
    this.reload();
  }

  searchTyped(value) {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.filterChanged('query', value.trim()), 300);
  }

  async copy(kind, code) {
    const link = kind === 'own' ? ownLink(code) : officialLink(code);
    if (await copyText(link)) {
      toast(t(kind === 'own' ? 'toast.ownLinkCopied' : 'toast.officialLinkCopied'));
    } else {
      toast(t('toast.copyFailed'), 'warning');
    }
  }

  async toggle(row) {
    try {
      const answer = await api.put('/api/v1/distributors/me/codes/{id}/toggle', { params: { id: row.id } });
      this.rows = this.rows.map((r) => (r.id === row.id ? { ...r, status: answer.status, active: answer.active } : r));
      toast(t(answer.active ? 'codes.enabled' : 'codes.disabled', { code: row.code }));
    } catch (error) {
      toastError(error);
    }
  }

  async deleteCode(row) {
    const ok = await confirmAction({
      title: t('codes.deleteTitle'), message: t('codes.deleteMessage', { code: row.code }), confirm: t('action.delete'),
    });
    if (!ok) {
      return;
    }
    try {
      await api.delete('/api/v1/distributors/me/codes/{id}', { params: { id: row.id } });
      toast(t('codes.deleted', { code: row.code }));
      this.load();
    } catch (error) {
      toast(error.status === 409 ? t('codes.deleteInUse') : error.message, 'danger');
    }
  }

  async deleteSelected() {
    const ids = [...this.selected];
    const ok = await confirmAction({
      title: t('codes.batchDeleteTitle'), message: t('codes.batchDeleteMessage', { count: ids.length }), confirm: t('action.delete'),
    });
    if (!ok) {
      return;
    }
    try {
      const answer = await api.delete('/api/v1/redeem-codes/batch', { body: { ids } });
      toast(t('codes.batchDeleted', { deleted: answer.deleted_count, inUse: answer.in_use.length }),
        answer.in_use.length ? 'warning' : 'success');
      this.load();
    } catch (error) {
      toastError(error);
    }
  }

  select(id, on) {
    const next = new Set(this.selected);
    if (on) {
      next.add(id);
    } else {
      next.delete(id);
    }
    this.selected = next;
  }

  render() {
    const buy = html`<sl-button variant="primary" class="buy-codes" @click=${() => window.dispatchEvent(new Event('ih-buy'))}>
      <sl-icon slot="prefix" name="cart-plus"></sl-icon>${t('action.buyCodes')}</sl-button>`;
    const rows = this.rows;
    const allSelected = rows && rows.length > 0 && rows.every((r) => this.selected.has(r.id));
    return html`${pageHeader(t('menu.codes'), buy)}
      <div class="card">
        <div class="filters" role="search">
          <sl-select class="filter-status" label=${t('field.status')} size="small" value=${this.status} placeholder=${t('filter.all')} clearable
            @sl-change=${(e) => this.filterChanged('status', e.target.value)}>
            ${STATUSES.map((s) => html`<sl-option value=${s}>${t(`codeStatus.${s}`)}</sl-option>`)}
          </sl-select>
          <sl-select class="filter-usage" label=${t('codes.usageFilter')} size="small" value=${this.usage} placeholder=${t('filter.all')} clearable
            @sl-change=${(e) => this.filterChanged('usage', e.target.value)}>
            <sl-option value="unused">${t('codes.unused')}</sl-option><sl-option value="used">${t('codes.used')}</sl-option>
          </sl-select>
          <sl-input class="filter-search" label=${t('codes.search')} size="small" placeholder=${t('codes.searchPlaceholder')} clearable
            @sl-input=${(e) => this.searchTyped(e.target.value)} @sl-clear=${() => this.filterChanged('query', '')}>
            <sl-icon slot="prefix" name="search"></sl-icon></sl-input>
          <div class="filters-end">
            <ih-export class="export-codes" kind="codes" .filters=${{ status: this.status, q: this.query }}></ih-export>
            ${this.selected.size > 0 ? html`<span class="selection">${t('codes.selected', { count: this.selected.size })}</span>
              <sl-button size="small" variant="danger" outline class="batch-delete" @click=${() => this.deleteSelected()}>
                <sl-icon slot="prefix" name="trash"></sl-icon>${t('codes.batchDelete')}</sl-button>` : nothing}
          </div>
        </div>
        ${dataTable({
    label: t('menu.codes'),
    rows,
    rowKey: (r) => r.id,
    columns: [
      {
        title: html`<sl-checkbox class="select-all" ?checked=${allSelected} ?disabled=${!rows || rows.length === 0}
          @sl-change=${(e) => { this.selected = e.target.checked ? new Set(rows.map((r) => r.id)) : new Set(); }}>
          <span class="visually-hidden">${t('codes.selectAll')}</span></sl-checkbox>`,
        className: 'check',
        render: (r) => html`<sl-checkbox class="select-row" ?checked=${this.selected.has(r.id)} @sl-change=${(e) => this.select(r.id, e.target.checked)}>
          <span class="visually-hidden">${t('codes.selectRow', { code: r.code })}</span></sl-checkbox>`,
      },
      { title: t('field.code'), className: 'nowrap', render: (r) => html`<span class="mono code">${r.code}</span>` },
      { title: t('field.status'), render: (r) => statusTag('codeStatus', r.status) },
      { title: t('codes.usage'), className: 'num', render: (r) => html`<span class="usage">${r.used_count}/${r.max_uses === 0 ? '∞' : r.max_uses}</span>` },
      { title: t('codes.boundEmail'), render: (r) => r.bound_email ?? html`<span class="muted">—</span>` },
      { title: t('codes.expiresAt'), className: 'nowrap', render: (r) => (r.expires_at ? dateTime(r.expires_at) : html`<span class="muted">${t('codes.noExpiry')}</span>`) },
      { title: t('codes.validity'), className: 'num nowrap', render: (r) => t('codes.days', { days: r.validity_days }) },
      { title: t('field.actions'), className: 'actions', render: (r) => this.actions(r) },
    ],
    empty: emptyState({
      icon: 'upc-scan', text: this.status || this.query ? t('codes.noMatch') : t('codes.empty'),
      action: this.status || this.usage || this.query ? nothing
        : html`<sl-button size="small" variant="primary" @click=${() => window.dispatchEvent(new Event('ih-buy'))}>${t('action.buyCodes')}</sl-button>`,
    }),
  })}
        ${rows && rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}
      </div>`;
  }

  actions(row) {
    return html`<div class="row-actions">
      <sl-button-group label=${t('codes.copyLinks')} class="copy-split">
        <sl-button size="small" class="copy-own" @click=${() => this.copy('own', row.code)}>
          <sl-icon slot="prefix" name="link-45deg"></sl-icon>${t('action.copyLink')}</sl-button>
        <sl-dropdown placement="bottom-end" hoist>
          <sl-button slot="trigger" size="small" caret class="copy-more" aria-label=${t('codes.moreLinks')}></sl-button>
          <sl-menu @sl-select=${() => this.copy('official', row.code)}>
            <sl-menu-item value="official" class="copy-official">${t('codes.copyOfficial')}</sl-menu-item>
          </sl-menu>
        </sl-dropdown>
      </sl-button-group>
      <sl-tooltip content=${row.active ? t('codes.disableHint') : t('codes.enableHint')} hoist>
        <sl-switch size="small" class="toggle" .checked=${live(row.active)} @sl-change=${() => this.toggle(row)}>
          <span class="visually-hidden">${t('codes.enabledLabel', { code: row.code })}</span></sl-switch></sl-tooltip>
      <sl-icon-button name="trash" class="delete" label=${t('codes.deleteRow', { code: row.code })} @click=${() => this.deleteCode(row)}></sl-icon-button>
    </div>`;
  }
}

customElements.define('ih-codes', CodesPage);
