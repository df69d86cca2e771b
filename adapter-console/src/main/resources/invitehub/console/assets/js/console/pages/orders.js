import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime, money, number } from '../../core/format.js';
import { confirmAction, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, pager, statusTag } from '../page.js';
import '../export-button.js';

const PAGE_SIZE = 20;

/**
 * Orders: GET /me/code-orders (keyset) with payment state and fulfilment progress; an open order is paid again or
 * cancelled (POST …/{order_no}/cancel, asked first: the gateway is asked, and an order it reports paid is delivered
 * instead).
 */
class OrdersPage extends ConsoleElement {
  static properties = { rows: { state: true }, loading: { state: true } };
  static refreshOn = ['ih-order-completed', 'ih-order-placed'];

  constructor() {
    super();
    this.cursors = new Cursors();
    this.rows = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  /** An order placed or completed: the first page again. */
  refresh() {
    this.cursors.reset();
    this.load();
  }

  async load() {
    await this.loadList('/api/v1/distributors/me/code-orders', {}, { pageSize: PAGE_SIZE });
  }

  /** Pays an open order again: the window opens on the click (no pop-up blocker), the pay URL follows. */
  async pay(row) {
    const win = window.open('', '_blank');
    try {
      const order = await api.get('/api/v1/distributors/me/code-orders/{order_no}', { params: { order_no: row.order_no } });
      if (order.pay_url && win) {
        win.location.href = order.pay_url;
      } else {
        win?.close();
        this.load();
      }
    } catch (error) {
      win?.close();
      toastError(error);
    }
  }

  async cancel(row) {
    const ok = await confirmAction({ title: t('orders.cancelTitle', { order: row.order_no }),
      message: t('orders.cancelMessage', { amount: money(row.final_amount, row.currency) }), confirm: t('orders.cancel') });
    if (!ok) {
      return;
    }
    try {
      await api.post('/api/v1/distributors/me/code-orders/{order_no}/cancel', { params: { order_no: row.order_no } });
      toast(t('orders.cancelled', { order: row.order_no }));
    } catch (error) {
      toastError(error); // ORDER_ALREADY_PAID: it is paid after all, and its codes are on their way
    }
    this.load();
  }

  render() {
    const buy = html`<sl-button variant="primary" class="buy-codes" @click=${() => window.dispatchEvent(new Event('ih-buy'))}>
      <sl-icon slot="prefix" name="cart-plus"></sl-icon>${t('action.buyCodes')}</sl-button>`;
    return html`${pageHeader(t('menu.orders'), buy)}
      <div class="card">
        <div class="filters"><div class="filters-end"><ih-export class="export-orders" kind="orders" .filters=${{}}></ih-export></div></div>
        ${dataTable({
    label: t('menu.orders'),
    rows: this.rows,
    rowKey: (r) => r.order_no,
    columns: [
      { title: t('orders.orderNo'), className: 'nowrap', render: (r) => html`<span class="mono">${r.order_no}</span>` },
      { title: t('orders.quantity'), className: 'num', render: (r) => number(r.quantity) },
      { title: t('orders.amount'), className: 'num nowrap', render: (r) => money(r.final_amount, r.currency) },
      { title: t('orders.status'), render: (r) => statusTag('order', r.status) },
      { title: t('orders.fulfilment'), className: 'progress-cell', render: (r) => this.progress(r) },
      { title: t('field.createdAt'), className: 'nowrap', render: (r) => dateTime(r.created_at) },
      {
        title: t('field.actions'), className: 'actions',
        render: (r) => (r.status === 'PENDING' && new Date(r.expire_at) > new Date()
          ? html`<sl-button size="small" variant="primary" outline class="pay-again" @click=${() => this.pay(r)}>${t('orders.pay')}</sl-button>
            <sl-button size="small" variant="danger" outline class="cancel-order" @click=${() => this.cancel(r)}>${t('orders.cancel')}</sl-button>`
          : r.fulfillment_status === 'COMPLETED' ? html`<a href="/console/codes" class="view-codes">${t('orders.viewCodes')}</a>` : nothing),
      },
    ],
    empty: emptyState({
      icon: 'receipt', text: t('orders.empty'),
      action: html`<sl-button size="small" variant="primary" @click=${() => window.dispatchEvent(new Event('ih-buy'))}>${t('action.buyCodes')}</sl-button>`,
    }),
  })}
        ${this.rows && this.rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}
      </div>`;
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
    </div>`;
  }
}

customElements.define('ih-orders', OrdersPage);
