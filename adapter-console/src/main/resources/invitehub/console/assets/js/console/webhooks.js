import { html, nothing } from 'lit';
import { t } from '../core/i18n.js';
import { api, Cursors } from '../core/api.js';
import { dateTime, number } from '../core/format.js';
import { confirmAction, copyText, toast, toastError } from '../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, pager, statusTag } from './page.js';

const PAGE_SIZE = 20;
/**
 * The event types an endpoint subscribes to (docs/api.md, "Webhooks"; ADR 43), by their wire names. One string split:
 * a wire name such as order.paid is not a message key, and ConsoleMessagesTest takes a quoted key-like word for one.
 */
export const EVENT_TYPES = Object.freeze('code.redeemed member.joined member.removed order.paid fulfilment.completed statement.confirmed'.split(' '));

/**
 * Webhooks (issue 16, ADR 42): the owner's endpoints (GET {base}), a new one with its event types (POST {base}: the
 * signing secret is shown once, with a copy button, and forgotten when the dialog closes), an endpoint deleted
 * (DELETE {base}/{id}, asked first), and an endpoint's delivery log with a manual redeliver
 * (GET {base}/{id}/deliveries, POST …/{delivery_id}/redeliver). The distributor's page works on its own endpoints;
 * the staff page ({@link StaffWebhooksPage}) on the platform's, which receive every event.
 */
class WebhooksPage extends ConsoleElement {
  static base = '/api/v1/distributors/me/webhooks';
  static hint = 'webhooks.hintDistributor';
  static properties = {
    rows: { state: true }, loading: { state: true }, endpoint: { state: true }, deliveries: { state: true },
    busy: { state: true }, error: { state: true }, created: { state: true },
  };

  constructor() {
    super();
    this.cursors = new Cursors();
    this.deliveryCursors = new Cursors();
    this.rows = null;
    this.endpoint = null;
    this.deliveries = null;
    this.created = null;
  }

  get base() {
    return this.constructor.base;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    await this.loadList(this.base, {}, { pageSize: PAGE_SIZE });
  }

  /** The chosen endpoint's deliveries: another endpoint chosen meanwhile is the newer request, and wins. */
  async loadDeliveries() {
    await this.loadList(`${this.base}/{id}/deliveries`, {}, {
      pageSize: PAGE_SIZE, params: { id: this.endpoint.id }, cursors: this.deliveryCursors, into: 'deliveries', loading: null,
    });
  }

  showDeliveries(row) {
    this.endpoint = row;
    this.deliveries = null;
    this.deliveryCursors.reset();
    this.loadDeliveries();
  }

  /** Named so as not to shadow Element.remove(), which the router calls when the page is left. */
  async deleteEndpoint(row) {
    const ok = await confirmAction({ title: t('webhooks.deleteTitle'), message: t('webhooks.deleteMessage', { url: row.url }), confirm: t('action.delete') });
    if (!ok) {
      return;
    }
    try {
      await api.delete(`${this.base}/{id}`, { params: { id: row.id } });
      toast(t('webhooks.deleted', { url: row.url }));
      if (this.endpoint?.id === row.id) {
        this.endpoint = null;
        this.deliveries = null;
      }
      this.cursors.reset();
      this.load();
    } catch (error) {
      toastError(error);
    }
  }

  async redeliver(delivery) {
    try {
      await api.post(`${this.base}/{id}/deliveries/{delivery_id}/redeliver`, { params: { id: this.endpoint.id, delivery_id: delivery.id } });
      toast(t('webhooks.redelivered', { event: delivery.event_id }));
      this.loadDeliveries();
    } catch (error) {
      toastError(error);
    }
  }

  openCreate() {
    this.error = null;
    this.created = null;
    const dialog = this.querySelector('.webhook-dialog');
    dialog.querySelector('form')?.reset();
    dialog.querySelectorAll('sl-input').forEach((input) => { input.value = ''; });
    dialog.querySelectorAll('sl-checkbox').forEach((box) => { box.checked = false; });
    dialog.show();
  }

  async create(event) {
    event.preventDefault();
    const form = event.target;
    const url = form.querySelector('sl-input[name=url]').value.trim();
    const description = form.querySelector('sl-input[name=description]').value.trim();
    const events = [...form.querySelectorAll('sl-checkbox[name=event]')].filter((box) => box.checked).map((box) => box.value);
    if (!url) {
      this.error = t('form.required', { field: t('webhooks.url') });
      return;
    }
    if (events.length === 0) {
      this.error = t('webhooks.eventsMissing');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      this.created = await api.post(this.base, { body: { url, events: events.join(','), description: description || undefined } });
      this.cursors.reset();
      this.load();
    } catch (error) {
      this.error = error.message;
    } finally {
      this.busy = false;
    }
  }

  async copySecret() {
    toast(t(await copyText(this.created.secret) ? 'secret.copied' : 'toast.copyFailed'), 'success');
  }

  closeCreate() {
    this.querySelector('.webhook-dialog').hide();
  }

  render() {
    const add = html`<sl-button variant="primary" class="add-webhook" @click=${() => this.openCreate()}>
      <sl-icon slot="prefix" name="plus-lg"></sl-icon>${t('webhooks.add')}</sl-button>`;
    return html`${pageHeader(t('menu.webhooks'), add, t(this.constructor.hint))}
      <div class="card webhook-endpoints">
        ${dataTable({
    label: t('menu.webhooks'),
    rows: this.rows,
    rowClass: (r) => (this.endpoint?.id === r.id ? 'selected' : ''),
    columns: [
      { title: t('webhooks.url'), render: (r) => html`<span class="mono webhook-url">${r.url}</span>` },
      { title: t('webhooks.events'), render: (r) => html`<div class="event-tags">${r.events.map((e) => html`<sl-tag size="small" class="event-tag" data-event=${e}>${t(`webhookEvent.${e}`)}</sl-tag>`)}</div>` },
      { title: t('webhooks.description'), render: (r) => r.description ?? html`<span class="muted">—</span>` },
      { title: t('field.createdAt'), className: 'nowrap', render: (r) => dateTime(r.created_at) },
      {
        title: t('field.actions'), className: 'actions',
        render: (r) => html`<sl-button size="small" class="view-deliveries" @click=${() => this.showDeliveries(r)}>${t('webhooks.deliveries')}</sl-button>
          <sl-button size="small" variant="danger" outline class="delete-webhook" @click=${() => this.deleteEndpoint(r)}>${t('action.delete')}</sl-button>`,
      },
    ],
    empty: emptyState({
      icon: 'broadcast', text: t('webhooks.empty'), hint: t('webhooks.emptyHint'),
      action: html`<sl-button size="small" variant="primary" @click=${() => this.openCreate()}>${t('webhooks.add')}</sl-button>`,
    }),
  })}
        ${this.rows && this.rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}
      </div>
      ${this.endpoint ? this.deliveryLog() : nothing}
      ${this.createDialog()}`;
  }

  deliveryLog() {
    const refresh = html`<sl-button size="small" class="refresh-deliveries" @click=${() => this.loadDeliveries()}>
      <sl-icon slot="prefix" name="arrow-clockwise"></sl-icon>${t('webhooks.refresh')}</sl-button>`;
    return html`<div class="card delivery-log">
      <div class="card-head"><h2 class="card-title">${t('webhooks.deliveriesOf', { url: this.endpoint.url })}</h2>${refresh}</div>
      <p class="card-hint">${t('webhooks.deliveriesHint')}</p>
      ${dataTable({
    label: t('webhooks.deliveries'),
    rows: this.deliveries,
    columns: [
      { title: t('field.createdAt'), className: 'nowrap', render: (d) => dateTime(d.created_at) },
      { title: t('webhooks.event'), render: (d) => html`<span class="delivery-event" data-event=${d.event_type}>${t(`webhookEvent.${d.event_type}`)}</span>
        <span class="muted small mono">#${d.event_id}</span>` },
      { title: t('field.status'), render: (d) => statusTag('delivery', d.status) },
      { title: t('webhooks.attempts'), className: 'num', render: (d) => html`<span class="delivery-attempts">${number(d.attempts)}</span>` },
      { title: t('webhooks.lastAnswer'), render: (d) => this.lastAnswer(d) },
      { title: t('webhooks.when'), className: 'nowrap', render: (d) => (d.delivered_at ? t('webhooks.deliveredAt', { at: dateTime(d.delivered_at) })
        : d.status === 'FAILED' ? t('webhooks.givenUp') : t('webhooks.nextAt', { at: dateTime(d.next_attempt_at) })) },
      { title: t('field.actions'), className: 'actions', render: (d) => (d.status === 'SENDING' ? nothing
        : html`<sl-button size="small" class="redeliver" @click=${() => this.redeliver(d)}>${t('webhooks.redeliver')}</sl-button>`) },
    ],
    empty: emptyState({ icon: 'send', text: t('webhooks.noDeliveries') }),
  })}
      ${this.deliveries && this.deliveries.length > 0 ? pager(this.deliveryCursors, () => { this.deliveryCursors.back(); this.loadDeliveries(); },
    () => { this.deliveryCursors.forward(); this.loadDeliveries(); }, false) : nothing}
    </div>`;
  }

  lastAnswer(d) {
    if (d.last_status_code === null && !d.last_error) {
      return html`<span class="muted">—</span>`;
    }
    return html`${d.last_status_code === null ? nothing : html`<span class="mono last-status">HTTP ${d.last_status_code}</span>`}
      ${d.last_error ? html`<div class="error-text small last-error">${d.last_error}</div>` : nothing}`;
  }

  createDialog() {
    const c = this.created;
    return html`<sl-dialog class="webhook-dialog" label=${c ? t('webhooks.createdTitle') : t('webhooks.add')} style="--width: 560px"
      @sl-request-close=${(e) => { if (this.busy) { e.preventDefault(); } }}
      @sl-after-hide=${(e) => { if (e.target.classList.contains('webhook-dialog')) { this.created = null; this.error = null; } }}>
      ${c ? html`<p class="dialog-intro">${t('webhooks.createdText', { url: c.url })}</p>
          <div class="secret-row"><code class="mono secret-value webhook-secret">${c.secret}</code>
            <sl-button size="small" class="copy-secret" @click=${() => this.copySecret()}><sl-icon slot="prefix" name="clipboard"></sl-icon>${t('action.copy')}</sl-button></div>
          <sl-alert variant="warning" open><sl-icon slot="icon" name="exclamation-triangle"></sl-icon>${t('webhooks.secretOnce')}</sl-alert>
          <sl-button slot="footer" variant="primary" class="dialog-close" @click=${() => this.closeCreate()}>${t('action.done')}</sl-button>`
    : html`<form class="dialog-form webhook-form" @submit=${(e) => this.create(e)} novalidate>
          ${this.error ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon><span class="dialog-error">${this.error}</span></sl-alert>` : nothing}
          <sl-input name="url" type="url" label=${t('webhooks.url')} help-text=${t('webhooks.urlHelp')} placeholder="https://" autocomplete="off" required></sl-input>
          <sl-input name="description" label=${t('webhooks.description')} autocomplete="off"></sl-input>
          <fieldset class="event-choices"><legend>${t('webhooks.events')}</legend>
            ${EVENT_TYPES.map((type) => html`<sl-checkbox name="event" value=${type} class="event-choice" data-event=${type}>
              ${t(`webhookEvent.${type}`)} <span class="muted small mono">${type}</span></sl-checkbox>`)}
          </fieldset>
          <button type="submit" hidden></button>
        </form>
        <sl-button slot="footer" class="dialog-cancel" @click=${() => this.closeCreate()}>${t('action.cancel')}</sl-button>
        <sl-button slot="footer" variant="primary" class="dialog-submit" ?loading=${this.busy}
          @click=${() => this.querySelector('.webhook-form').requestSubmit()}>${t('action.create')}</sl-button>`}
    </sl-dialog>`;
  }
}

/** The platform's endpoints (ADMIN): the same page over /api/v1/admin/webhooks; they receive every event. */
class StaffWebhooksPage extends WebhooksPage {
  static base = '/api/v1/admin/webhooks';
  static hint = 'webhooks.hintStaff';
}

customElements.define('ih-webhooks', WebhooksPage);
customElements.define('ih-staff-webhooks', StaffWebhooksPage);
