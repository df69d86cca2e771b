import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { dateTime, number } from '../../core/format.js';
import { confirmAction, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader, statusTag } from '../page.js';
import { card, formDialog } from './common.js';

/**
 * Teams and groups: the pool with its seats (reserved, external, max), status and last sync (GET /admin/teams);
 * the groups (GET/POST /admin/team-groups); create a team (its credentials are verified with the provider),
 * edit, pause or resume, replace the credentials (never shown back), its external members, delete a team that
 * holds no live invitation (DELETE /admin/teams/{id}).
 */
class TeamsPage extends ConsoleElement {
  static properties = { teams: { state: true }, groups: { state: true }, external: { state: true } };

  constructor() {
    super();
    this.teams = null;
    this.groups = [];
    this.external = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      const [teams, groups] = await Promise.all([api.get('/api/v1/admin/teams'), api.get('/api/v1/admin/team-groups')]);
      this.teams = teams;
      this.groups = groups;
    } catch (error) {
      toastError(error);
      this.teams ??= [];
    }
  }

  groupName(id) {
    return id === null ? t('teams.noGroup') : (this.groups.find((g) => g.id === id)?.name ?? `#${id}`);
  }

  groupOptions() {
    return this.groups.map((g) => [String(g.id), g.name]);
  }

  async create() {
    const team = await formDialog({
      title: t('teams.create'), className: 'create-team', submitLabel: t('action.create'), intro: t('teams.createIntro'),
      fields: [
        { name: 'name', label: t('teams.name'), required: true },
        { name: 'provider_account_id', label: t('teams.account'), required: true, help: t('teams.accountHelp') },
        { name: 'credentials', label: t('teams.credentials'), type: 'textarea', help: t('teams.credentialsHelp') },
        { name: 'max_seats', label: t('seats.max'), type: 'number', value: '5', required: true, min: 0 },
        { name: 'group_id', label: t('teams.group'), type: 'select', options: this.groupOptions(), help: t('teams.groupHelp') },
      ],
      submit: (v) => api.post('/api/v1/admin/teams', { body: withoutNulls({ ...v, group_id: v.group_id ? Number(v.group_id) : null }) }),
    });
    if (team) {
      toast(team.status === 'ACTIVE' ? t('teams.created', { name: team.name }) : t('teams.createdRefused', { name: team.name, status: t(`teamStatus.${team.status}`) }),
        team.status === 'ACTIVE' ? 'success' : 'warning');
      this.load();
    }
  }

  async createGroup() {
    const group = await formDialog({
      title: t('teams.newGroup'), className: 'create-group', submitLabel: t('action.create'),
      fields: [{ name: 'name', label: t('teams.groupName'), required: true }],
      submit: (v) => api.post('/api/v1/admin/team-groups', { body: { name: v.name } }),
    });
    if (group) {
      toast(t('teams.groupCreated', { name: group.name }));
      this.load();
    }
  }

  async edit(team) {
    const changed = await formDialog({
      title: t('teams.editTitle', { name: team.name }), className: 'edit-team', submitLabel: t('action.save'),
      fields: [
        { name: 'name', label: t('teams.name'), value: team.name, required: true },
        { name: 'max_seats', label: t('seats.max'), type: 'number', value: String(team.max_seats), required: true, min: 0,
          help: t('teams.maxSeatsHelp', { used: team.seats_reserved + team.external_seats }) },
        { name: 'group_id', label: t('teams.group'), type: 'select', value: team.group_id === null ? '' : String(team.group_id), options: this.groupOptions() },
      ],
      submit: (v) => api.patch('/api/v1/admin/teams/{id}', {
        params: { id: team.id }, body: { name: v.name, max_seats: v.max_seats, group_id: v.group_id ? Number(v.group_id) : null },
      }),
    });
    if (changed) {
      toast(t('teams.saved', { name: changed.name }));
      this.load();
    }
  }

  async setStatus(team, status) {
    try {
      await api.patch('/api/v1/admin/teams/{id}', { params: { id: team.id }, body: { status } });
      toast(t(status === 'PAUSED' ? 'teams.paused' : 'teams.resumed', { name: team.name }));
      this.load();
    } catch (error) {
      toastError(error);
    }
  }

  async credentials(team) {
    const changed = await formDialog({
      title: t('teams.credentialsTitle', { name: team.name }), className: 'team-credentials', submitLabel: t('teams.verifyAndSave'),
      intro: t('teams.credentialsIntro'),
      fields: [{ name: 'credentials', label: t('teams.credentials'), type: 'textarea', required: true }],
      submit: (v) => api.put('/api/v1/admin/teams/{id}/credentials', { params: { id: team.id }, body: { credentials: v.credentials } }),
    });
    if (changed) {
      toast(t('teams.credentialsSaved', { name: team.name, status: t(`teamStatus.${changed.status}`) }));
      this.load();
    }
  }

  async showExternal(team) {
    try {
      this.external = { team, answer: await api.get('/api/v1/admin/teams/{id}/external-members', { params: { id: team.id } }) };
      await this.updateComplete;
      this.querySelector('.external-dialog')?.show();
    } catch (error) {
      toastError(error);
    }
  }

  async deleteTeam(team) {
    const ok = await confirmAction({ title: t('teams.deleteTitle', { name: team.name }), message: t('teams.deleteMessage'), confirm: t('action.delete') });
    if (!ok) {
      return;
    }
    try {
      await api.delete('/api/v1/admin/teams/{id}', { params: { id: team.id } });
      toast(t('teams.deleted', { name: team.name }));
      this.load();
    } catch (error) {
      toast(error.status === 409 ? t('teams.deleteRefused', { name: team.name }) : error.message, 'danger');
    }
  }

  render() {
    const action = html`<sl-button variant="primary" class="create-team-button" @click=${() => this.create()}>
      <sl-icon slot="prefix" name="plus-lg"></sl-icon>${t('teams.create')}</sl-button>`;
    return html`${pageHeader(t('menu.teams'), action)}
      <div class="card">
        ${dataTable({
    label: t('menu.teams'),
    rows: this.teams,
    rowClass: (r) => (r.status === 'ACTIVE' ? '' : 'inactive'),
    columns: [
      { title: t('teams.name'), render: (r) => html`<span class="team-name">${r.name}</span><div class="muted small mono">${r.provider_account_id}</div>` },
      { title: t('teams.group'), render: (r) => this.groupName(r.group_id) },
      { title: t('field.status'), render: (r) => statusTag('teamStatus', r.status) },
      { title: t('seats.reserved'), className: 'num', render: (r) => html`<span data-seats="reserved">${number(r.seats_reserved)}</span>` },
      { title: t('seats.external'), className: 'num', render: (r) => html`<a href="#" class="show-external" data-seats="external"
          @click=${(e) => { e.preventDefault(); this.showExternal(r); }}>${number(r.external_seats)}</a>` },
      { title: t('seats.max'), className: 'num', render: (r) => html`<span data-seats="max">${number(r.max_seats)}</span>` },
      { title: t('seats.free'), className: 'num', render: (r) => html`<span data-seats="free">${number(r.free_seats)}</span>` },
      { title: t('teams.lastSync'), className: 'nowrap', render: (r) => html`${dateTime(r.last_synced_at)}
          ${r.last_sync_error ? html`<div class="error-text small sync-error" title=${r.last_sync_error}>${t('teams.syncFailed', { n: r.sync_failures })}</div>` : nothing}` },
      { title: t('field.actions'), className: 'actions', render: (r) => this.actions(r) },
    ],
    empty: emptyState({ icon: 'diagram-3', text: t('overview.noTeams'), hint: t('teams.emptyHint'),
      action: html`<sl-button size="small" variant="primary" @click=${() => this.create()}>${t('teams.create')}</sl-button>` }),
  })}
      </div>
      ${card(t('teams.groups'), this.groupsBody(), {
    action: html`<sl-button size="small" class="create-group-button" @click=${() => this.createGroup()}><sl-icon slot="prefix" name="plus-lg"></sl-icon>${t('teams.newGroup')}</sl-button>`,
    className: 'groups-card' })}
      ${this.externalDialog()}`;
  }

  actions(team) {
    return html`<div class="row-actions">
      ${team.status === 'PAUSED' ? html`<sl-button size="small" class="resume" @click=${() => this.setStatus(team, 'ACTIVE')}>${t('teams.resume')}</sl-button>`
    : team.status === 'ACTIVE' ? html`<sl-button size="small" class="pause" @click=${() => this.setStatus(team, 'PAUSED')}>${t('teams.pause')}</sl-button>`
      : html`<sl-button size="small" class="reactivate-team" @click=${() => this.setStatus(team, 'ACTIVE')}>${t('teams.retry')}</sl-button>`}
      <sl-dropdown placement="bottom-end" hoist>
        <sl-icon-button slot="trigger" name="three-dots" class="team-more" label=${t('teams.more', { name: team.name })}></sl-icon-button>
        <sl-menu @sl-select=${(e) => this.menuAction(team, e.detail.item.value)}>
          <sl-menu-item value="edit" class="edit">${t('action.edit')}</sl-menu-item>
          <sl-menu-item value="credentials" class="credentials">${t('teams.replaceCredentials')}</sl-menu-item>
          <sl-menu-item value="external" class="external">${t('teams.externalMembers')}</sl-menu-item>
          <sl-menu-item value="delete" class="delete">${t('action.delete')}</sl-menu-item>
        </sl-menu>
      </sl-dropdown>
    </div>`;
  }

  menuAction(team, value) {
    const actions = { edit: () => this.edit(team), credentials: () => this.credentials(team), external: () => this.showExternal(team), delete: () => this.deleteTeam(team) };
    actions[value]();
  }

  groupsBody() {
    return dataTable({
      label: t('teams.groups'),
      rows: this.teams === null ? null : this.groups,
      columns: [
        { title: t('teams.groupName'), render: (g) => g.name },
        { title: t('teams.count'), className: 'num', render: (g) => number(g.teams) },
        { title: t('seats.waiting'), className: 'num', render: (g) => number(g.waiting) },
        { title: t('field.createdAt'), className: 'nowrap', render: (g) => dateTime(g.created_at) },
      ],
      empty: emptyState({ icon: 'collection', text: t('teams.noGroups'), hint: t('teams.groupHint') }),
    });
  }

  externalDialog() {
    if (!this.external) {
      return nothing;
    }
    const { team, answer } = this.external;
    return html`<sl-dialog class="external-dialog" label=${t('teams.externalTitle', { name: team.name })} style="--width: 720px"
      @sl-after-hide=${(e) => { if (e.target.classList.contains('external-dialog')) { this.external = null; } }}>
      <p class="dialog-intro">${t('teams.externalIntro', { at: dateTime(answer.last_synced_at) })}</p>
      ${dataTable({
    label: t('teams.externalMembers'),
    rows: answer.members,
    rowKey: (m) => m.email,
    columns: [
      { title: t('field.email'), render: (m) => m.email },
      { title: t('teams.memberRole'), render: (m) => m.role ?? '—' },
      { title: t('members.joinedAt'), className: 'nowrap', render: (m) => dateTime(m.joined_at) },
      { title: t('teams.firstSeen'), className: 'nowrap', render: (m) => dateTime(m.first_seen_at) },
    ],
    empty: emptyState({ icon: 'people', text: t('teams.noExternal') }),
  })}
      <sl-button slot="footer" variant="primary" @click=${(e) => e.target.closest('sl-dialog').hide()}>${t('action.done')}</sl-button>
    </sl-dialog>`;
  }
}

/** A body without its null fields: the API takes absent and null alike, but an optional field left empty is simply not sent. */
export function withoutNulls(body) {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && v !== undefined));
}

customElements.define('ih-teams', TeamsPage);
