import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime, money, number, timeZone } from '../../core/format.js';
import { toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, pager, statusTag } from '../page.js';
import '../export-button.js';

const PAGE_SIZE = 20;
const STATEMENT_AMOUNTS = ['opening', 'charges', 'payments', 'refunds', 'adjustments', 'payouts', 'closing'];
/** The ledger's entry kinds (LedgerKind), in the order the filter offers them: the ones that move the balance first. */
export const LEDGER_KINDS = ['CHARGE', 'PAYMENT', 'REFUND', 'ADJUSTMENT', 'PAYOUT', 'PURCHASE', 'PURCHASE_REFUNDED'];

/**
 * Settlement (ADR 37): the distributor's monthly statements (GET /me/statements: the written months and the
 * running one computed now) and its ledger (GET /me/ledger, keyset, by statement month and entry kinds: any of the
 * kinds chosen, sent comma-separated as {@code kind}, the same filter the ledger export takes). Money arrives as
 * decimal strings in major units and is shown through integer minor units with its currency; times are in the
 * business time zone. A positive balance is what the distributor owes the platform (docs/statistics.md).
 */
class SettlementPage extends ConsoleElement {
  static properties = {
    statements: { state: true }, entries: { state: true }, loading: { state: true }, period: { state: true }, kinds: { state: true },
  };

  constructor() {
    super();
    this.cursors = new Cursors();
    this.statements = null;
    this.entries = null;
    this.period = '';
    this.kinds = [];
  }

  connectedCallback() {
    super.connectedCallback();
    this.loadStatements();
    this.loadLedger();
  }

  async loadStatements() {
    try {
      this.statements = await api.get('/api/v1/distributors/me/statements');
    } catch (error) {
      toastError(error);
      this.statements = [];
    }
  }

  async loadLedger() {
    await this.loadList('/api/v1/distributors/me/ledger', { period: this.period || undefined, kind: this.kinds.join(',') || undefined },
      { pageSize: PAGE_SIZE, into: 'entries' });
  }

  periodChanged(value) {
    this.period = value;
    this.cursors.reset();
    this.loadLedger();
  }

  kindsChanged(value) {
    this.kinds = LEDGER_KINDS.filter((k) => value.includes(k));
    this.cursors.reset();
    this.loadLedger();
  }

  /** The running month (computed now): its closing is the balance as it stands. */
  running() {
    return this.statements?.find((s) => s.computed) ?? this.statements?.[0] ?? null;
  }

  stat(key, value) {
    return html`<div class="card stat-card small">
      <div class="stat-label">${t(`settlement.${key}`)}
        <sl-tooltip content=${t(`settlement.${key}.definition`)} hoist>
          <sl-icon-button name="info-circle" class="stat-info" label=${t('stat.definition', { name: t(`settlement.${key}`) })}></sl-icon-button>
        </sl-tooltip></div>
      <div class="stat-value" data-settlement=${key}>${this.statements === null ? html`<sl-skeleton effect="pulse"></sl-skeleton>` : value}</div>
    </div>`;
  }

  render() {
    const now = this.running();
    const periods = (this.statements ?? []).map((s) => s.period);
    return html`${pageHeader(t('menu.settlement'), nothing, t('settlement.subtitle', { zone: timeZone() }))}
      <div class="grid cols-4">
        ${this.stat('balance', now ? money(now.closing, now.currency) : '—')}
        ${this.stat('monthCharges', now ? money(now.charges, now.currency) : '—')}
        ${this.stat('monthAccepted', now ? number(now.charges_count) : '—')}
        ${this.stat('monthPurchases', now ? money(now.purchases, now.currency) : '—')}
      </div>
      <div class="card statements">
        <div class="card-head">
          <h2 class="card-title">${t('settlement.statements')}</h2>
          <div class="filters-end"><ih-export class="export-statements" kind="statements" .filters=${{}}></ih-export></div>
        </div>
        ${dataTable({
    label: t('settlement.statements'),
    rows: this.statements,
    rowKey: (s) => s.period,
    columns: [
      { title: t('settlement.period'), className: 'nowrap', render: (s) => html`<span class="period">${s.period}</span>${s.computed ? html` <sl-tag size="small" variant="primary" class="running">${t('settlement.running')}</sl-tag>` : nothing}` },
      ...STATEMENT_AMOUNTS.map((key) => ({
        title: t(`settlement.${key}`), className: `num nowrap amount-${key}`, render: (s) => money(s[key], s.currency),
      })),
      { title: t('settlement.acceptedCount'), className: 'num accepted-count', render: (s) => number(s.charges_count) },
      { title: t('field.status'), render: (s) => statusTag('statement', s.state) },
      { title: t('settlement.paidAt'), className: 'nowrap', render: (s) => (s.paid_at ? html`${dateTime(s.paid_at)}${s.payment_reference ? html`<div class="muted small">${s.payment_reference}</div>` : nothing}` : '—') },
    ],
    empty: emptyState({ icon: 'journal-check', text: t('settlement.noStatements') }),
  })}
        <p class="card-hint">${t('settlement.formula')}</p>
      </div>
      <div class="card ledger">
        <div class="card-head"><h2 class="card-title">${t('settlement.ledger')}</h2></div>
        <div class="filters" role="search">
          <sl-select class="filter-period" label=${t('settlement.period')} size="small" value=${this.period} placeholder=${t('filter.all')} clearable
            @sl-change=${(e) => this.periodChanged(e.target.value)}>
            ${periods.map((p) => html`<sl-option value=${p}>${p}</sl-option>`)}
          </sl-select>
          <sl-select class="filter-kinds" label=${t('settlement.kind')} size="small" multiple clearable max-options-visible="2"
            .value=${this.kinds} placeholder=${t('settlement.anyKind')} help-text=${this.kinds.length > 1 ? t('settlement.anyOfKinds') : nothing}
            @sl-change=${(e) => this.kindsChanged([...(e.target.value ?? [])])}>
            ${LEDGER_KINDS.map((k) => html`<sl-option value=${k}>${t(`ledgerKind.${k}`)}</sl-option>`)}
          </sl-select>
          <div class="filters-end"><ih-export class="export-ledger" kind="ledger" .filters=${{ period: this.period, kind: this.kinds.join(',') }}></ih-export></div>
        </div>
        ${dataTable({
    label: t('settlement.ledger'),
    rows: this.entries,
    columns: [
      { title: t('settlement.occurredAt'), className: 'nowrap', render: (e) => dateTime(e.occurred_at) },
      { title: t('settlement.kind'), render: (e) => html`<sl-tag size="small" class="entry-kind" data-kind=${e.kind}>${t(`ledgerKind.${e.kind}`)}</sl-tag>` },
      { title: t('settlement.amount'), className: 'num nowrap entry-amount', render: (e) => money(e.amount, e.currency) },
      { title: t('settlement.effect'), className: 'num nowrap entry-balance', render: (e) => money(e.balance, e.currency) },
      { title: t('settlement.period'), className: 'nowrap', render: (e) => e.period },
      { title: t('settlement.detail'), render: (e) => this.detail(e) },
    ],
    empty: this.kinds.length > 0
      ? emptyState({ icon: 'funnel', text: this.period ? t('settlement.noEntriesOfKindsIn', { period: this.period }) : t('settlement.noEntriesOfKinds') })
      : emptyState({ icon: 'journal-text', text: this.period ? t('settlement.noEntriesIn', { period: this.period }) : t('settlement.noEntries'), hint: t('dashboard.trendEmptyHint') }),
  })}
        ${this.entries && this.entries.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.loadLedger(); }, () => { this.cursors.forward(); this.loadLedger(); }, this.loading) : nothing}
      </div>`;
  }

  detail(entry) {
    const parts = [];
    if (entry.order_no) {
      parts.push(html`<span>${t('settlement.order')} <span class="mono">${entry.order_no}</span></span>`);
    }
    if (entry.unit_price) {
      parts.push(html`<span>${t('settlement.unitPrice', { price: money(entry.unit_price, entry.currency) })}</span>`);
    }
    if (entry.reason) {
      parts.push(html`<span>${entry.reason}</span>`);
    }
    if (entry.reference) {
      parts.push(html`<span>${t('settlement.reference')} <span class="mono">${entry.reference}</span></span>`);
    }
    return parts.length === 0 ? html`<span class="muted">—</span>` : html`<div class="entry-detail">${parts}</div>`;
  }
}

customElements.define('ih-settlement', SettlementPage);
