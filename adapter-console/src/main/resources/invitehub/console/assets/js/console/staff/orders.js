import { html, nothing } from 'lit';
import { has, t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime, money, number } from '../../core/format.js';
import { confirmAction, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, pager, statusTag } from '../page.js';
import { formDialog, isAdmin, statCard } from './common.js';

const PAGE_SIZE = 20;
const STATUSES = ['PENDING', 'PAID', 'EXPIRED', 'CANCELLED', 'REFUNDED'];
const POLL_MS = 2000;

/**
 * What a payment alert means and what to do, in the page's language: looked up by the alert's stable {@code kind}.
 * The API's {@code detail} stays English (for API clients and the log) and is shown below it as the stored record,
 * since it carries the figures (amounts, channels, the other trade); a kind this page does not know shows the detail.
 */
function alertExplained(alert) {
  const key = `paymentAlertDetail.${alert.kind}`;
  return has(key) ? t(key) : alert.detail;
}

/**
 * Orders: the numbers of the shop (GET /admin/orders/stats), every order newest first with its fulfilment progress
 * (GET /admin/orders; the page follows open fulfilments until they are done), an order's detail, the retry of a
 * failed fulfilment (POST …/retry-fulfilment; not for a refunded order, whose fulfilment was stopped), the refund of a
 * paid order (POST …/refund, ADR 45), and the payment alerts: payments refused after a valid signature, money to refund
 * (GET /admin/payment-alerts?state=open|handled|all, the open ones first), each marked handled with a note once the money
 * went back (POST /admin/payment-alerts/{id}/handled, V54); the tab's badge is the overview's count of open alerts.
 */
class StaffOrdersPage extends ConsoleElement {
  static properties = {
    rows: { state: true }, stats: { state: true }, alerts: { state: true }, loading: { state: true }, status: { state: true },
    tab: { state: true }, buyers: { state: true }, plans: { state: true }, order: { state: true },
    alertState: { state: true }, openAlerts: { state: true },
  };

  constructor() {
    super();
    this.cursors = new Cursors();
    this.alertCursors = new Cursors();
    this.rows = null;
    this.alerts = null;
    this.alertState = 'open';
    this.openAlerts = null;
    this.status = '';
    this.tab = new URLSearchParams(window.location.search).get('tab') === 'alerts' ? 'alerts' : 'orders';
    this.buyers = new Map();
    this.plans = new Map();
    this.order = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
    this.loadNames();
    this.loadAlerts();
  }

  disconnectedCallback() {
    clearTimeout(this.poll);
    super.disconnectedCallback();
  }

  async loadNames() {
    try {
      const [distributors, plans] = await Promise.all([
        api.get('/api/v1/distributors', { query: { limit: 500, cursor: '' } }),
        isAdmin() ? api.get('/api/v1/admin/code-plans') : [], // plans are the admin's (SPEC section 1): an operator sees plan ids
      ]);
      this.buyers = new Map(distributors.items.map((d) => [d.id, d.username]));
      this.plans = new Map(plans.map((p) => [p.id, p.name]));
    } catch (error) {
      toastError(error);
    }
  }

  async load() {
    clearTimeout(this.poll);
    const page = await this.loadList((query) => Promise.all([
      api.get('/api/v1/admin/orders', { query: { ...query, status: this.status || undefined } }),
      api.get('/api/v1/admin/orders/stats'),
    ]).then(([orders, stats]) => ({ ...orders, stats })), {}, { pageSize: PAGE_SIZE });
    if (page) {
      this.stats = page.stats;
      if (this.rows.some((r) => r.status === 'PAID' && (r.fulfillment_status === 'PENDING' || r.fulfillment_status === 'PROCESSING'))) {
        this.poll = setTimeout(() => this.load(), POLL_MS); // long work shows its progress until it is done
      }
    }
  }

  async loadAlerts() {
    const page = await this.loadList((query) => Promise.all([
      api.get('/api/v1/admin/payment-alerts', { query }),
      api.get('/api/v1/admin/alerts'),
    ]).then(([alerts, counts]) => ({ ...alerts, openAlerts: counts.payment_alerts })), { state: this.alertState },
    { pageSize: PAGE_SIZE, cursors: this.alertCursors, into: 'alerts', loading: null });
    if (page) {
      this.openAlerts = page.openAlerts;
    }
  }

  /** OPEN → handled, with a note saying how the money went back; the alert stays, in the handled list. */
  async markHandled(alert) {
    const done = await formDialog({
      title: t('orders.handleTitle', { kind: t(`paymentAlert.${alert.kind}`) }),
      intro: t('orders.handleIntro', { detail: alertExplained(alert) }),
      className: 'handle-alert-dialog',
      submitLabel: t('orders.markHandled'),
      fields: [{ name: 'note', label: t('orders.handleNote'), type: 'textarea', required: true, help: t('orders.handleNoteHelp') }],
      submit: async (values) => {
        try {
          return await api.post('/api/v1/admin/payment-alerts/{id}/handled', { params: { id: alert.id }, body: { note: values.note } });
        } catch (error) {
          if (error.code === 'PAYMENT_ALERT_ALREADY_HANDLED') {
            this.alertCursors.reset();
            this.loadAlerts(); // someone else was first: the list shows it
          }
          throw error;
        }
      },
    });
    if (done) {
      toast(t('orders.handled', { kind: t(`paymentAlert.${done.kind}`) }));
      this.alertCursors.reset();
      this.loadAlerts();
    }
  }

  async retry(row) {
    const ok = await confirmAction({ title: t('orders.retryTitle', { order: row.order_no }),
      message: t('orders.retryMessage', { delivered: row.delivered_count, total: row.codes_total }), confirm: t('orders.retry'), danger: false });
    if (!ok) {
      return;
    }
    try {
      await api.post('/api/v1/admin/orders/{order_no}/retry-fulfilment', { params: { order_no: row.order_no } });
      toast(t('orders.retried', { order: row.order_no }));
      this.load();
    } catch (error) {
      toastError(error);
    }
  }

  /** PAID → REFUNDED: the dialog says what happens (unused codes disabled, a ledger entry; the money goes back at the gateway). */
  async refund(row) {
    const answer = await formDialog({
      title: t('orders.refundTitle', { order: row.order_no }),
      intro: t('orders.refundMessage', { amount: money(row.final_amount, row.currency) }),
      className: 'refund-dialog',
      danger: true,
      submitLabel: t('orders.refund'),
      fields: [{ name: 'reason', label: t('orders.refundReason'), type: 'textarea', help: t('orders.refundReasonHelp') }],
      submit: (values) => api.post('/api/v1/admin/orders/{order_no}/refund', { params: { order_no: row.order_no },
        body: values.reason ? { reason: values.reason } : {} }),
    });
    if (answer) {
      toast(t('orders.refunded', { order: row.order_no, disabled: answer.codes_disabled, kept: answer.codes_kept }));
      this.load();
    }
  }

  async show(row) {
    try {
      this.order = await api.get('/api/v1/admin/orders/{order_no}', { params: { order_no: row.order_no } });
      await this.updateComplete;
      this.querySelector('.order-dialog')?.show();
    } catch (error) {
      toastError(error);
    }
  }

  render() {
    const s = this.stats;
    return html`${pageHeader(t('menu.orders'))}
      <div class="grid cols-4">
        ${statCard(t('orders.paidToday'), s ? html`${number(s.paid_today_count)} · ${money(s.paid_today_amount, s.currency)}` : '—', { stat: 'paid_today' })}
        ${statCard(t('orders.codesDelivered'), s ? number(s.codes_delivered) : '—', { stat: 'codes_delivered' })}
        ${statCard(t('orders.fulfilmentOpen'), s ? number(s.fulfillment_open) : '—', { stat: 'fulfillment_open' })}
        ${statCard(t('orders.fulfilmentFailed'), s ? number(s.fulfillment_failed) : '—', { stat: 'fulfillment_failed' })}
      </div>
      <div class="card">
        <sl-tab-group @sl-tab-show=${(e) => { this.tab = e.detail.name; }}>
          <sl-tab slot="nav" panel="orders" class="tab-orders" ?active=${this.tab === 'orders'}>${t('menu.orders')}</sl-tab>
          <sl-tab slot="nav" panel="alerts" class="tab-alerts" ?active=${this.tab === 'alerts'}>${t('orders.alerts')}
            ${this.openAlerts > 0 ? html`<sl-badge variant="danger" pill class="alerts-badge">${number(this.openAlerts)}</sl-badge>` : nothing}</sl-tab>
          <sl-tab-panel name="orders" ?active=${this.tab === 'orders'}>${this.ordersPanel()}</sl-tab-panel>
          <sl-tab-panel name="alerts" ?active=${this.tab === 'alerts'}>${this.alertsPanel()}</sl-tab-panel>
        </sl-tab-group>
      </div>
      ${this.orderDialog()}`;
  }

  ordersPanel() {
    return html`<div class="filters" role="search">
        <sl-select class="filter-status" label=${t('orders.status')} size="small" value=${this.status} placeholder=${t('filter.all')} clearable
          @sl-change=${(e) => { this.status = e.target.value; this.cursors.reset(); this.load(); }}>
          ${STATUSES.map((st) => html`<sl-option value=${st}>${t(`order.${st}`)}</sl-option>`)}
        </sl-select>
      </div>
      ${dataTable({
    label: t('menu.orders'),
    rows: this.rows,
    rowKey: (r) => r.order_no,
    columns: [
      { title: t('orders.orderNo'), className: 'nowrap', render: (r) => html`<a href="#" class="mono order-no" @click=${(e) => { e.preventDefault(); this.show(r); }}>${r.order_no}</a>` },
      { title: t('orders.buyer'), render: (r) => (r.buyer_id === null ? t('orders.public') : (this.buyers.get(r.buyer_id) ?? `#${r.buyer_id}`)) },
      { title: t('buy.plan'), render: (r) => this.plans.get(r.plan_id) ?? `#${r.plan_id}` },
      { title: t('orders.quantity'), className: 'num', render: (r) => number(r.quantity) },
      { title: t('orders.amount'), className: 'num nowrap', render: (r) => money(r.final_amount, r.currency) },
      { title: t('orders.status'), render: (r) => statusTag('order', r.status) },
      { title: t('orders.fulfilment'), className: 'progress-cell', render: (r) => this.progress(r) },
      { title: t('field.createdAt'), className: 'nowrap', render: (r) => dateTime(r.created_at) },
      { title: t('field.actions'), className: 'actions', render: (r) => html`${r.fulfillment_status === 'FAILED' && r.status === 'PAID'
        ? html`<sl-button size="small" variant="primary" class="retry-fulfilment" @click=${() => this.retry(r)}>${t('orders.retry')}</sl-button>` : nothing}
        ${r.status === 'PAID' ? html`<sl-button size="small" variant="danger" outline class="refund-order" @click=${() => this.refund(r)}>${t('orders.refund')}</sl-button>` : nothing}` },
    ],
    empty: emptyState({ icon: 'receipt', text: this.status ? t('orders.noMatch') : t('orders.noneYet') }),
  })}
      ${this.rows && this.rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}`;
  }

  progress(row) {
    if (row.status !== 'PAID') {
      return html`<span class="muted">—</span>`;
    }
    const percent = row.codes_total === 0 ? 100 : Math.floor((row.delivered_count * 100) / row.codes_total);
    return html`<div class="progress">
      <sl-progress-bar value=${percent} label=${t('orders.progressLabel')}></sl-progress-bar>
      <span class="progress-text">${number(row.delivered_count)} / ${number(row.codes_total)}</span>
      ${statusTag('fulfilment', row.fulfillment_status)}
    </div>
    ${row.fulfillment_status === 'FAILED' && row.fulfillment_error ? html`<div class="error-text small fulfilment-error">${row.fulfillment_error}</div>` : nothing}`;
  }

  alertsPanel() {
    return html`<p class="card-hint">${t('orders.alertsHint')}</p>
      <div class="filters" role="search">
        <sl-select class="filter-alert-state" label=${t('orders.alertState')} size="small" value=${this.alertState}
          @sl-change=${(e) => { this.alertState = e.target.value || 'open'; this.alertCursors.reset(); this.loadAlerts(); }}>
          ${['open', 'handled', 'all'].map((st) => html`<sl-option value=${st}>${t(`alertFilter.${st}`)}</sl-option>`)}
        </sl-select>
      </div>
      ${dataTable({
    label: t('orders.alerts'),
    rows: this.alerts,
    rowKey: (a) => a.id,
    columns: [
      { title: t('field.createdAt'), className: 'nowrap', render: (a) => dateTime(a.created_at) },
      { title: t('orders.alertKind'), render: (a) => html`<sl-tag size="small" variant="danger" class="alert-kind">${t(`paymentAlert.${a.kind}`)}</sl-tag>` },
      { title: t('orders.orderNo'), className: 'nowrap', render: (a) => html`<span class="mono">${a.order_no ?? '—'}</span>` },
      { title: t('orders.tradeNo'), className: 'nowrap', render: (a) => html`<span class="mono">${a.trade_no ?? '—'}</span>` },
      { title: t('orders.alertDetail'), render: (a) => html`<div class="alert-explained">${alertExplained(a)}</div>
        <div class="muted small alert-record">${t('orders.alertRecord')} <span lang="en">${a.detail}</span></div>` },
      { title: t('orders.alertState'), render: (a) => html`${statusTag('alertState', a.state)}${a.state === 'HANDLED'
        ? html`<div class="muted small alert-handling">${t('orders.handledBy', { name: a.handled_by_username ?? '—', at: dateTime(a.handled_at) })}</div>
          <div class="small alert-note">${a.handled_note}</div>` : nothing}` },
      { title: t('field.actions'), className: 'actions', render: (a) => (a.state === 'OPEN'
        ? html`<sl-button size="small" variant="primary" outline class="mark-handled" @click=${() => this.markHandled(a)}>${t('orders.markHandled')}</sl-button>`
        : nothing) },
    ],
    empty: emptyState({ icon: 'shield-check', text: this.alertState === 'open' ? t('orders.noOpenAlerts') : t('orders.noAlerts') }),
  })}
      ${this.alerts && this.alerts.length > 0 ? pager(this.alertCursors, () => { this.alertCursors.back(); this.loadAlerts(); },
    () => { this.alertCursors.forward(); this.loadAlerts(); }, false) : nothing}`;
  }

  orderDialog() {
    const o = this.order;
    if (!o) {
      return nothing;
    }
    const facts = [
      ['orders.orderNo', html`<span class="mono">${o.order_no}</span>`], ['orders.buyer', this.buyers.get(o.buyer_id) ?? (o.buyer_id ?? t('orders.public'))],
      ['buy.plan', this.plans.get(o.plan_id) ?? `#${o.plan_id}`], ['orders.quantity', number(o.quantity)], ['buy.codesTotal', number(o.codes_total)],
      ['orders.amount', money(o.final_amount, o.currency)], ['orders.status', statusTag('order', o.status)], ['buy.payType', o.pay_type ? t(`payType.${o.pay_type}`) : '—'],
      ['orders.tradeNo', o.trade_no ?? '—'], ['field.createdAt', dateTime(o.created_at)], ['orders.paidAt', dateTime(o.paid_at)],
      ['orders.fulfilment', this.progress(o)], ['orders.attempts', number(o.fulfillment_attempts)],
    ];
    return html`<sl-dialog class="order-dialog" label=${t('orders.detailTitle', { order: o.order_no })} style="--width: 640px"
      @sl-after-hide=${(e) => { if (e.target.classList.contains('order-dialog')) { this.order = null; } }}>
      <dl class="facts">${facts.map(([k, v]) => html`<dt>${t(k)}</dt><dd>${v}</dd>`)}</dl>
      ${o.fulfillment_status === 'FAILED' && o.status === 'PAID' ? html`<sl-button slot="footer" variant="primary" class="retry-fulfilment"
        @click=${(e) => { e.target.closest('sl-dialog').hide(); this.retry(o); }}>${t('orders.retry')}</sl-button>` : nothing}
      ${o.status === 'PAID' ? html`<sl-button slot="footer" variant="danger" outline class="refund-order"
        @click=${(e) => { e.target.closest('sl-dialog').hide(); this.refund(o); }}>${t('orders.refund')}</sl-button>` : nothing}
      <sl-button slot="footer" @click=${(e) => e.target.closest('sl-dialog').hide()}>${t('action.done')}</sl-button>
    </sl-dialog>`;
  }
}

customElements.define('ih-staff-orders', StaffOrdersPage);
