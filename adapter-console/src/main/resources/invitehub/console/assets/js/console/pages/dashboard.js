import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { money, number, shortDateTime } from '../../core/format.js';
import { copyText, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, statusTag } from '../page.js';
import { ownLinkBase, rememberSummary } from '../account.js';
import { codeStatusOption, disposeChart, drawCharts, planRankingOption, trendOption } from '../charts.js';

/** The main numbers (big cards) and the secondary ones, each with its definition from docs/statistics.md. */
const MAIN = ['total_revenue_estimate', 'invites_accepted', 'members_active', 'redeem_attempts'];
const SECONDARY = ['invites_sent_success', 'members_removed', 'total_codes', 'unit_price'];
const BUCKETS = [['active_codes', 'active'], ['depleted_codes', 'depleted'], ['inactive_codes', 'disabled'], ['expired_codes', 'expired']];
const PERIODS = ['today', 'this_week', 'this_month'];
const EVENTS = ['redeemed', 'invited', 'accepted', 'removed'];

/**
 * Dashboard: GET /me/summary, /me/sales-trend?days=30, /me/plan-ranking and the latest sales; the
 * distributor's own link. Every number is the API's, shown as it is.
 */
class DashboardPage extends ConsoleElement {
  static properties = { summary: { state: true }, trend: { state: true }, ranking: { state: true }, sales: { state: true } };
  static refreshOn = ['ih-order-completed'];

  constructor() {
    super();
    this.summary = null;
    this.trend = null;
    this.ranking = null;
    this.sales = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  disconnectedCallback() {
    this.querySelectorAll('.chart').forEach(disposeChart);
    super.disconnectedCallback();
  }

  /** A completed purchase changes the figures. */
  refresh() {
    this.load();
  }

  async load() {
    try {
      const [summary, trend, ranking, sales] = await Promise.all([
        api.get('/api/v1/distributors/me/summary'),
        api.get('/api/v1/distributors/me/sales-trend', { query: { days: 30 } }),
        api.get('/api/v1/distributors/me/plan-ranking'),
        api.get('/api/v1/distributors/me/sales', { query: { limit: 5, cursor: '' } }),
      ]);
      rememberSummary(summary);
      Object.assign(this, { summary, trend, ranking, sales: sales.items });
    } catch (error) {
      toastError(error);
    }
  }

  async updated() {
    if (!this.summary) {
      return;
    }
    await drawCharts(this, {
      '.chart[data-chart=trend]': trendOption(this.trend),
      '.chart[data-chart=codes]': codeStatusOption(this.summary),
      '.chart[data-chart=ranking]': planRankingOption(this.ranking),
    });
    // "data loaded" for the first-paint measurements (ConsoleFirstPaintTest, the bench): every figure of the API
    // is in the page and every chart has its data set; every drawing (a reload, a language switch) marks it again:
    // the first mark after a navigation is the one measured
    performance.mark('ih-data-ready');
  }

  value(key) {
    const s = this.summary;
    if (key === 'total_revenue_estimate' || key === 'unit_price') {
      return money(s[key], s.currency);
    }
    return number(s[key]);
  }

  card(key, size) {
    return html`<div class=${`card stat-card ${size}`}>
      <div class="stat-label">${t(`stat.${key}`)}
        <sl-tooltip content=${t(`stat.${key}.definition`)} hoist>
          <sl-icon-button name="info-circle" class="stat-info" label=${t('stat.definition', { name: t(`stat.${key}`) })}></sl-icon-button>
        </sl-tooltip></div>
      <div class="stat-value" data-stat=${key}>${this.summary ? this.value(key) : html`<sl-skeleton effect="pulse"></sl-skeleton>`}</div>
    </div>`;
  }

  render() {
    const s = this.summary;
    const buy = html`<sl-button variant="primary" class="buy-codes" @click=${() => window.dispatchEvent(new Event('ih-buy'))}>
      <sl-icon slot="prefix" name="cart-plus"></sl-icon>${t('action.buyCodes')}</sl-button>`;
    return html`
      ${pageHeader(t('menu.dashboard'), buy, s ? t('dashboard.asOf', { day: s.business_day, zone: s.time_zone }) : nothing)}
      ${this.linkCard()}
      <div class="grid cols-4">${MAIN.map((key) => this.card(key, 'large'))}</div>
      <div class="grid cols-4">${SECONDARY.map((key) => this.card(key, 'small'))}</div>
      <div class="card">
        <div class="card-head"><h2 class="card-title">${t('dashboard.trend')}</h2></div>
        ${this.trendBody()}
      </div>
      <div class="grid cols-2">
        <div class="card">
          <div class="card-head"><h2 class="card-title">${t('dashboard.codeStatus')}</h2></div>
          ${this.codesBody()}
        </div>
        <div class="card">
          <div class="card-head"><h2 class="card-title">${t('dashboard.ranking')}</h2></div>
          ${this.rankingBody()}
        </div>
      </div>
      <div class="grid cols-2">
        <div class="card">
          <div class="card-head"><h2 class="card-title">${t('dashboard.periods')}</h2></div>
          ${this.periods()}
        </div>
        <div class="card">
          <div class="card-head"><h2 class="card-title">${t('dashboard.recentSales')}</h2>
            <a href="/console/sales" class="card-link">${t('dashboard.allSales')}</a></div>
          ${this.recentSales()}
        </div>
      </div>`;
  }

  linkCard() {
    if (!this.summary) {
      return nothing;
    }
    const link = ownLinkBase();
    return html`<div class="card link-card">
      <div class="link-text">
        <h2 class="card-title">${t('dashboard.ownLink')}</h2>
        <p class="card-hint">${t('dashboard.ownLinkHint')}</p>
        <code class="own-link mono">${link}</code>
      </div>
      <sl-button class="copy-own-link" @click=${() => this.copy(link)}><sl-icon slot="prefix" name="link-45deg"></sl-icon>${t('action.copyLink')}</sl-button>
    </div>`;
  }

  async copy(link) {
    if (await copyText(link)) {
      toast(t('toast.ownLinkCopied'));
    } else {
      toast(t('toast.copyFailed'), 'warning');
    }
  }

  trendBody() {
    if (!this.trend) {
      return html`<sl-skeleton class="chart-skeleton" effect="pulse"></sl-skeleton>`;
    }
    const any = this.trend.some((d) => d.redeemed || d.invited || d.accepted || d.removed);
    if (!any) {
      return emptyState({
        icon: 'graph-up', text: t('dashboard.trendEmpty'), hint: t('dashboard.trendEmptyHint'),
        action: html`<sl-button size="small" @click=${() => this.copy(ownLinkBase())}>${t('action.copyLink')}</sl-button>`,
      });
    }
    return html`<div class="chart" data-chart="trend" role="img" aria-label=${t('dashboard.trend')}></div>`;
  }

  codesBody() {
    const s = this.summary;
    if (!s) {
      return html`<sl-skeleton class="chart-skeleton" effect="pulse"></sl-skeleton>`;
    }
    if (s.total_codes === 0) {
      return emptyState({
        icon: 'upc-scan', text: t('dashboard.codesEmpty'),
        action: html`<sl-button size="small" variant="primary" @click=${() => window.dispatchEvent(new Event('ih-buy'))}>${t('action.buyCodes')}</sl-button>`,
      });
    }
    return html`<div class="chart small" data-chart="codes" role="img" aria-label=${t('dashboard.codeStatus')}></div>
      <ul class="bucket-list" role="list">${BUCKETS.map(([key, status]) => html`<li>
        ${statusTag('codeStatus', status)}
        <span class="bucket-count" data-stat=${key}>${number(s[key])}</span>
        <sl-tooltip content=${t(`stat.${key}.definition`)} hoist><sl-icon-button name="info-circle" class="stat-info" label=${t('stat.definition', { name: t(`stat.${key}`) })}></sl-icon-button></sl-tooltip>
      </li>`)}</ul>`;
  }

  rankingBody() {
    if (!this.ranking) {
      return html`<sl-skeleton class="chart-skeleton" effect="pulse"></sl-skeleton>`;
    }
    if (this.ranking.length === 0) {
      return emptyState({
        icon: 'bar-chart', text: t('dashboard.rankingEmpty'),
        action: html`<sl-button size="small" variant="primary" @click=${() => window.dispatchEvent(new Event('ih-buy'))}>${t('action.buyCodes')}</sl-button>`,
      });
    }
    return html`<div class="chart small" data-chart="ranking" role="img" aria-label=${t('dashboard.ranking')}></div>`;
  }

  periods() {
    const s = this.summary;
    if (!s) {
      return html`<sl-skeleton effect="pulse"></sl-skeleton>`;
    }
    return html`<div class="table-wrap"><table class="table periods">
      <thead><tr><th scope="col"></th>${EVENTS.map((e) => html`<th scope="col" class="num">
        ${t(`trend.${e}`)}<sl-tooltip content=${t(`period.${e}.definition`)} hoist><sl-icon-button name="info-circle" class="stat-info" label=${t('stat.definition', { name: t(`trend.${e}`) })}></sl-icon-button></sl-tooltip></th>`)}</tr></thead>
      <tbody>${PERIODS.map((p) => html`<tr><th scope="row">${t(`period.${p}`)}</th>
        ${EVENTS.map((e) => html`<td class="num" data-stat=${`${p}.${e}`}>${number(s[p][e])}</td>`)}</tr>`)}</tbody>
    </table></div>`;
  }

  recentSales() {
    return html`<div class="recent-sales">${dataTable({
      label: t('dashboard.recentSales'),
      rows: this.sales,
      columns: [
        { title: t('field.email'), render: (r) => r.email },
        { title: t('field.status'), render: (r) => statusTag('invitation', r.status) },
        { title: t('field.createdAt'), render: (r) => shortDateTime(r.created_at), className: 'nowrap' },
      ],
      empty: emptyState({ icon: 'receipt', text: t('dashboard.salesEmpty'), hint: t('dashboard.trendEmptyHint') }),
    })}</div>`;
  }
}

customElements.define('ih-dashboard', DashboardPage);
