import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime, number } from '../../core/format.js';
import { confirmAction, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, pager, statusTag } from '../page.js';
import { card } from './common.js';

const PAGE_SIZE = 20;
const REMOVABLE = ['WAITING', 'INVITED', 'JOINED'];

/**
 * Invitations: find a customer's invitations by e-mail or code (GET /admin/invitations?q=), remove a member or cancel
 * a waiting invitation as staff (POST /admin/invitations/{id}/remove: the code's use comes back), and the background
 * removals that kept failing, each with its error and a retry (GET /admin/invitations/removal-failures).
 */
class InvitationsPage extends ConsoleElement {
  static properties = { query: { state: true }, rows: { state: true }, failures: { state: true }, loading: { state: true }, busy: { state: true } };

  constructor() {
    super();
    this.cursors = new Cursors();
    this.query = '';
    this.rows = [];
    this.failures = null;
    this.failureAfter = [];
    this.nextAfter = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.loadFailures();
  }

  async search(event) {
    event?.preventDefault();
    const q = this.querySelector('sl-input.invitation-search').value.trim();
    if (!q) {
      return;
    }
    this.query = q;
    this.cursors.reset();
    await this.load();
  }

  async load() {
    await this.loadList('/api/v1/admin/invitations', { q: this.query }, { pageSize: PAGE_SIZE });
  }

  async loadFailures(after = null) {
    try {
      const page = await api.get('/api/v1/admin/invitations/removal-failures', { query: { limit: PAGE_SIZE, after: after ?? undefined } });
      this.failures = page.items;
      this.nextAfter = page.next_after;
    } catch (error) {
      toastError(error);
      this.failures ??= [];
    }
  }

  async removeInvitation(row, { retry = false } = {}) {
    const id = row.id ?? row.invitation_id;
    const ok = await confirmAction({
      title: t(retry ? 'invitations.retryTitle' : 'invitations.removeTitle', { email: row.email }),
      message: t(row.state === 'WAITING' ? 'invitations.cancelMessage' : 'invitations.removeMessage', { email: row.email, team: row.team_name ?? '—' }),
      confirm: t(retry ? 'invitations.retry' : 'members.remove'),
    });
    if (!ok) {
      return;
    }
    this.busy = id;
    try {
      const answer = await api.post('/api/v1/admin/invitations/{id}/remove', { params: { id }, body: { reason: retry ? 'staff retry' : 'staff removal' } });
      toast(answer.code_usage_restored ? t('invitations.removedUseBack', { email: row.email }) : t('invitations.removed', { email: row.email, status: t(`invitation.${answer.status}`) }));
      await Promise.all([this.query ? this.load() : null, this.loadFailures()]);
    } catch (error) {
      toastError(error);
    } finally {
      this.busy = null;
    }
  }

  render() {
    return html`${pageHeader(t('menu.invitations'))}
      <div class="card">
        <form class="filters" role="search" @submit=${(e) => this.search(e)}>
          <sl-input class="filter-search invitation-search" size="small" label=${t('invitations.search')} placeholder=${t('invitations.searchPlaceholder')}
            clearable><sl-icon slot="prefix" name="search"></sl-icon></sl-input>
          <sl-button size="small" variant="primary" type="submit" class="search-invitations" ?loading=${this.loading}>${t('filter.search')}</sl-button>
        </form>
        ${this.query ? this.results() : html`<p class="card-hint">${t('invitations.hint')}</p>`}
      </div>
      ${card(t('invitations.failures'), this.failuresBody(), { className: 'failures-card' })}`;
  }

  results() {
    return html`${dataTable({
      label: t('invitations.results'),
      rows: this.rows,
      columns: [
        { title: t('field.email'), render: (r) => r.email },
        { title: t('field.code'), className: 'nowrap', render: (r) => html`<span class="mono">${r.code}</span>` },
        { title: t('invitations.distributor'), render: (r) => r.distributor ?? html`<span class="muted">${t('codes.platform')}</span>` },
        { title: t('field.team'), render: (r) => r.team_name ?? '—' },
        { title: t('field.status'), render: (r) => html`${statusTag('invitation', r.state)}${r.rebind ? html` <sl-tag size="small">${t('invitations.rebind')}</sl-tag>` : nothing}
            ${r.removal_failed ? html`<div class="error-text small">${t('invitations.removalFailed')}</div>` : nothing}` },
        { title: t('field.createdAt'), className: 'nowrap', render: (r) => dateTime(r.created_at) },
        { title: t('sales.acceptedAt'), className: 'nowrap', render: (r) => dateTime(r.accepted_at) },
        { title: t('invitations.ended'), className: 'nowrap', render: (r) => (r.ended_at ? html`${dateTime(r.ended_at)}<div class="muted small">${r.end_reason ?? ''}</div>` : '—') },
        { title: t('field.actions'), className: 'actions', render: (r) => (REMOVABLE.includes(r.state)
          ? html`<sl-button size="small" variant="danger" outline class="remove-invitation" ?loading=${this.busy === r.id} @click=${() => this.removeInvitation(r)}>
              ${t(r.state === 'WAITING' ? 'invitations.cancel' : 'members.remove')}</sl-button>` : nothing) },
      ],
      empty: emptyState({ icon: 'search', text: t('invitations.noMatch', { q: this.query }) }),
    })}
    ${this.rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}`;
  }

  failuresBody() {
    return html`<p class="card-hint">${t('invitations.failuresHint')}</p>
      ${dataTable({
    label: t('invitations.failures'),
    rows: this.failures,
    rowKey: (r) => r.invitation_id,
    columns: [
      { title: t('field.email'), render: (r) => r.email },
      { title: t('field.team'), render: (r) => r.team_name ?? '—' },
      { title: t('field.status'), render: (r) => statusTag('invitation', r.state) },
      { title: t('invitations.kind'), render: (r) => (r.removal_kind ? t(`removalKind.${r.removal_kind}`) : '—') },
      { title: t('invitations.attempts'), className: 'num', render: (r) => number(r.failed_attempts) },
      { title: t('invitations.error'), render: (r) => html`<span class="error-text small">${r.error ?? ''}</span>` },
      { title: t('invitations.updated'), className: 'nowrap', render: (r) => dateTime(r.updated_at) },
      { title: t('field.actions'), className: 'actions', render: (r) => html`<sl-button size="small" variant="primary" class="retry-removal"
          ?loading=${this.busy === r.invitation_id} @click=${() => this.removeInvitation(r, { retry: true })}>${t('invitations.retry')}</sl-button>` },
    ],
    empty: emptyState({ icon: 'check2-circle', text: t('invitations.noFailures') }),
  })}
      ${this.nextAfter || this.failureAfter.length > 0 ? html`<nav class="pager" aria-label=${t('pager.label')}>
        <sl-button size="small" class="pager-previous" ?disabled=${this.failureAfter.length === 0}
          @click=${() => { this.failureAfter.pop(); this.loadFailures(this.failureAfter.at(-1) ?? null); }}>${t('pager.previous')}</sl-button>
        <sl-button size="small" class="pager-next" ?disabled=${!this.nextAfter}
          @click=${() => { this.failureAfter.push(this.nextAfter); this.loadFailures(this.nextAfter); }}>${t('pager.next')}</sl-button></nav>` : nothing}`;
  }
}

customElements.define('ih-invitations', InvitationsPage);
