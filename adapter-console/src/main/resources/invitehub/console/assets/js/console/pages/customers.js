import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime, number } from '../../core/format.js';
import { toast, toastError } from '../../core/ui.js';
import { navigate } from '../router.js';
import { ConsoleElement, dataTable, emptyState, formValues, pageHeader, pager, statusTag } from '../page.js';
import { customerHref, taggedHref } from '../tags.js';

const PAGE_SIZE = 20;
const HISTORY_SIZE = 10;
const NOTE_MAX = 2000;

/**
 * Customers (CRM lite, ADR 36): without an e-mail, the distributor's tags with their customer counts (each a link
 * to the members and sales lists filtered by it) and a look-up by e-mail; with {@code ?email=}, that customer:
 * tags (added and removed through the API, which normalises and bounds them — its refusal is shown in its words),
 * the note with a version check and its edit history (who, when), and the customer's invitations across the
 * distributor's codes (GET /me/customers/{email}, keyset). An e-mail that is not this distributor's customer is
 * the API's 404, shown as such.
 */
class CustomersPage extends ConsoleElement {
  static properties = {
    email: { state: true }, customer: { state: true }, missing: { state: true }, tags: { state: true }, history: { state: true },
    loading: { state: true }, tagError: { state: true }, tagBusy: { state: true }, noteBusy: { state: true }, noteError: { state: true },
  };

  constructor() {
    super();
    this.cursors = new Cursors();
    this.historyCursors = new Cursors();
    this.email = new URLSearchParams(window.location.search).get('email')?.trim() || '';
    this.customer = null;
    this.missing = false;
    this.tags = null;
    this.history = null;
    this.tagError = null;
    this.noteError = null;
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.email) {
      // the history only for a customer of this distributor (anyone else's e-mail is one 404, not two)
      this.load().then(() => (this.missing ? null : this.loadHistory()));
    } else {
      this.loadTags();
    }
  }

  async loadTags() {
    try {
      this.tags = await api.get('/api/v1/distributors/me/tags');
    } catch (error) {
      toastError(error);
      this.tags = [];
    }
  }

  async load() {
    const answer = await this.loadList('/api/v1/distributors/me/customers/{email}', {}, {
      pageSize: PAGE_SIZE, params: { email: this.email }, items: 'invitations', into: 'invitations',
      failed: (error) => (error.status === 404 ? (this.missing = true) : toastError(error)),
    });
    if (answer) {
      this.customer = { ...answer, invitations: this.invitations };
      this.missing = false;
    }
  }

  async loadHistory() {
    await this.loadList('/api/v1/distributors/me/customers/{email}/note/history', {}, {
      pageSize: HISTORY_SIZE, params: { email: this.email }, cursors: this.historyCursors, into: 'history', loading: null,
      failed: (error) => (error.status === 404 ? null : toastError(error)),
    });
  }

  lookUp(event) {
    event.preventDefault();
    const { email } = formValues(event.target);
    if (email) {
      navigate(customerHref(email));
    }
  }

  async addTag(event) {
    event.preventDefault();
    const input = event.target.querySelector('sl-input[name=tag]');
    const tag = input.value.trim();
    if (!tag) {
      return;
    }
    this.tagBusy = true;
    this.tagError = null;
    const before = this.customer.tags;
    try {
      const answer = await api.post('/api/v1/distributors/me/customers/{email}/tags', { params: { email: this.email }, body: { tag } });
      this.customer = { ...this.customer, tags: answer.tags };
      input.value = '';
      // the API normalises (" VIP " is vip): say which tag the customer now carries
      const added = answer.tags.find((known) => !before.includes(known));
      toast(added ? t('customers.tagAdded', { tag: added }) : t('customers.tagAlready', { tag }));
    } catch (error) {
      this.tagError = tagRefusal(error);
    } finally {
      this.tagBusy = false;
    }
  }

  async removeTag(tag) {
    this.tagError = null;
    try {
      const answer = await api.delete('/api/v1/distributors/me/customers/{email}/tags/{tag}', { params: { email: this.email, tag } });
      this.customer = { ...this.customer, tags: answer.tags };
      toast(t('customers.tagRemoved', { tag }));
    } catch (error) {
      this.tagError = tagRefusal(error);
    }
  }

  async saveNote(event) {
    event.preventDefault();
    const body = event.target.querySelector('sl-textarea[name=note]').value;
    this.noteBusy = true;
    this.noteError = null;
    try {
      const note = await api.put('/api/v1/distributors/me/customers/{email}/note', {
        params: { email: this.email }, body: { body, version: this.customer.note?.version ?? 0 },
      });
      this.customer = { ...this.customer, note };
      toast(t('customers.noteSaved', { version: note.version }));
      this.historyCursors.reset();
      this.loadHistory();
    } catch (error) {
      this.noteError = error.status === 409 ? t('customers.noteConflict') : error.code === 'VALIDATION_FAILED' && error.detail
        ? t('customers.refused', { detail: error.detail }) : error.message;
    } finally {
      this.noteBusy = false;
    }
  }

  render() {
    return this.email ? this.customerPage() : this.overview();
  }

  overview() {
    return html`${pageHeader(t('menu.customers'), nothing, t('customers.subtitle'))}
      <div class="card">
        <form class="lookup-form" @submit=${(e) => this.lookUp(e)}>
          <sl-input name="email" type="email" size="small" label=${t('customers.lookUp')} placeholder="name@example.com" required></sl-input>
          <sl-button type="submit" size="small" variant="primary" class="open-customer">${t('customers.open')}</sl-button>
        </form>
      </div>
      <div class="card">
        <h2 class="card-title">${t('customers.tagsTitle')}</h2>
        ${dataTable({
    label: t('customers.tagsTitle'),
    rows: this.tags,
    rowKey: (r) => r.tag,
    columns: [
      { title: t('customers.tag'), render: (r) => html`<sl-tag size="small" class="customer-tag">${r.tag}</sl-tag>` },
      { title: t('customers.customerCount'), className: 'num', render: (r) => number(r.customers) },
      {
        title: t('field.actions'), className: 'actions', render: (r) => html`<a class="tag-members" href=${taggedHref('members', r.tag)}>${t('customers.seeMembers')}</a>
          · <a class="tag-sales" href=${taggedHref('sales', r.tag)}>${t('customers.seeSales')}</a>`,
      },
    ],
    empty: emptyState({ icon: 'tags', text: t('customers.noTags'), hint: t('customers.noTagsHint') }),
  })}
      </div>`;
  }

  customerPage() {
    const back = html`<sl-button size="small" href="/console/customers" class="back-to-customers">
      <sl-icon slot="prefix" name="arrow-left"></sl-icon>${t('menu.customers')}</sl-button>`;
    const header = pageHeader(html`<span class="customer-email">${this.email}</span>`, back, t('customers.customerSubtitle'));
    if (this.missing) {
      return html`${header}<div class="card">${emptyState({ icon: 'person-x', text: t('customers.notYours'), hint: t('customers.notYoursHint') })}</div>`;
    }
    const c = this.customer;
    return html`${header}
      <div class="grid customer-grid">
        <div class="card customer-tags">
          <h2 class="card-title">${t('customers.tagsTitle')}</h2>
          <div class="tag-list" role="list">
            ${c === null ? html`<sl-skeleton effect="pulse"></sl-skeleton>` : c.tags.length === 0
    ? html`<span class="muted no-tags">${t('customers.noTagsYet')}</span>`
    : c.tags.map((tag) => html`<sl-tag role="listitem" size="medium" variant="primary" removable class="customer-tag" data-tag=${tag}
                @sl-remove=${() => this.removeTag(tag)}>${tag}</sl-tag>`)}
          </div>
          <form class="tag-form" @submit=${(e) => this.addTag(e)}>
            <sl-input name="tag" size="small" label=${t('customers.addTag')} help-text=${t('customers.tagRules')} maxlength="64"
              ?disabled=${c === null}></sl-input>
            <sl-button type="submit" size="small" class="add-tag" ?loading=${this.tagBusy} ?disabled=${c === null}>${t('customers.add')}</sl-button>
          </form>
          ${this.tagError ? html`<p class="form-error tag-error" role="alert">${this.tagError}</p>` : nothing}
        </div>
        <div class="card customer-note">
          <h2 class="card-title">${t('customers.note')}</h2>
          <form class="note-form" @submit=${(e) => this.saveNote(e)}>
            <sl-textarea name="note" rows="4" resize="auto" label=${t('customers.noteLabel')} maxlength=${NOTE_MAX}
              .value=${live(c?.note?.body ?? '')} ?disabled=${c === null}
              help-text=${c?.note ? t('customers.noteLast', { version: c.note.version, who: c.note.updated_by, when: dateTime(c.note.updated_at) })
    : t('customers.noteNone')}></sl-textarea>
            <sl-button type="submit" size="small" variant="primary" class="save-note" ?loading=${this.noteBusy} ?disabled=${c === null}>${t('action.save')}</sl-button>
          </form>
          ${this.noteError ? html`<p class="form-error note-error" role="alert">${this.noteError}</p>` : nothing}
          <h3 class="card-title small">${t('customers.history')}</h3>
          ${dataTable({
    label: t('customers.history'),
    rows: this.history,
    columns: [
      { title: t('customers.version'), className: 'num', render: (r) => r.version },
      { title: t('customers.editedBy'), render: (r) => r.edited_by },
      { title: t('customers.editedAt'), className: 'nowrap', render: (r) => dateTime(r.edited_at) },
      { title: t('customers.note'), className: 'note-body', render: (r) => (r.body ? r.body : html`<span class="muted">${t('customers.cleared')}</span>`) },
    ],
    empty: html`<p class="muted no-history">${t('customers.noHistory')}</p>`,
  })}
          ${this.history && this.history.length > 0 && (this.historyCursors.hasNext || this.historyCursors.hasPrevious)
    ? pager(this.historyCursors, () => { this.historyCursors.back(); this.loadHistory(); }, () => { this.historyCursors.forward(); this.loadHistory(); }, false)
    : nothing}
        </div>
      </div>
      <div class="card customer-invitations">
        <h2 class="card-title">${t('customers.invitations')}</h2>
        ${dataTable({
    label: t('customers.invitations'),
    rows: c === null ? null : c.invitations,
    columns: [
      { title: t('field.code'), className: 'nowrap', render: (r) => html`<span class="mono">${r.code}</span>` },
      { title: t('field.team'), render: (r) => r.team_name ?? html`<span class="muted">—</span>` },
      { title: t('field.status'), render: (r) => html`${statusTag('invitation', r.status)}${r.rebind ? html` <sl-tag size="small" class="rebind-tag">${t('customers.rebind')}</sl-tag>` : nothing}` },
      { title: t('field.createdAt'), className: 'nowrap', render: (r) => dateTime(r.created_at) },
      { title: t('sales.acceptedAt'), className: 'nowrap', render: (r) => dateTime(r.accepted_at) },
      { title: t('customers.endedAt'), className: 'nowrap', render: (r) => dateTime(r.ended_at) },
    ],
    empty: emptyState({ icon: 'envelope', text: t('customers.noInvitations') }),
  })}
        ${c && c.invitations.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}
      </div>`;
  }
}

/** The API's refusal of a tag in plain words, with its own words (the rule it applied) after them. */
function tagRefusal(error) {
  if (error.status === 409) {
    return t('customers.tagLimit', { detail: error.detail ?? '' });
  }
  if (error.code === 'VALIDATION_FAILED') {
    return t('customers.tagInvalid', { detail: error.detail ?? '' });
  }
  return error.message;
}

customElements.define('ih-customers', CustomersPage);
