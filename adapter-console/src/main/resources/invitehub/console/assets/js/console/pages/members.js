import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime } from '../../core/format.js';
import { confirmAction, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, pager, statusTag } from '../page.js';
import { customerLink, tagsOfAddress } from '../tags.js';
import '../export-button.js';

const PAGE_SIZE = 20;
const REMOVABLE = ['INVITED', 'JOINED'];

/**
 * Members: GET /me/members (keyset, e-mail/code prefix, customer tags — all of those chosen); removal (POST /me/members/remove) after a
 * dialog that says the code's use comes back; re-invite of a removed member (POST /me/members/add). An e-mail
 * opens the customer's page; the export has the list's filters.
 */
class MembersPage extends ConsoleElement {
  static properties = { rows: { state: true }, loading: { state: true }, query: { state: true }, busy: { state: true }, tags: { state: true } };

  constructor() {
    super();
    this.cursors = new Cursors();
    this.rows = null;
    this.query = '';
    this.tags = tagsOfAddress();
    this.busy = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    await this.loadList('/api/v1/distributors/me/members', this.filters(), { pageSize: PAGE_SIZE });
  }

  /** The list's filters, as the list and its export take them. */
  filters() {
    return { q: this.query || undefined, tag: this.tags.length ? this.tags.join(',') : undefined };
  }

  tagsChosen(tags) {
    this.tags = tags;
    this.cursors.reset();
    this.load();
  }

  searchTyped(value) {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.query = value.trim();
      this.cursors.reset();
      this.load();
    }, 300);
  }

  async removeMember(row) {
    const ok = await confirmAction({
      title: t('members.removeTitle'),
      message: t('members.removeMessage', { email: row.email, team: row.team_name ?? '—', code: row.redeem_code }),
      confirm: t('members.remove'),
    });
    if (!ok) {
      return;
    }
    this.busy = row.id;
    try {
      const answer = await api.post('/api/v1/distributors/me/members/remove', { body: { email: row.email, team_id: row.team_id } });
      toast(answer.code_usage_restored ? t('members.removedUseBack', { email: row.email, code: row.redeem_code })
        : t('members.alreadyRemoved', { email: row.email }));
      await this.load();
    } catch (error) {
      toastError(error);
    } finally {
      this.busy = null;
    }
  }

  async reinvite(row) {
    const ok = await confirmAction({
      title: t('members.reinviteTitle'),
      message: t('members.reinviteMessage', { email: row.email, team: row.team_name ?? '—', code: row.redeem_code }),
      confirm: t('members.reinvite'), danger: false,
    });
    if (!ok) {
      return;
    }
    this.busy = row.id;
    try {
      await api.post('/api/v1/distributors/me/members/add', { body: { email: row.email, team_id: row.team_id } });
      toast(t('members.reinvited', { email: row.email }));
      await this.load();
    } catch (error) {
      toastError(error);
    } finally {
      this.busy = null;
    }
  }

  render() {
    return html`${pageHeader(t('menu.members'))}
      <div class="card">
        <div class="filters" role="search">
          <sl-input class="filter-search" size="small" label=${t('filter.search')} placeholder=${t('filter.emailOrCode')} clearable
            @sl-input=${(e) => this.searchTyped(e.target.value)} @sl-clear=${() => this.searchTyped('')}>
            <sl-icon slot="prefix" name="search"></sl-icon></sl-input>
          <ih-tag-filter .value=${this.tags} @ih-tags=${(e) => this.tagsChosen(e.detail)}></ih-tag-filter>
          <div class="filters-end"><ih-export class="export-members" kind="members" .filters=${this.filters()}></ih-export></div>
        </div>
        ${dataTable({
    label: t('menu.members'),
    rows: this.rows,
    rowClass: (r) => (r.ended ? 'ended' : ''),
    columns: [
      { title: t('field.email'), render: (r) => customerLink(r.email) },
      { title: t('field.team'), render: (r) => r.team_name ?? html`<span class="muted">—</span>` },
      { title: t('field.code'), className: 'nowrap', render: (r) => html`<span class="mono">${r.redeem_code}</span>` },
      { title: t('field.status'), render: (r) => statusTag('invitation', r.status) },
      { title: t('members.joinedAt'), className: 'nowrap', render: (r) => dateTime(r.joined_at) },
      { title: t('field.createdAt'), className: 'nowrap', render: (r) => dateTime(r.created_at) },
      { title: t('field.actions'), className: 'actions', render: (r) => this.actions(r) },
    ],
    empty: emptyState({ icon: 'people', text: this.query || this.tags.length ? t('members.noMatch') : t('members.empty'), hint: this.query || this.tags.length ? nothing : t('dashboard.trendEmptyHint') }),
  })}
        ${this.rows && this.rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}
      </div>`;
  }

  actions(row) {
    if (REMOVABLE.includes(row.status) && row.team_id !== null) {
      return html`<sl-button size="small" variant="danger" outline class="remove-member" ?loading=${this.busy === row.id}
        @click=${() => this.removeMember(row)}>${t('members.remove')}</sl-button>`;
    }
    if (row.status === 'REMOVED' && row.team_id !== null) {
      return html`<sl-button size="small" class="reinvite-member" ?loading=${this.busy === row.id}
        @click=${() => this.reinvite(row)}>${t('members.reinvite')}</sl-button>`;
    }
    return nothing;
  }
}

customElements.define('ih-members', MembersPage);
