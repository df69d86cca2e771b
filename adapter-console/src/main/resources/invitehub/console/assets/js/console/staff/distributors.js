import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime, money, number } from '../../core/format.js';
import { confirmAction, copyText, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, pager, statusTag } from '../page.js';
import { disposeChart, drawChart, trendOption } from '../charts.js';
import { card, formDialog, isAdmin, secretDialog, statCard } from './common.js';
import { AMOUNTS, adjustBalance, amountTitle, bookRefund, setUnitPrice } from './settlement.js';
import '../export-button.js';

const PAGE_SIZE = 20;
const APPROVALS = ['pending', 'approved', 'rejected', 'suspended'];
const SORTS = ['id', 'total_codes', 'redeem_attempts', 'invites_accepted', 'members_active', 'revenue'];
const SUMMARY = ['total_revenue_estimate', 'invites_accepted', 'members_active', 'redeem_attempts', 'invites_sent_success',
  'members_removed', 'total_codes', 'unit_price'];

/**
 * Distributors: the sign-ups waiting for approval (ADMIN: approve, reject with a reason), the sortable paged list
 * with the SPEC section 5 numbers (GET /distributors), and each distributor's detail in a drawer (summary, trend,
 * sales, members, codes, orders) with its actions: grant codes (staff), suspend, reactivate, delete, reset the
 * password (ADMIN). Refusals say why, in the API's words looked up in the message table.
 */
class DistributorsPage extends ConsoleElement {
  static properties = {
    rows: { state: true }, pending: { state: true }, loading: { state: true }, status: { state: true }, sort: { state: true },
    detail: { state: true },
  };

  constructor() {
    super();
    this.cursors = new Cursors();
    this.rows = null;
    this.pending = null;
    this.status = '';
    this.sort = 'id';
    this.detail = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
    if (isAdmin()) {
      this.loadPending();
    }
  }

  async load() {
    await this.loadList('/api/v1/distributors', { status: this.status || undefined, sort: this.sort }, { pageSize: PAGE_SIZE });
  }

  async loadPending() {
    try {
      this.pending = (await api.get('/api/v1/admins/pending-distributors', { query: { limit: 100, cursor: '' } })).items;
    } catch (error) {
      toastError(error);
      this.pending = [];
    }
  }

  reload() {
    this.cursors.reset();
    this.load();
    if (isAdmin()) {
      this.loadPending();
    }
  }

  filterChanged(name, value) {
    this[name] = value;
    this.cursors.reset();
    this.load();
  }

  async approve(row) {
    try {
      await api.post('/api/v1/admins/distributors/{id}/approve', { params: { id: row.id } });
      toast(t('distributors.approved', { name: row.username }));
      this.reload();
    } catch (error) {
      toastError(error);
    }
  }

  async reject(row) {
    const done = await formDialog({
      title: t('distributors.rejectTitle', { name: row.username }), className: 'reject-dialog', danger: true,
      intro: t('distributors.rejectIntro'), submitLabel: t('distributors.reject'),
      fields: [{ name: 'reason', label: t('distributors.reason'), type: 'textarea', help: t('distributors.reasonHelp') }],
      submit: (v) => api.post('/api/v1/admins/distributors/{id}/reject', { params: { id: row.id }, body: { reason: v.reason } }),
    });
    if (done) {
      toast(t('distributors.rejected', { name: row.username }));
      this.reload();
    }
  }

  async create() {
    const created = await formDialog({
      title: t('distributors.create'), className: 'create-distributor', submitLabel: t('action.create'),
      fields: [
        { name: 'username', label: t('field.username'), required: true, help: t('signUp.usernameHelp') },
        { name: 'email', label: t('field.email'), type: 'email', required: true },
        { name: 'password', label: t('field.password'), type: 'password', required: true, help: t('distributors.passwordHelp') },
      ],
      submit: (v) => api.post('/api/v1/admins/distributors/create', { body: v }),
    });
    if (created) {
      toast(t('distributors.created', { name: created.username }));
      this.reload();
    }
  }

  render() {
    const action = isAdmin() ? html`<sl-button variant="primary" class="create-distributor-button" @click=${() => this.create()}>
      <sl-icon slot="prefix" name="person-plus"></sl-icon>${t('distributors.create')}</sl-button>` : nothing;
    return html`${pageHeader(t('menu.distributors'), action)}
      ${isAdmin() ? this.pendingCard() : nothing}
      <div class="card distributor-list">
        <div class="filters" role="search">
          <sl-select class="filter-status" label=${t('field.status')} size="small" value=${this.status} placeholder=${t('filter.all')} clearable
            @sl-change=${(e) => this.filterChanged('status', e.target.value)}>
            ${APPROVALS.map((a) => html`<sl-option value=${a}>${t(`approval.${a.toUpperCase()}`)}</sl-option>`)}
          </sl-select>
          <sl-select class="filter-sort" label=${t('distributors.sort')} size="small" value=${this.sort}
            @sl-change=${(e) => this.filterChanged('sort', e.target.value || 'id')}>
            ${SORTS.map((s) => html`<sl-option value=${s}>${t(`distributors.sort.${s}`)}</sl-option>`)}
          </sl-select>
        </div>
        ${dataTable({
    label: t('menu.distributors'),
    rows: this.rows,
    columns: [
      { title: t('field.username'), render: (r) => html`<a href="#" class="open-detail" @click=${(e) => { e.preventDefault(); this.open(r.id); }}>${r.username}</a>` },
      { title: t('field.status'), render: (r) => statusTag('approval', r.approval) },
      { title: t('stat.total_codes'), className: 'num', render: (r) => html`<span data-stat="total_codes">${number(r.summary.total_codes)}</span>` },
      { title: t('stat.redeem_attempts'), className: 'num', render: (r) => html`<span data-stat="redeem_attempts">${number(r.summary.redeem_attempts)}</span>` },
      { title: t('stat.invites_accepted'), className: 'num', render: (r) => html`<span data-stat="invites_accepted">${number(r.summary.invites_accepted)}</span>` },
      { title: t('stat.members_active'), className: 'num', render: (r) => html`<span data-stat="members_active">${number(r.summary.members_active)}</span>` },
      { title: t('stat.total_revenue_estimate'), className: 'num nowrap',
        render: (r) => html`<span data-stat="total_revenue_estimate">${money(r.summary.total_revenue_estimate, r.summary.currency)}</span>` },
      { title: t('field.actions'), className: 'actions', render: (r) => html`<sl-button size="small" class="view-detail" @click=${() => this.open(r.id)}>${t('action.view')}</sl-button>` },
    ],
    empty: emptyState({ icon: 'shop', text: this.status ? t('distributors.noMatch') : t('distributors.empty') }),
  })}
        ${this.rows && this.rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}
      </div>
      ${this.detail === null ? nothing : html`<ih-distributor-detail .distributorId=${this.detail}
        @ih-changed=${() => this.reload()} @ih-closed=${() => { this.detail = null; }}></ih-distributor-detail>`}`;
  }

  open(id) {
    this.detail = null;
    this.updateComplete.then(() => { this.detail = id; });
  }

  pendingCard() {
    return card(t('distributors.pending'), dataTable({
      label: t('distributors.pending'),
      rows: this.pending,
      columns: [
        { title: t('field.username'), render: (r) => r.username },
        { title: t('field.email'), render: (r) => r.email ?? '—' },
        { title: t('field.actions'), className: 'actions', render: (r) => html`<div class="row-actions">
          <sl-button size="small" variant="primary" class="approve" @click=${() => this.approve(r)}>${t('distributors.approve')}</sl-button>
          <sl-button size="small" variant="danger" outline class="reject" @click=${() => this.reject(r)}>${t('distributors.reject')}</sl-button></div>` },
      ],
      empty: emptyState({ icon: 'person-check', text: t('distributors.noPending') }),
    }), { className: 'pending-card' });
  }
}

/**
 * One distributor in a drawer: its account and summary (GET /admins/distributors/{id}/detail), the 30-day trend,
 * and its sales, members, codes and orders, one tab each (first page, keyset "next" inside), and its statements
 * (GET /distributors/{id}/statements: the running month computed now and the written ones) with the balance, an
 * adjustment of it, a refund credit, the settlement price (GET /distributors/{id}/unit-price; an ADMIN changes it),
 * and the statements, ledger and settlement files as CSV.
 */
class DistributorDetail extends ConsoleElement {
  static properties = {
    distributorId: {}, detail: { state: true }, tab: { state: true }, lists: { state: true }, trend: { state: true }, statements: { state: true },
    price: { state: true },
  };

  constructor() {
    super();
    this.detail = null;
    this.tab = 'summary';
    this.lists = {};
    this.cursors = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  disconnectedCallback() {
    this.querySelectorAll('.chart').forEach(disposeChart);
    super.disconnectedCallback();
  }

  firstUpdated() {
    requestAnimationFrame(() => this.querySelector('sl-drawer')?.show());
  }

  async load() {
    try {
      const [detail, trend] = await Promise.all([
        api.get('/api/v1/admins/distributors/{id}/detail', { params: { id: this.distributorId } }),
        api.get('/api/v1/distributors/{id}/sales-trend', { params: { id: this.distributorId }, query: { days: 30 } }),
      ]);
      this.detail = detail;
      this.trend = trend;
    } catch (error) {
      toastError(error);
    }
  }

  async updated() {
    const chart = this.querySelector('.chart[data-chart=distributor-trend]');
    if (chart && this.trend) {
      await drawChart(chart, trendOption(this.trend));
      this.dataset.ready = 'true';
    }
  }

  static LISTS = {
    sales: { path: '/api/v1/distributors/{id}/sales' },
    members: { path: '/api/v1/distributors/{id}/members' },
    codes: { path: '/api/v1/redeem-codes', distributorQuery: true },
    orders: { path: '/api/v1/admin/orders', buyerQuery: true },
  };

  /** One tab's list: its rows go to lists[name] (each tab its own pager and newest request). */
  async loadTab(name) {
    const spec = DistributorDetail.LISTS[name];
    this.cursors[name] ??= new Cursors();
    const id = this.distributorId;
    await this.loadList(spec.path, { distributor_id: spec.distributorQuery ? id : undefined, buyer_id: spec.buyerQuery ? id : undefined }, {
      pageSize: 10, params: { id }, cursors: this.cursors[name], into: `${name}Tab`, loading: null,
    });
    this.lists = { ...this.lists, [name]: this[`${name}Tab`] };
  }

  tabShown(name) {
    this.tab = name;
    if (name in DistributorDetail.LISTS && !(name in this.lists)) {
      this.loadTab(name);
    }
    // read again each time the tab is shown: acceptances, payments and other staff's entries move the balance meanwhile
    if (name === 'statements') {
      this.loadStatements();
      this.loadPrice();
    }
  }

  async loadStatements() {
    this.statements = null;
    try {
      this.statements = await api.get('/api/v1/distributors/{id}/statements', { params: { id: this.distributorId } });
    } catch (error) {
      toastError(error);
      this.statements = [];
    }
  }

  async loadPrice() {
    try {
      this.price = await api.get('/api/v1/distributors/{id}/unit-price', { params: { id: this.distributorId } });
    } catch (error) {
      toastError(error);
      this.price = null;
    }
  }

  currency() {
    return this.statements?.[0]?.currency ?? this.price?.currency ?? this.detail.summary.currency;
  }

  async adjust() {
    if (await adjustBalance(this.detail, this.currency())) {
      this.loadStatements();
    }
  }

  async refund() {
    if (await bookRefund(this.detail, this.currency())) {
      this.loadStatements();
    }
  }

  /** The price moves no balance; the summary's price and revenue estimate follow it, so the account is read again too. */
  async changePrice() {
    if (await setUnitPrice(this.detail, this.price)) {
      this.loadPrice();
      this.loadStatements();
      this.load();
    }
  }

  changed(message) {
    toast(message);
    this.dispatchEvent(new CustomEvent('ih-changed'));
    this.load();
  }

  async grant() {
    const d = this.detail;
    const issued = await formDialog({
      title: t('distributors.grantTitle', { name: d.username }), className: 'grant-dialog', submitLabel: t('distributors.grant'),
      intro: t('distributors.grantIntro'),
      fields: codeFields(),
      submit: (v) => api.post('/api/v1/distributors/{id}/grant-codes', { params: { id: d.id }, body: codeBody(v) }),
    });
    if (issued) {
      this.changed(t('distributors.granted', { count: issued.count, name: d.username }));
      await showCodes(issued.codes, t('distributors.grantedTitle', { count: issued.count }));
    }
  }

  async move(kind) {
    const d = this.detail;
    const ok = await confirmAction({
      title: t(`distributors.${kind}Title`, { name: d.username }), message: t(`distributors.${kind}Message`, { name: d.username }),
      confirm: t(`distributors.${kind}`), danger: kind !== 'reactivate',
    });
    if (!ok) {
      return;
    }
    try {
      if (kind === 'delete') {
        await api.delete('/api/v1/admins/distributors/{id}', { params: { id: d.id } });
        toast(t('distributors.deleted', { name: d.username }));
        this.dispatchEvent(new CustomEvent('ih-changed'));
        this.querySelector('sl-drawer').hide();
        return;
      }
      await api.post(`/api/v1/admins/distributors/{id}/${kind}`, { params: { id: d.id } });
      this.changed(t(`distributors.done.${kind}`, { name: d.username }));
    } catch (error) {
      // the refusal explained: a distributor with codes, orders or invitations is suspended, not deleted; one with
      // settlement records or customer notes says so in its own words (error.DISTRIBUTOR_HAS_RECORDS)
      const refused = kind === 'delete' && error.status === 409 && error.code !== 'DISTRIBUTOR_HAS_RECORDS';
      toast(refused ? t('distributors.deleteRefused', { name: d.username }) : error.message, 'danger');
    }
  }

  async resetPassword() {
    const d = this.detail;
    const ok = await confirmAction({ title: t('accounts.resetTitle', { name: d.username }), message: t('accounts.resetMessage'), confirm: t('accounts.reset') });
    if (!ok) {
      return;
    }
    try {
      const answer = await api.post('/api/v1/admin/accounts/{id}/reset-password', { params: { id: d.id } });
      await secretDialog({ title: t('accounts.temporaryTitle', { name: d.username }), text: t('accounts.temporaryText'), secret: answer.temporary_password });
    } catch (error) {
      toastError(error);
    }
  }

  render() {
    const d = this.detail;
    return html`<sl-drawer class="distributor-drawer" label=${d ? d.username : t('menu.distributors')}
      @sl-after-hide=${(e) => { if (e.target.classList.contains('distributor-drawer')) { this.dispatchEvent(new CustomEvent('ih-closed')); } }}>
      ${d ? this.body(d) : html`<sl-skeleton effect="pulse"></sl-skeleton>`}
    </sl-drawer>`;
  }

  body(d) {
    const admin = isAdmin();
    return html`<div class="detail-head">
        <div class="detail-facts">${statusTag('approval', d.approval)} <span class="muted">${d.email ?? ''}</span> <span class="muted">#${d.id}</span></div>
        <div class="detail-actions">
          ${d.approval === 'APPROVED' ? html`<sl-button size="small" variant="primary" class="grant-codes" @click=${() => this.grant()}>
            <sl-icon slot="prefix" name="gift"></sl-icon>${t('distributors.grant')}</sl-button>` : nothing}
          ${admin && d.approval === 'APPROVED' ? html`<sl-button size="small" class="suspend" @click=${() => this.move('suspend')}>${t('distributors.suspend')}</sl-button>` : nothing}
          ${admin && d.approval === 'SUSPENDED' ? html`<sl-button size="small" class="reactivate" @click=${() => this.move('reactivate')}>${t('distributors.reactivate')}</sl-button>` : nothing}
          ${admin ? html`<sl-button size="small" class="reset-password" @click=${() => this.resetPassword()}>${t('accounts.reset')}</sl-button>` : nothing}
          ${admin ? html`<sl-button size="small" variant="danger" outline class="delete-distributor" @click=${() => this.move('delete')}>${t('action.delete')}</sl-button>` : nothing}
        </div>
      </div>
      <sl-tab-group @sl-tab-show=${(e) => this.tabShown(e.detail.name)}>
        ${['summary', 'sales', 'members', 'codes', 'orders', 'statements'].map((name) => html`<sl-tab slot="nav" panel=${name} class=${`tab-${name}`}>${t(`distributors.tab.${name}`)}</sl-tab>`)}
        <sl-tab-panel name="summary">${this.summaryPanel(d.summary)}</sl-tab-panel>
        <sl-tab-panel name="sales">${this.listPanel('sales', [
          { title: t('field.email'), render: (r) => r.email },
          { title: t('field.code'), className: 'nowrap', render: (r) => html`<span class="mono">${r.code}</span>` },
          { title: t('field.status'), render: (r) => statusTag('invitation', r.status) },
          { title: t('field.createdAt'), className: 'nowrap', render: (r) => dateTime(r.created_at) },
        ])}</sl-tab-panel>
        <sl-tab-panel name="members">${this.listPanel('members', [
          { title: t('field.email'), render: (r) => r.email },
          { title: t('field.team'), render: (r) => r.team_name ?? '—' },
          { title: t('field.status'), render: (r) => statusTag('invitation', r.status) },
          { title: t('members.joinedAt'), className: 'nowrap', render: (r) => dateTime(r.joined_at) },
        ])}</sl-tab-panel>
        <sl-tab-panel name="codes">${this.listPanel('codes', [
          { title: t('field.code'), className: 'nowrap', render: (r) => html`<span class="mono">${r.code}</span>` },
          { title: t('field.status'), render: (r) => statusTag('codeStatus', r.status) },
          { title: t('codes.usage'), className: 'num', render: (r) => `${r.used_count}/${r.max_uses === 0 ? '∞' : r.max_uses}` },
          { title: t('codes.boundEmail'), render: (r) => r.bound_email ?? '—' },
        ])}</sl-tab-panel>
        <sl-tab-panel name="orders">${this.listPanel('orders', [
          { title: t('orders.orderNo'), className: 'nowrap', render: (r) => html`<span class="mono">${r.order_no}</span>` },
          { title: t('orders.amount'), className: 'num nowrap', render: (r) => money(r.final_amount, r.currency) },
          { title: t('orders.status'), render: (r) => statusTag('order', r.status) },
          { title: t('orders.fulfilment'), className: 'nowrap', render: (r) => `${r.delivered_count} / ${r.codes_total}` },
          { title: t('field.createdAt'), className: 'nowrap', render: (r) => dateTime(r.created_at) },
        ])}</sl-tab-panel>
        <sl-tab-panel name="statements">${this.statementsPanel(d)}</sl-tab-panel>
      </sl-tab-group>`;
  }

  summaryPanel(s) {
    return html`<div class="grid cols-4 detail-stats">${SUMMARY.map((key) => statCard(t(`stat.${key}`),
      key === 'total_revenue_estimate' || key === 'unit_price' ? money(s[key], s.currency) : number(s[key]),
      { definition: t(`stat.${key}.definition`), stat: key }))}</div>
      ${this.trend && this.trend.some((x) => x.redeemed || x.invited || x.accepted || x.removed)
    ? html`<div class="chart small" data-chart="distributor-trend" role="img" aria-label=${t('dashboard.trend')}></div>`
    : emptyState({ icon: 'graph-up', text: t('distributors.trendEmpty') })}`;
  }

  /** The running month's closing is the balance as it stands; the written months follow, newest first. */
  statementsPanel(d) {
    const rows = this.statements ?? null;
    const running = rows?.find((s) => s.computed) ?? null;
    const file = (layout) => ({ template: '/api/v1/distributors/{id}/settlement/files/{layout}', params: { id: d.id, layout } });
    return html`<div class="statements-head">
        ${statCard(t('staffSettlement.balance'), rows === null ? html`<sl-skeleton effect="pulse"></sl-skeleton>`
    : running ? money(running.closing, running.currency) : '—', { definition: t('staffSettlement.balance.definition'), stat: 'balance' })}
        ${this.priceCard()}
        <div class="row-actions statements-actions">
          <sl-button size="small" variant="primary" class="adjust-balance" ?disabled=${rows === null} @click=${() => this.adjust()}>
            <sl-icon slot="prefix" name="plus-slash-minus"></sl-icon>${t('staffSettlement.adjust')}</sl-button>
          <sl-button size="small" class="book-refund" ?disabled=${rows === null} @click=${() => this.refund()}>
            <sl-icon slot="prefix" name="arrow-counterclockwise"></sl-icon>${t('staffSettlement.refund')}</sl-button>
          <ih-export class="export-statements" kind="statements" .distributor=${d.id} label=${t('staffSettlement.exportStatements')}></ih-export>
          <ih-export class="export-ledger" kind="ledger" .distributor=${d.id} label=${t('staffSettlement.exportLedger')}></ih-export>
          <ih-export class="file-collect" .file=${file('collect')} label=${t('staffSettlement.fileCollect')}></ih-export>
          <ih-export class="file-payouts" .file=${file('payouts')} label=${t('staffSettlement.filePayouts')}></ih-export>
        </div>
      </div>
      ${dataTable({ label: t('distributors.tab.statements'), rows, rowKey: (s) => s.period,
    columns: [
      { title: t('settlement.period'), className: 'nowrap', render: (s) => html`<span class="period">${s.period}</span>${s.computed
        ? html` <sl-tag size="small" variant="primary" class="running">${t('settlement.running')}</sl-tag>` : nothing}` },
      ...AMOUNTS.map((key) => ({
        title: amountTitle(key), className: `num nowrap amount-${key}`, render: (s) => money(s[key], s.currency) })),
      { title: t('field.status'), render: (s) => statusTag('statement', s.state) },
      { title: t('settlement.paidAt'), className: 'nowrap', render: (s) => (s.paid_at ? html`${dateTime(s.paid_at)}<div class="muted small payment-reference">${s.payment_reference}</div>` : '—') },
    ],
    empty: emptyState({ icon: 'journal-check', text: t('settlement.noStatements') }) })}`;
  }

  /** The price the next acceptance on a granted code is charged at: the distributor's own, or the platform's default. */
  priceCard() {
    const p = this.price;
    const value = p === undefined ? html`<sl-skeleton effect="pulse"></sl-skeleton>` : p === null ? '—'
      : html`<span class="unit-price-effective">${money(p.effective_unit_price, p.currency)}</span>
        <div class="muted small unit-price-source">${p.unit_price !== null ? t('staffSettlement.priceOwn', { platform: money(p.default_unit_price, p.currency) })
    : t('staffSettlement.pricePlatform')}</div>
        ${isAdmin() ? html`<sl-button size="small" variant="text" class="set-unit-price" @click=${() => this.changePrice()}>
          <sl-icon slot="prefix" name="pencil"></sl-icon>${t('staffSettlement.priceChange')}</sl-button>` : nothing}`;
    return statCard(t('staffSettlement.price'), value, { definition: t('staffSettlement.price.definition'), stat: 'unit-price' });
  }

  listPanel(name, columns) {
    const rows = this.lists[name] ?? null;
    const cursors = this.cursors[name];
    return html`${dataTable({ label: t(`distributors.tab.${name}`), rows, columns, rowKey: (r) => r.id ?? r.order_no,
      empty: emptyState({ icon: 'inbox', text: t('distributors.listEmpty') }) })}
      ${rows && rows.length > 0 && cursors ? pager(cursors, () => { cursors.back(); this.loadTab(name); },
    () => { cursors.forward(); this.loadTab(name); }, false) : nothing}`;
  }
}

/** The fields of a batch of codes: count, uses, membership days, redeem-by days, note. */
export function codeFields() {
  return [
    { name: 'count', label: t('codes.count'), type: 'number', value: '10', required: true, min: 1, max: 10000, help: t('codes.countHelp') },
    { name: 'max_uses', label: t('codes.maxUses'), type: 'number', value: '1', required: true, min: 0, help: t('codes.maxUsesHelp') },
    { name: 'validity_days', label: t('codes.validityDays'), type: 'number', value: '30', required: true, min: 1, help: t('codes.validityHelp') },
    { name: 'expires_days', label: t('codes.expiresDays'), type: 'number', min: 1, help: t('codes.expiresHelp') },
    { name: 'note', label: t('codes.note'), type: 'textarea' },
  ];
}

/** The body of a grant or a platform batch: only the fields given (the API refuses unknown ones, and null is absent). */
export function codeBody(v) {
  const body = { count: v.count, max_uses: v.max_uses, validity_days: v.validity_days };
  if (v.expires_days !== null) {
    body.expires_days = v.expires_days;
  }
  if (v.note !== null) {
    body.note = v.note;
  }
  if (v.group_id) {
    body.group_id = Number(v.group_id);
  }
  return body;
}

/** The codes just issued, to copy at once (they stay in the code lists too). */
export function showCodes(codes, title) {
  return new Promise((resolve) => {
    const dialog = document.createElement('sl-dialog');
    dialog.className = 'issued-dialog';
    dialog.label = title;
    const text = codes.join('\n');
    dialog.innerHTML = '';
    const area = document.createElement('textarea');
    area.className = 'issued-codes mono';
    area.readOnly = true;
    area.rows = Math.min(10, codes.length);
    area.value = text;
    area.setAttribute('aria-label', title);
    dialog.append(area);
    const copy = Object.assign(document.createElement('sl-button'), { slot: 'footer', className: 'copy-codes', textContent: t('codes.copyAll') });
    copy.addEventListener('click', async () => toast(t(await copyText(text) ? 'codes.copied' : 'toast.copyFailed')));
    const close = Object.assign(document.createElement('sl-button'), { slot: 'footer', variant: 'primary', className: 'dialog-close', textContent: t('action.done') });
    close.addEventListener('click', () => dialog.hide());
    dialog.append(copy, close);
    dialog.addEventListener('sl-after-hide', (event) => {
      if (event.target === dialog) {
        dialog.remove();
        resolve();
      }
    });
    document.body.append(dialog);
    requestAnimationFrame(() => dialog.show());
  });
}

customElements.define('ih-distributors', DistributorsPage);
customElements.define('ih-distributor-detail', DistributorDetail);
