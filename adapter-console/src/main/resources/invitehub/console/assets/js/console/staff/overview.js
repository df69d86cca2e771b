import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { dateTime, money, number } from '../../core/format.js';
import { toastError } from '../../core/ui.js';
import { ConsoleElement, emptyState, pageHeader } from '../page.js';
import { disposeChart, drawCharts, trendOption } from '../charts.js';
import { card, isAdmin, statCard } from './common.js';
import { seatsOption, teamGroupSeats } from './seats.js';

const MAIN = ['total_revenue_estimate', 'invites_accepted', 'members_active', 'redeem_attempts'];

/**
 * The staff overview: platform totals (the sum of every distributor's summary, GET /admins/distributors/analytics),
 * the platform's 30-day trend (GET /admin/sales-trend), seats in use per team group (GET /admin/teams and
 * /admin/team-groups) and what needs a person (GET /admin/alerts). Every number is the API's.
 */
class OverviewPage extends ConsoleElement {
  static properties = { analytics: { state: true }, trend: { state: true }, teams: { state: true }, groups: { state: true }, alerts: { state: true } };

  constructor() {
    super();
    this.analytics = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  disconnectedCallback() {
    this.querySelectorAll('.chart').forEach(disposeChart);
    super.disconnectedCallback();
  }

  async load() {
    try {
      const [analytics, trend, teams, groups, alerts] = await Promise.all([
        api.get('/api/v1/admins/distributors/analytics'),
        api.get('/api/v1/admin/sales-trend', { query: { days: 30 } }),
        api.get('/api/v1/admin/teams'),
        api.get('/api/v1/admin/team-groups'),
        api.get('/api/v1/admin/alerts'),
      ]);
      Object.assign(this, { analytics, trend: trend.days, teams, groups, alerts });
    } catch (error) {
      toastError(error);
    }
  }

  async updated() {
    if (!this.analytics) {
      return;
    }
    await drawCharts(this, {
      '.chart[data-chart=trend]': trendOption(this.trend),
      '.chart[data-chart=seats]': seatsOption(teamGroupSeats(this.teams, this.groups)),
    });
  }

  render() {
    const a = this.analytics;
    return html`${pageHeader(t('menu.overview'), nothing, a ? t('overview.asOf', { day: a.business_day }) : nothing)}
      ${this.alertsCard()}
      <div class="grid cols-4">${MAIN.map((key) => statCard(t(`stat.${key}`), a ? this.value(key) : html`<sl-skeleton effect="pulse"></sl-skeleton>`,
        { definition: t(`overview.${key}.definition`), stat: key, size: 'large' }))}</div>
      <div class="grid cols-4">
        ${statCard(t('overview.distributors'), a ? number(a.distributors) : '—', { stat: 'distributors' })}
        ${statCard(t('overview.pending'), a ? number(a.by_approval.PENDING) : '—', { stat: 'by_approval.PENDING' })}
        ${statCard(t('stat.total_codes'), a ? number(a.total_codes) : '—', { definition: t('overview.total_codes.definition'), stat: 'total_codes' })}
        ${statCard(t('stat.unit_price'), a ? money(a.unit_price, a.currency) : '—', { definition: t('overview.unit_price.definition'), stat: 'unit_price' })}
      </div>
      ${card(t('overview.trend'), this.trendBody())}
      ${card(t('overview.seats'), this.seatsBody(), { action: html`<a href="/console/teams" class="card-link">${t('overview.toTeams')}</a>` })}`;
  }

  value(key) {
    const a = this.analytics;
    return key === 'total_revenue_estimate' ? money(a[key], a.currency) : number(a[key]);
  }

  alertsCard() {
    const al = this.alerts;
    if (!al) {
      return card(t('overview.alerts'), html`<sl-skeleton effect="pulse"></sl-skeleton>`);
    }
    const items = [
      { key: 'payment_alerts', count: al.payment_alerts, text: t('alert.payment'), href: '/console/orders?tab=alerts',
        hint: al.latest_payment_alert_at ? t('alert.latest', { at: dateTime(al.latest_payment_alert_at) }) : nothing },
      { key: 'removal_failures', count: al.removal_failures, text: t('alert.removalFailures'), href: '/console/invitations' },
      { key: 'fulfilment_failed', count: al.fulfilment_failed, text: t('alert.fulfilmentFailed'), href: '/console/orders' },
      { key: 'teams_token_invalid', count: al.teams_token_invalid, text: t('alert.tokenInvalid'), href: '/console/teams' },
      { key: 'teams_banned', count: al.teams_banned, text: t('alert.banned'), href: '/console/teams' },
      { key: 'waiting', count: al.waiting, text: t('alert.waiting'), href: '/console/teams', warning: true },
    ];
    if (isAdmin() && this.analytics?.by_approval.PENDING > 0) {
      items.unshift({ key: 'pending', count: this.analytics.by_approval.PENDING, text: t('alert.pending'), href: '/console/distributors', warning: true });
    }
    const open = items.filter((i) => i.count > 0);
    return card(t('overview.alerts'), open.length === 0
      ? html`<p class="all-clear" role="status"><sl-icon name="check2-circle" aria-hidden="true"></sl-icon>${t('alert.allClear')}</p>`
      : html`<ul class="alert-list" role="list">${open.map((i) => html`<li class=${`alert-item ${i.warning ? 'warning' : 'danger'}`} data-alert=${i.key}>
          <sl-icon name=${i.warning ? 'hourglass-split' : 'exclamation-octagon'} aria-hidden="true"></sl-icon>
          <span class="alert-count">${number(i.count)}</span>
          <span class="alert-text">${i.text}${i.hint && i.hint !== nothing ? html` <span class="muted">${i.hint}</span>` : nothing}</span>
          <a href=${i.href} class="alert-link">${t('alert.open')}</a>
        </li>`)}</ul>`,
    { className: 'alerts-card' });
  }

  trendBody() {
    if (!this.trend) {
      return html`<sl-skeleton class="chart-skeleton" effect="pulse"></sl-skeleton>`;
    }
    const any = this.trend.some((d) => d.redeemed || d.invited || d.accepted || d.removed);
    if (!any) {
      return emptyState({ icon: 'graph-up', text: t('overview.trendEmpty'), hint: t('overview.trendEmptyHint'),
        action: html`<sl-button size="small" href="/console/distributors">${t('menu.distributors')}</sl-button>` });
    }
    return html`<div class="chart" data-chart="trend" role="img" aria-label=${t('overview.trend')}></div>`;
  }

  seatsBody() {
    if (!this.teams) {
      return html`<sl-skeleton class="chart-skeleton" effect="pulse"></sl-skeleton>`;
    }
    if (this.teams.length === 0) {
      return emptyState({ icon: 'diagram-3', text: t('overview.noTeams'),
        action: html`<sl-button size="small" variant="primary" href="/console/teams">${t('teams.create')}</sl-button>` });
    }
    const rows = teamGroupSeats(this.teams, this.groups);
    return html`<div class="chart small" data-chart="seats" role="img" aria-label=${t('overview.seats')}></div>
      <div class="table-wrap"><table class="table seats-table">
        <thead><tr><th scope="col">${t('teams.group')}</th><th scope="col" class="num">${t('teams.count')}</th>
          <th scope="col" class="num">${t('seats.inUse')}</th><th scope="col" class="num">${t('seats.free')}</th>
          <th scope="col" class="num">${t('seats.max')}</th><th scope="col" class="num">${t('seats.waiting')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr data-group=${r.key}><th scope="row">${r.name}</th><td class="num">${number(r.teams)}</td>
          <td class="num" data-seats="used">${number(r.used)}</td><td class="num" data-seats="free">${number(r.free)}</td>
          <td class="num">${number(r.max)}</td><td class="num">${r.waiting === null ? '—' : number(r.waiting)}</td></tr>`)}</tbody>
      </table></div>`;
  }
}

customElements.define('ih-overview', OverviewPage);
