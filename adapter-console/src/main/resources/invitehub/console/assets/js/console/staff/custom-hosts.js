import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime } from '../../core/format.js';
import { confirmAction, copyText, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, pager } from '../page.js';

const PAGE_SIZE = 20;

/**
 * Custom domains (ADMIN, ADR 47): the distributors' brands that ask for their own domain (GET /admins/custom-hosts),
 * verified or waiting; verify one (POST /admins/distributors/{id}/custom-host/verify, naming the host again) once its
 * DNS points at the platform and the proxy serves it. Only then do the distributor's own links open on it.
 */
class CustomHostsPage extends ConsoleElement {
  static properties = { rows: { state: true }, loading: { state: true } };

  constructor() {
    super();
    this.cursors = new Cursors();
    this.rows = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    await this.loadList('/api/v1/admins/custom-hosts', {}, { pageSize: PAGE_SIZE });
  }

  async verify(row) {
    const ok = await confirmAction({
      title: t('customHosts.verifyTitle', { host: row.custom_host }),
      message: t('customHosts.verifyMessage', { host: row.custom_host, name: row.username }),
      confirm: t('customHosts.verify'), danger: false,
    });
    if (!ok) {
      return;
    }
    try {
      await api.post('/api/v1/admins/distributors/{id}/custom-host/verify', { params: { id: row.distributor_id }, body: { custom_host: row.custom_host } });
      toast(t('customHosts.verified', { host: row.custom_host }));
      this.load();
    } catch (error) {
      toastError(error);
      this.load();
    }
  }

  render() {
    return html`${pageHeader(t('menu.customHosts'), nothing, t('customHosts.subtitle'))}
      <div class="card">${dataTable({
    label: t('menu.customHosts'),
    rows: this.rows,
    rowKey: (r) => r.distributor_id,
    columns: [
      { title: t('customHosts.distributor'), render: (r) => html`<span class="host-distributor">${r.username}</span> <span class="muted mono">/r/${r.slug}/</span>` },
      { title: t('customHosts.host'), render: (r) => html`<span class="mono host-name">${r.custom_host}</span>
          <sl-icon-button name="clipboard" label=${t('action.copy')} class="copy-host"
            @click=${async () => toast(t(await copyText(r.custom_host) ? 'customHosts.copied' : 'toast.copyFailed'))}></sl-icon-button>` },
      { title: t('field.status'), render: (r) => html`<sl-tag size="small" class="host-state" data-verified=${r.verified ? 'true' : 'false'}
          variant=${r.verified ? 'success' : 'warning'}><sl-icon name=${r.verified ? 'patch-check' : 'hourglass-split'} aria-hidden="true"></sl-icon>
          ${t(r.verified ? 'profile.customHostVerified' : 'profile.customHostPending')}</sl-tag>` },
      { title: t('customHosts.verifiedAt'), className: 'nowrap', render: (r) => (r.verified_at ? dateTime(r.verified_at) : '—') },
      { title: t('field.actions'), className: 'actions', render: (r) => (r.verified ? html`<span class="muted">${t('customHosts.serving', { host: r.custom_host })}</span>`
        : html`<sl-button size="small" variant="primary" outline class="verify-host" @click=${() => this.verify(r)}>${t('customHosts.verify')}</sl-button>`) },
    ],
    empty: emptyState({ icon: 'globe', text: t('customHosts.empty'), hint: t('customHosts.emptyHint') }),
  })}
        ${this.rows && this.rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}
      </div>
      <div class="card">
        <div class="card-head"><h2 class="card-title">${t('customHosts.howTitle')}</h2></div>
        <ol class="steps-list">
          <li>${t('customHosts.step1')}</li>
          <li>${t('customHosts.step2')}</li>
          <li>${t('customHosts.step3')}</li>
        </ol>
      </div>`;
  }
}

customElements.define('ih-custom-hosts', CustomHostsPage);
