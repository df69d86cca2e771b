import { html, nothing } from 'lit';
import { t } from '../core/i18n.js';
import { api } from '../core/api.js';
import { dateTime, money, moneyMinor, number, toMinor } from '../core/format.js';
import { toast, toastError } from '../core/ui.js';
import { ConsoleElement } from './page.js';
import { navigate } from './router.js';

const POLL_MS = 1000;
const MAX_QUANTITY = 100;
/** The pay types of the embedded default (INVITEHUB_PAY_TYPES); the API does not list them yet (phase 2). */
const PAY_TYPES = ['alipay', 'wxpay'];

/**
 * Buying codes in three steps, in a drawer over any page ('ih-buy' opens it): choose a plan (GET
 * /me/code-plans) → confirm quantity and amount → pay: POST /me/code-orders, the gateway's page opens
 * on the click, then GET /me/code-orders/{order_no} every second shows payment and fulfilment
 * (delivered_count of codes_total) until COMPLETED, with the new codes one click away.
 */
class PurchaseDrawer extends ConsoleElement {
  static properties = {
    step: { state: true }, plans: { state: true }, plan: { state: true }, quantity: { state: true }, payType: { state: true },
    order: { state: true }, placing: { state: true }, error: { state: true },
  };

  constructor() {
    super();
    this.plans = null;
    this.reset();
    this.onBuy = () => this.open();
  }

  reset() {
    this.step = 1;
    this.plan = null;
    this.quantity = 1;
    this.payType = PAY_TYPES[0];
    this.order = null;
    this.error = null;
    clearTimeout(this.poll);
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('ih-buy', this.onBuy);
  }

  disconnectedCallback() {
    window.removeEventListener('ih-buy', this.onBuy);
    clearTimeout(this.poll);
    super.disconnectedCallback();
  }

  async open() {
    this.reset();
    this.plans = null;
    await this.updateComplete;
    this.querySelector('sl-drawer').show();
    try {
      this.plans = await api.get('/api/v1/distributors/me/code-plans');
      // the recommended plan (or the only one) is chosen already; one click to change it
      this.plan ??= this.plans.find((p) => p.recommended) ?? (this.plans.length === 1 ? this.plans[0] : null);
    } catch (error) {
      this.plans = [];
      toastError(error);
    }
  }

  amountMinor() {
    return toMinor(this.plan.price) * BigInt(this.quantity);
  }

  async place() {
    this.placing = true;
    this.error = null;
    try {
      const placed = await api.post('/api/v1/distributors/me/code-orders', {
        body: { plan_id: this.plan.id, quantity: this.quantity, pay_type: this.payType },
      });
      this.order = { ...placed, status: 'PENDING', fulfillment_status: 'PENDING', delivered_count: 0, currency: this.plan.currency };
      this.step = 3;
      window.dispatchEvent(new Event('ih-order-placed'));
      this.watch();
    } catch (error) {
      this.error = error.message;
    } finally {
      this.placing = false;
    }
  }

  watch() {
    clearTimeout(this.poll);
    this.poll = setTimeout(async () => {
      try {
        const order = await api.get('/api/v1/distributors/me/code-orders/{order_no}', { params: { order_no: this.order.order_no } });
        const wasDone = this.order.fulfillment_status === 'COMPLETED';
        this.order = { ...this.order, ...order, pay_url: order.pay_url ?? this.order.pay_url };
        if (order.fulfillment_status === 'COMPLETED') {
          if (!wasDone) {
            toast(t('buy.completedToast', { count: number(order.codes_total) }));
            window.dispatchEvent(new Event('ih-order-completed'));
          }
          return;
        }
        if (['EXPIRED', 'CANCELLED', 'REFUNDED'].includes(order.status) || order.fulfillment_status === 'FAILED') {
          return;
        }
      } catch (error) {
        if (error.status === 401) {
          return;
        }
      }
      this.watch();
    }, POLL_MS);
  }

  render() {
    return html`<sl-drawer class="purchase-drawer" label=${t('buy.title')} placement="end">
      ${this.steps()}
      <div class="drawer-body">${this.step === 1 ? this.choose() : this.step === 2 ? this.confirm() : this.pay()}</div>
      <div slot="footer" class="drawer-footer">${this.footer()}</div>
    </sl-drawer>`;
  }

  steps() {
    const names = [t('buy.step1'), t('buy.step2'), t('buy.step3')];
    return html`<ol class="steps" aria-label=${t('buy.progress')}>${names.map((name, i) => {
      const n = i + 1;
      const state = n < this.step ? 'done' : n === this.step ? 'current' : 'todo';
      return html`<li class=${`step ${state}`} aria-current=${state === 'current' ? 'step' : 'false'}>
        <span class="step-dot">${state === 'done' ? html`<sl-icon name="check-lg"></sl-icon>` : n}</span><span class="step-name">${name}</span></li>`;
    })}</ol>`;
  }

  choose() {
    if (this.plans === null) {
      return html`<div class="plans">${[0, 1].map(() => html`<sl-skeleton class="plan-skeleton" effect="pulse"></sl-skeleton>`)}</div>`;
    }
    if (this.plans.length === 0) {
      return html`<div class="empty-state"><sl-icon name="bag-x" class="empty-icon"></sl-icon><p class="empty-text">${t('buy.noPlans')}</p></div>`;
    }
    return html`<div class="plans" role="radiogroup" aria-label=${t('buy.step1')}>${this.plans.map((plan) => html`
      <button type="button" role="radio" aria-checked=${this.plan?.id === plan.id ? 'true' : 'false'} data-plan=${plan.id}
        class=${`plan${this.plan?.id === plan.id ? ' selected' : ''}`} @click=${() => { this.plan = plan; }}>
        <div class="plan-head"><span class="plan-name">${plan.name}</span>
          ${plan.recommended ? html`<sl-tag size="small" variant="primary" pill>${t('buy.recommended')}</sl-tag>` : nothing}</div>
        <div class="plan-price"><span class="price">${money(plan.price, plan.currency)}</span>
          ${plan.original_price ? html`<s class="original-price">${money(plan.original_price, plan.currency)}</s>` : nothing}</div>
        <div class="plan-terms">${t('buy.terms', { count: plan.code_count, uses: plan.code_max_uses === 0 ? '∞' : plan.code_max_uses, days: plan.validity_days })}</div>
        ${plan.description ? html`<div class="plan-description">${plan.description}</div>` : nothing}
      </button>`)}</div>`;
  }

  confirm() {
    const plan = this.plan;
    return html`<div class="confirm">
      <dl class="facts">
        <dt>${t('buy.plan')}</dt><dd class="confirm-plan">${plan.name}</dd>
        <dt>${t('buy.unitPrice')}</dt><dd>${money(plan.price, plan.currency)}</dd>
      </dl>
      <sl-input class="quantity" type="number" label=${t('buy.quantity')} min="1" max=${MAX_QUANTITY} step="1" value=${String(this.quantity)}
        help-text=${t('buy.quantityHelp', { max: MAX_QUANTITY })}
        @sl-input=${(e) => { const q = Number.parseInt(e.target.value, 10); this.quantity = Number.isInteger(q) ? Math.min(Math.max(q, 1), MAX_QUANTITY) : 1; }}></sl-input>
      <sl-radio-group class="pay-type" label=${t('buy.payType')} value=${this.payType} @sl-change=${(e) => { this.payType = e.target.value; }}>
        ${PAY_TYPES.map((p) => html`<sl-radio-button value=${p}>${t(`payType.${p}`)}</sl-radio-button>`)}
      </sl-radio-group>
      <div class="total">
        <div><span class="total-label">${t('buy.codesTotal')}</span><span class="codes-total">${number(plan.code_count * this.quantity)}</span></div>
        <div><span class="total-label">${t('buy.amount')}</span><span class="amount">${moneyMinor(this.amountMinor(), plan.currency)}</span></div>
      </div>
      ${this.error ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.error}</sl-alert>` : nothing}
    </div>`;
  }

  pay() {
    const o = this.order;
    const paid = o.status === 'PAID';
    const done = o.fulfillment_status === 'COMPLETED';
    const percent = o.codes_total === 0 ? 100 : Math.floor((o.delivered_count * 100) / o.codes_total);
    return html`<div class="pay">
      <dl class="facts">
        <dt>${t('orders.orderNo')}</dt><dd class="mono order-no">${o.order_no}</dd>
        <dt>${t('buy.amount')}</dt><dd class="pay-amount">${money(o.amount ?? o.final_amount, o.currency)}</dd>
        <dt>${t('orders.status')}</dt><dd class="order-status" data-status=${o.status}>${t(`order.${o.status}`)}</dd>
        ${o.status === 'PENDING' ? html`<dt>${t('buy.payBefore')}</dt><dd>${dateTime(o.expire_at)}</dd>` : nothing}
      </dl>
      ${o.status === 'PENDING' ? html`<p class="card-hint">${t('buy.payHint')}</p>
        <sl-button variant="primary" class="open-pay" href=${o.pay_url} target="_blank" rel="noopener">
          <sl-icon slot="prefix" name="box-arrow-up-right"></sl-icon>${t('buy.openPay')}</sl-button>
        <p class="waiting"><sl-spinner></sl-spinner> ${t('buy.waitingPayment')}</p>` : nothing}
      ${paid ? html`<div class="fulfilment" role="status" aria-live="polite">
        <div class="fulfilment-head">${t(done ? 'buy.fulfilled' : 'buy.fulfilment')} ${done ? html`<sl-icon name="check-circle-fill" class="ok"></sl-icon>` : nothing}</div>
        <sl-progress-bar value=${percent} label=${t('orders.progressLabel')} class="fulfilment-progress"></sl-progress-bar>
        <div class="progress-text"><span class="delivered">${number(o.delivered_count)}</span> / <span class="codes-total">${number(o.codes_total)}</span>
          · <span class="fulfilment-status" data-status=${o.fulfillment_status}>${t(`fulfilment.${o.fulfillment_status}`)}</span></div>
        ${o.fulfillment_error ? html`<p class="error-text">${o.fulfillment_error}</p>` : nothing}
      </div>` : nothing}
      ${['EXPIRED', 'CANCELLED'].includes(o.status) ? html`<sl-alert variant="warning" open><sl-icon slot="icon" name="clock-history"></sl-icon>${t('buy.expired')}</sl-alert>` : nothing}
    </div>`;
  }

  footer() {
    if (this.step === 1) {
      return html`<sl-button @click=${() => this.querySelector('sl-drawer').hide()}>${t('action.cancel')}</sl-button>
        <sl-button variant="primary" class="next" ?disabled=${!this.plan} @click=${() => { this.step = 2; }}>${t('action.next')}</sl-button>`;
    }
    if (this.step === 2) {
      return html`<sl-button @click=${() => { this.step = 1; this.error = null; }}>${t('action.back')}</sl-button>
        <sl-button variant="primary" class="place-order" ?loading=${this.placing} @click=${() => this.place()}>${t('buy.placeOrder')}</sl-button>`;
    }
    const done = this.order?.fulfillment_status === 'COMPLETED';
    return html`<sl-button @click=${() => this.querySelector('sl-drawer').hide()}>${t('action.close')}</sl-button>
      ${done ? html`<sl-button variant="primary" class="view-codes" @click=${() => { this.querySelector('sl-drawer').hide(); navigate('/console/codes'); }}>
        <sl-icon slot="prefix" name="upc-scan"></sl-icon>${t('buy.viewCodes')}</sl-button>` : nothing}`;
  }
}

customElements.define('ih-purchase-drawer', PurchaseDrawer);
