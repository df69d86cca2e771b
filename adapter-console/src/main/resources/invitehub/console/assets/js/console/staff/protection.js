import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api, Cursors } from '../../core/api.js';
import { dateTime } from '../../core/format.js';
import { confirmAction, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, formValues, pageHeader, pager } from '../page.js';
import { card } from './common.js';

const PAGE_SIZE = 20;

/**
 * Anti-harassment (ADMIN, SPEC section 9): the blocklist of e-mails and domains (GET/POST/DELETE /admins/blocklist:
 * redemptions to a listed address or domain are refused), and the opt-outs customers asked for (GET /admins/opt-outs),
 * each liftable at its owner's request (POST /admins/opt-outs/lift).
 */
class ProtectionPage extends ConsoleElement {
  static properties = { blocks: { state: true }, optOuts: { state: true }, email: { state: true }, adding: { state: true }, error: { state: true } };

  constructor() {
    super();
    this.blocks = null;
    this.blockAfter = [];
    this.optOuts = null;
    this.cursors = new Cursors();
    this.email = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.loadBlocks();
    this.loadOptOuts();
  }

  async loadBlocks() {
    try {
      const after = this.blockAfter.at(-1);
      this.blocks = await api.get('/api/v1/admins/blocklist', { query: { limit: PAGE_SIZE, after: after ?? undefined } });
    } catch (error) {
      toastError(error);
      this.blocks ??= [];
    }
  }

  async loadOptOuts() {
    await this.loadList('/api/v1/admins/opt-outs', { email: this.email || undefined }, { pageSize: PAGE_SIZE, into: 'optOuts', loading: null });
  }

  async block(event) {
    event.preventDefault();
    const form = event.target;
    const { value, reason } = formValues(form);
    if (!value) {
      this.error = t('protection.valueMissing');
      return;
    }
    this.adding = true;
    this.error = null;
    try {
      const entry = await api.post('/api/v1/admins/blocklist', { body: reason ? { value, reason } : { value } });
      toast(t(entry.kind === 'DOMAIN' ? 'protection.domainBlocked' : 'protection.emailBlocked', { value: entry.value }));
      form.reset();
      form.querySelectorAll('sl-input').forEach((input) => { input.value = ''; });
      this.blockAfter = [];
      this.loadBlocks();
    } catch (error) {
      this.error = error.status === 409 ? t('protection.already', { value }) : error.message;
    } finally {
      this.adding = false;
    }
  }

  async unblock(entry) {
    const ok = await confirmAction({ title: t('protection.unblockTitle', { value: entry.value }), message: t('protection.unblockMessage'), confirm: t('protection.unblock') });
    if (!ok) {
      return;
    }
    try {
      await api.delete('/api/v1/admins/blocklist/{id}', { params: { id: entry.id } });
      toast(t('protection.unblocked', { value: entry.value }));
      this.loadBlocks();
    } catch (error) {
      toastError(error);
    }
  }

  async lift(row) {
    const ok = await confirmAction({ title: t('protection.liftTitle', { email: row.email }), message: t('protection.liftMessage'), confirm: t('protection.lift'), danger: false });
    if (!ok) {
      return;
    }
    try {
      await api.post('/api/v1/admins/opt-outs/lift', { body: { email: row.email } });
      toast(t('protection.lifted', { email: row.email }));
      this.cursors.reset();
      this.loadOptOuts();
    } catch (error) {
      toastError(error);
    }
  }

  render() {
    return html`${pageHeader(t('menu.protection'), nothing, t('protection.subtitle'))}
      ${card(t('protection.blocklist'), html`
        <form class="filters block-form" @submit=${(e) => this.block(e)} novalidate>
          <sl-input name="value" size="small" class="block-value" label=${t('protection.value')} placeholder="name@example.com / example.com"></sl-input>
          <sl-input name="reason" size="small" class="block-reason" label=${t('protection.reason')}></sl-input>
          <sl-button size="small" variant="primary" type="submit" class="add-block" ?loading=${this.adding}><sl-icon slot="prefix" name="slash-circle"></sl-icon>${t('protection.block')}</sl-button>
        </form>
        ${this.error ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.error}</sl-alert>` : nothing}
        ${dataTable({
    label: t('protection.blocklist'),
    rows: this.blocks,
    columns: [
      { title: t('protection.kind'), render: (b) => html`<sl-tag size="small" variant=${b.kind === 'DOMAIN' ? 'warning' : 'neutral'}>${t(`blockKind.${b.kind}`)}</sl-tag>` },
      { title: t('protection.value'), render: (b) => html`<span class="mono block-entry">${b.value}</span>` },
      { title: t('protection.reason'), render: (b) => b.reason ?? '' },
      { title: t('field.createdAt'), className: 'nowrap', render: (b) => dateTime(b.created_at) },
      { title: t('field.actions'), className: 'actions', render: (b) => html`<sl-button size="small" class="unblock" @click=${() => this.unblock(b)}>${t('protection.unblock')}</sl-button>` },
    ],
    empty: emptyState({ icon: 'shield', text: t('protection.noBlocks') }),
  })}
        ${this.blocks && (this.blocks.length === PAGE_SIZE || this.blockAfter.length > 0) ? html`<nav class="pager" aria-label=${t('pager.label')}>
          <sl-button size="small" ?disabled=${this.blockAfter.length === 0} @click=${() => { this.blockAfter.pop(); this.loadBlocks(); }}>${t('pager.previous')}</sl-button>
          <sl-button size="small" ?disabled=${this.blocks.length < PAGE_SIZE} @click=${() => { this.blockAfter.push(this.blocks.at(-1).id); this.loadBlocks(); }}>${t('pager.next')}</sl-button>
        </nav>` : nothing}`, { className: 'blocklist-card' })}
      ${card(t('protection.optOuts'), html`
        <form class="filters" role="search" @submit=${(e) => { e.preventDefault(); this.email = this.querySelector('.optout-search').value.trim(); this.cursors.reset(); this.loadOptOuts(); }}>
          <sl-input class="filter-search optout-search" size="small" label=${t('field.email')} clearable
            @sl-clear=${() => { this.email = ''; this.cursors.reset(); this.loadOptOuts(); }}><sl-icon slot="prefix" name="search"></sl-icon></sl-input>
          <sl-button size="small" type="submit">${t('filter.search')}</sl-button>
        </form>
        ${dataTable({
    label: t('protection.optOuts'),
    rows: this.optOuts,
    rowKey: (o) => o.email,
    columns: [
      { title: t('field.email'), render: (o) => o.email },
      { title: t('protection.proof'), className: 'nowrap', render: (o) => html`<span class="mono">${o.code}</span>` },
      { title: t('field.createdAt'), className: 'nowrap', render: (o) => dateTime(o.created_at) },
      { title: t('field.actions'), className: 'actions', render: (o) => html`<sl-button size="small" class="lift" @click=${() => this.lift(o)}>${t('protection.lift')}</sl-button>` },
    ],
    empty: emptyState({ icon: 'envelope-check', text: this.email ? t('protection.noOptOutFor', { email: this.email }) : t('protection.noOptOuts') }),
  })}
        ${this.optOuts && this.optOuts.length > 0 ? pager(this.cursors, () => { this.cursors.back(); this.loadOptOuts(); }, () => { this.cursors.forward(); this.loadOptOuts(); }, false) : nothing}`,
    { className: 'optouts-card' })}`;
  }
}

customElements.define('ih-protection', ProtectionPage);
