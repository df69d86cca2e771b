import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { dateTime, money, moneyMinor, number, timeZone, toMinor, today } from '../../core/format.js';
import { confirmAction, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, statusTag } from '../page.js';
import { formDialog, statCard } from './common.js';
import '../export-button.js';

const MONTHS_BACK = 24;
export const AMOUNTS = ['opening', 'charges', 'payments', 'refunds', 'adjustments', 'payouts', 'closing'];

/** A statement amount's column title, in staff's words ("paid out", not the distributor's "paid to you"). */
export function amountTitle(key) {
  return key === 'payouts' ? t('staffSettlement.payouts') : t(`settlement.${key}`);
}

/** The months a statement can be written for, newest first: the last month first (the one to settle now). */
export function settledMonths() {
  const [y, m] = today().split('-').map(Number);
  const months = [];
  for (let i = 1; i <= MONTHS_BACK; i++) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return months;
}

/**
 * Asks for an adjustment of a distributor's balance (ADR 37): an amount of either sign, never 0 (positive: the
 * distributor owes more; negative: a credit), and a reason, then a confirm step that says what it does, then
 * POST /distributors/{id}/ledger/adjustments. Resolves the entry written, or null.
 */
export async function adjustBalance(distributor, currency) {
  const asked = await formDialog({
    title: t('staffSettlement.adjustTitle', { name: distributor.username }), className: 'adjust-dialog',
    intro: t('staffSettlement.adjustIntro'), submitLabel: t('action.next'),
    fields: [
      { name: 'amount', label: t('staffSettlement.adjustAmount', { currency }), required: true, help: t('staffSettlement.adjustAmountHelp') },
      { name: 'reason', label: t('staffSettlement.reason'), type: 'textarea', required: true, help: t('staffSettlement.reasonHelp') },
    ],
    submit: async (v) => {
      let minor;
      try {
        minor = toMinor(v.amount);
      } catch {
        throw new Error(t('staffSettlement.amountInvalid'));
      }
      if (minor === 0n) {
        throw new Error(t('staffSettlement.amountZero'));
      }
      return { amount: v.amount, reason: v.reason, minor };
    },
  });
  if (!asked) {
    return null;
  }
  const shown = moneyMinor(asked.minor, currency);
  const ok = await confirmAction({
    title: t('staffSettlement.adjustConfirmTitle', { name: distributor.username }),
    message: t(asked.minor > 0n ? 'staffSettlement.adjustConfirmDebit' : 'staffSettlement.adjustConfirmCredit',
      { name: distributor.username, amount: shown, reason: asked.reason }),
    confirm: t('staffSettlement.adjust'), danger: false,
  });
  if (!ok) {
    return null;
  }
  try {
    const entry = await api.post('/api/v1/distributors/{id}/ledger/adjustments', {
      params: { id: distributor.id }, body: { amount: asked.amount, reason: asked.reason },
    });
    toast(t('staffSettlement.adjusted', { name: distributor.username, amount: money(entry.amount, entry.currency) }));
    return entry;
  } catch (error) {
    toastError(error);
    return null;
  }
}

/**
 * Books a refund credit to a distributor (ADR 37): an amount above 0 and a reason, then a confirm step that says the
 * balance drops by exactly that amount and the entry stays, then POST /distributors/{id}/ledger/refunds. Resolves the
 * entry written, or null.
 */
export async function bookRefund(distributor, currency) {
  const asked = await formDialog({
    title: t('staffSettlement.refundTitle', { name: distributor.username }), className: 'refund-dialog',
    intro: t('staffSettlement.refundIntro'), submitLabel: t('action.next'),
    fields: [
      { name: 'amount', label: t('staffSettlement.adjustAmount', { currency }), required: true, help: t('staffSettlement.refundAmountHelp') },
      { name: 'reason', label: t('staffSettlement.reason'), type: 'textarea', required: true, help: t('staffSettlement.reasonHelp') },
    ],
    submit: async (v) => {
      let minor;
      try {
        minor = toMinor(v.amount);
      } catch {
        throw new Error(t('staffSettlement.refundAmountInvalid'));
      }
      if (minor <= 0n) {
        throw new Error(t('staffSettlement.refundAmountInvalid'));
      }
      return { amount: v.amount, reason: v.reason, minor };
    },
  });
  if (!asked) {
    return null;
  }
  const ok = await confirmAction({
    title: t('staffSettlement.refundConfirmTitle', { name: distributor.username }),
    message: t('staffSettlement.refundConfirm', { name: distributor.username, amount: moneyMinor(asked.minor, currency), reason: asked.reason }),
    confirm: t('staffSettlement.refund'), danger: false,
  });
  if (!ok) {
    return null;
  }
  try {
    const entry = await api.post('/api/v1/distributors/{id}/ledger/refunds', {
      params: { id: distributor.id }, body: { amount: asked.amount, reason: asked.reason },
    });
    toast(t('staffSettlement.refunded', { name: distributor.username, amount: money(entry.amount, entry.currency) }));
    return entry;
  } catch (error) {
    toastError(error);
    return null;
  }
}

/**
 * Sets a distributor's own settlement price (ADMIN; PUT /distributors/{id}/unit-price): empty takes the platform's
 * default. Later acceptances on granted codes are charged at it; past charges keep theirs. {@code price}: the current
 * one (GET /distributors/{id}/unit-price). Resolves true when saved.
 */
export async function setUnitPrice(distributor, price) {
  const currency = price?.currency;
  const saved = await formDialog({
    title: t('staffSettlement.priceTitle', { name: distributor.username }), className: 'unit-price-dialog',
    intro: t('staffSettlement.priceIntro', { platform: price ? money(price.default_unit_price, currency) : '—' }),
    submitLabel: t('action.save'),
    fields: [{ name: 'unit_price', label: t('staffSettlement.priceField', { currency: currency ?? '' }), value: price?.unit_price ?? '',
      help: t('staffSettlement.priceHelp') }],
    submit: async (v) => {
      if (v.unit_price !== null) {
        let minor;
        try {
          minor = toMinor(v.unit_price);
        } catch {
          throw new Error(t('staffSettlement.priceInvalid'));
        }
        if (minor < 0n) {
          throw new Error(t('staffSettlement.priceInvalid'));
        }
      }
      await api.put('/api/v1/distributors/{id}/unit-price', {
        params: { id: distributor.id }, body: v.unit_price === null ? {} : { unit_price: v.unit_price },
      });
      return { unitPrice: v.unit_price };
    },
  });
  if (!saved) {
    return false;
  }
  toast(saved.unitPrice === null ? t('staffSettlement.priceCleared', { name: distributor.username })
    : t('staffSettlement.priceSaved', { name: distributor.username, price: money(saved.unitPrice, currency) }));
  return true;
}

/**
 * Settlement (ADR 37), for staff: one month's written statements across distributors (GET /admin/statements), the
 * month's totals to collect and to pay out, each statement's confirmation (OPEN → CONFIRMED, asked first: it never
 * changes again) and its payment with a reference (CONFIRMED → PAID), an adjustment of a distributor's balance
 * (either sign, with a reason, asked twice), and the month's collection and payout files (GET
 * /admin/settlement/files/{layout}, read with the token by the export button). Money arrives as decimal strings in
 * major units and is summed and shown through integer minor units with its currency.
 */
/** The refusals of a confirmation that say why (docs/api.md), each with its words in the message tables. */
const CONFIRM_REFUSALS = ['STATEMENT_MONTH_NOT_OVER', 'EARLIER_STATEMENT_NOT_CONFIRMED', 'STATEMENT_ALREADY_CONFIRMED'];

class StaffSettlementPage extends ConsoleElement {
  static properties = { rows: { state: true }, period: { state: true } };

  constructor() {
    super();
    this.months = settledMonths();
    this.period = this.months[0];
    this.rows = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.rows = await this.latest(api.get('/api/v1/admin/statements', { query: { period: this.period } }));
    } catch (error) {
      toastError(error);
      this.rows ??= [];
    }
  }

  refresh() {
    this.load();
  }

  periodChanged(value) {
    if (value && value !== this.period) {
      this.period = value;
      this.rows = null;
      this.load();
    }
  }

  replaced(statement) {
    this.rows = this.rows.map((r) => (r.id === statement.id ? { ...r, ...statement } : r));
  }

  async confirm(row) {
    const ok = await confirmAction({
      title: t('staffSettlement.confirmTitle', { name: row.username, period: row.period }),
      message: t('staffSettlement.confirmMessage', { closing: money(row.closing, row.currency) }),
      confirm: t('staffSettlement.confirm'), danger: false,
    });
    if (!ok) {
      return;
    }
    try {
      const statement = await api.post('/api/v1/admin/statements/{id}/confirm', { params: { id: row.id } });
      this.replaced(statement);
      toast(t('staffSettlement.confirmed', { name: row.username, period: row.period }));
    } catch (error) {
      // the refusal's own reason, with the month that blocks it (the problem's period): not over yet, an earlier
      // statement of the distributor still open, or confirmed already (then the row is stale: reload it)
      if (CONFIRM_REFUSALS.includes(error.code)) {
        toast(t(`confirmRefused.${error.code}`, { period: error.problem.period ?? row.period, name: row.username }), 'danger');
        if (error.code === 'STATEMENT_ALREADY_CONFIRMED') {
          this.load();
        }
      } else {
        toastError(error);
      }
    }
  }

  async pay(row) {
    const closing = toMinor(row.closing);
    const statement = await formDialog({
      title: t('staffSettlement.payTitle', { name: row.username, period: row.period }), className: 'pay-dialog',
      intro: t(closing > 0n ? 'staffSettlement.payIntroCollect' : closing < 0n ? 'staffSettlement.payIntroPayout' : 'staffSettlement.payIntroZero',
        { amount: moneyMinor(closing < 0n ? -closing : closing, row.currency), name: row.username }),
      submitLabel: t('staffSettlement.markPaid'),
      fields: [{ name: 'reference', label: t('staffSettlement.reference'), required: true, help: t('staffSettlement.referenceHelp') }],
      submit: (v) => api.post('/api/v1/admin/statements/{id}/pay', { params: { id: row.id }, body: { reference: v.reference } }),
    });
    if (statement) {
      this.replaced(statement);
      toast(t('staffSettlement.paid', { name: row.username, period: row.period, reference: statement.payment_reference }));
    }
  }

  /** An adjustment lands in the distributor's running month (or the first after its last confirmed one), not in this row. */
  adjust(row) {
    return adjustBalance({ id: row.distributor_id, username: row.username }, row.currency);
  }

  /** Totals of the month in minor units: owed and not paid, credit and not paid out, and the states. */
  totals() {
    const rows = this.rows ?? [];
    let collect = 0n;
    let payout = 0n;
    for (const r of rows) {
      const closing = toMinor(r.closing);
      if (r.state !== 'PAID') {
        if (closing > 0n) {
          collect += closing;
        } else {
          payout -= closing;
        }
      }
    }
    const count = (state) => rows.filter((r) => r.state === state).length;
    return { collect, payout, open: count('OPEN'), confirmed: count('CONFIRMED'), currency: rows[0]?.currency ?? null };
  }

  stat(key, value) {
    return statCard(t(`staffSettlement.${key}`), this.rows === null ? html`<sl-skeleton effect="pulse"></sl-skeleton>` : value,
      { definition: t(`staffSettlement.${key}.definition`), stat: key });
  }

  render() {
    const sum = this.totals();
    const shown = (minor) => (sum.currency ? moneyMinor(minor, sum.currency) : '—');
    const files = html`<ih-export class="file-collect" label=${t('staffSettlement.fileCollect')}
        .file=${{ template: '/api/v1/admin/settlement/files/{layout}', params: { layout: 'collect' }, query: { period: this.period } }}></ih-export>
      <ih-export class="file-payouts" label=${t('staffSettlement.filePayouts')}
        .file=${{ template: '/api/v1/admin/settlement/files/{layout}', params: { layout: 'payouts' }, query: { period: this.period } }}></ih-export>`;
    return html`${pageHeader(t('menu.settlement'), nothing, t('staffSettlement.subtitle', { zone: timeZone() }))}
      <div class="grid cols-4">
        ${this.stat('toCollect', shown(sum.collect))}
        ${this.stat('toPayOut', shown(sum.payout))}
        ${this.stat('awaitingConfirmation', number(sum.open))}
        ${this.stat('awaitingPayment', number(sum.confirmed))}
      </div>
      <div class="card month-statements">
        <div class="card-head">
          <h2 class="card-title">${t('staffSettlement.statementsOf', { period: this.period })}</h2>
        </div>
        <div class="filters" role="search">
          <sl-select class="filter-period" label=${t('settlement.period')} size="small" value=${this.period} hoist
            @sl-change=${(e) => this.periodChanged(e.target.value)}>
            ${this.months.map((p) => html`<sl-option value=${p}>${p}</sl-option>`)}
          </sl-select>
          <div class="filters-end">${files}</div>
        </div>
        ${dataTable({
    label: t('staffSettlement.statementsOf', { period: this.period }),
    rows: this.rows,
    columns: [
      { title: t('staffSettlement.distributor'), render: (s) => html`<span class="statement-distributor">${s.username}</span>` },
      ...AMOUNTS.map((key) => ({ title: amountTitle(key), className: `num nowrap amount-${key}`, render: (s) => money(s[key], s.currency) })),
      { title: t('settlement.acceptedCount'), className: 'num accepted-count', render: (s) => number(s.charges_count) },
      { title: t('field.status'), render: (s) => statusTag('statement', s.state) },
      { title: t('settlement.paidAt'), className: 'nowrap', render: (s) => (s.paid_at ? html`${dateTime(s.paid_at)}<div class="muted small payment-reference">${s.payment_reference}</div>` : '—') },
      { title: t('field.actions'), className: 'actions', render: (s) => html`<div class="row-actions">
          ${s.state === 'OPEN' ? html`<sl-button size="small" variant="primary" class="confirm-statement" @click=${() => this.confirm(s)}>${t('staffSettlement.confirm')}</sl-button>` : nothing}
          ${s.state === 'CONFIRMED' ? html`<sl-button size="small" variant="primary" class="pay-statement" @click=${() => this.pay(s)}>${t('staffSettlement.markPaid')}</sl-button>` : nothing}
          <sl-button size="small" class="adjust-balance" @click=${() => this.adjust(s)}>${t('staffSettlement.adjust')}</sl-button></div>` },
    ],
    empty: emptyState({ icon: 'journal-check', text: t('staffSettlement.noStatements', { period: this.period }), hint: t('staffSettlement.noStatementsHint') }),
  })}
        <p class="card-hint">${t('staffSettlement.formula')}</p>
      </div>`;
  }
}

customElements.define('ih-staff-settlement', StaffSettlementPage);
