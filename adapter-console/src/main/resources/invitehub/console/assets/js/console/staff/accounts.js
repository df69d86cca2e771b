import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime } from '../../core/format.js';
import { confirmAction, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, pager } from '../page.js';
import { account } from '../account.js';
import { formDialog, secretDialog } from './common.js';

const PAGE_SIZE = 20;

/**
 * Accounts (ADMIN, ADR 50): the staff accounts (GET /admin/accounts); create an OPERATOR (POST /admin/accounts), switch
 * one off and on (…/disable, …/enable), reset a password (…/reset-password). A new or reset password is shown once,
 * in a dialog, and must be changed at the next sign-in. A distributor's password is reset from its page.
 */
class AccountsPage extends ConsoleElement {
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
    await this.loadList('/api/v1/admin/accounts', {}, { pageSize: PAGE_SIZE });
  }

  async create() {
    const created = await formDialog({
      title: t('accounts.create'), className: 'create-operator', submitLabel: t('action.create'), intro: t('accounts.createIntro'),
      fields: [
        { name: 'username', label: t('field.username'), required: true, help: t('signUp.usernameHelp') },
        { name: 'email', label: t('field.email'), type: 'email' },
      ],
      submit: (v) => api.post('/api/v1/admin/accounts', { body: v.email ? { username: v.username, email: v.email } : { username: v.username } }),
    });
    if (created) {
      this.load();
      await secretDialog({ title: t('accounts.temporaryTitle', { name: created.account.username }), text: t('accounts.createdText'),
        secret: created.temporary_password });
    }
  }

  async switchAccount(row, off) {
    const ok = await confirmAction({
      title: t(off ? 'accounts.disableTitle' : 'accounts.enableTitle', { name: row.username }),
      message: t(off ? 'accounts.disableMessage' : 'accounts.enableMessage'), confirm: t(off ? 'accounts.disable' : 'accounts.enable'), danger: off,
    });
    if (!ok) {
      return;
    }
    try {
      await api.post(off ? '/api/v1/admin/accounts/{id}/disable' : '/api/v1/admin/accounts/{id}/enable', { params: { id: row.id } });
      toast(t(off ? 'accounts.disabled' : 'accounts.enabled', { name: row.username }));
      this.load();
    } catch (error) {
      toastError(error);
    }
  }

  async reset(row) {
    const ok = await confirmAction({ title: t('accounts.resetTitle', { name: row.username }), message: t('accounts.resetMessage'), confirm: t('accounts.reset') });
    if (!ok) {
      return;
    }
    try {
      const answer = await api.post('/api/v1/admin/accounts/{id}/reset-password', { params: { id: row.id } });
      this.load();
      await secretDialog({ title: t('accounts.temporaryTitle', { name: row.username }), text: t('accounts.temporaryText'), secret: answer.temporary_password });
    } catch (error) {
      toastError(error);
    }
  }

  render() {
    const me = account();
    const action = html`<sl-button variant="primary" class="create-operator-button" @click=${() => this.create()}>
      <sl-icon slot="prefix" name="person-plus"></sl-icon>${t('accounts.create')}</sl-button>`;
    return html`${pageHeader(t('menu.accounts'), action, t('accounts.subtitle'))}
      <div class="card">${dataTable({
    label: t('menu.accounts'),
    rows: this.rows,
    rowClass: (r) => (r.disabled ? 'inactive' : ''),
    columns: [
      { title: t('field.username'), render: (r) => html`<span class="account-username">${r.username}</span>${r.id === me?.id ? html` <span class="muted">(${t('accounts.you')})</span>` : nothing}` },
      { title: t('field.email'), render: (r) => r.email ?? '—' },
      { title: t('profile.role'), render: (r) => t(`role.${r.role}`) },
      { title: t('field.status'), render: (r) => html`<sl-tag size="small" class="account-state" data-status=${r.disabled ? 'disabled' : 'active'}
          variant=${r.disabled ? 'neutral' : 'success'}>${t(r.disabled ? 'accounts.stateDisabled' : 'accounts.stateActive')}</sl-tag>
          ${r.must_change_password ? html`<sl-tag size="small" variant="warning" class="must-change">${t('accounts.mustChange')}</sl-tag>` : nothing}` },
      { title: t('field.createdAt'), className: 'nowrap', render: (r) => dateTime(r.created_at) },
      { title: t('field.actions'), className: 'actions', render: (r) => (r.id === me?.id ? html`<a href="/console/profile">${t('profile.changePassword')}</a>` : html`<div class="row-actions">
          ${r.role === 'OPERATOR' ? html`<sl-button size="small" class=${r.disabled ? 'enable' : 'disable'} @click=${() => this.switchAccount(r, !r.disabled)}>
            ${t(r.disabled ? 'accounts.enable' : 'accounts.disable')}</sl-button>` : nothing}
          <sl-button size="small" class="reset-password" @click=${() => this.reset(r)}>${t('accounts.reset')}</sl-button></div>`) },
    ],
    empty: emptyState({ icon: 'person-gear', text: t('accounts.empty') }),
  })}
        ${this.rows && this.rows.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.load(); }, () => { this.cursors.forward(); this.load(); }, this.loading) : nothing}
      </div>`;
  }
}

customElements.define('ih-accounts', AccountsPage);
