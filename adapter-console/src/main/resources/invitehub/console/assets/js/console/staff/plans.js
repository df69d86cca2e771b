import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { money, number } from '../../core/format.js';
import { confirmAction, toast, toastError } from '../../core/ui.js';
import { ConsoleElement, dataTable, emptyState, pageHeader } from '../page.js';
import { formDialog } from './common.js';

const TYPES = ['DISTRIBUTOR_CODES', 'PUBLIC'];

/**
 * A plan as PUT /admin/code-plans/{id} takes it back: every field of the answer, with the changes (a change to null
 * clears an optional field: the API reads null as absent).
 */
function planBody(plan, changes = {}) {
  return {
    name: plan.name, plan_type: plan.plan_type, price: plan.price, original_price: plan.original_price, code_count: plan.code_count,
    code_max_uses: plan.code_max_uses, validity_days: plan.validity_days, active: plan.active, recommended: plan.recommended,
    sort_order: plan.sort_order, description: plan.description, ...changes,
  };
}

/**
 * Plans (ADMIN): the products distributors buy and the public page sells (GET/POST/PUT/DELETE /admin/code-plans):
 * create, edit, put in order (sort_order, swapped with the neighbour), put on sale or take off (active). A plan
 * that orders refer to is not deleted: the refusal says to take it off sale.
 */
class PlansPage extends ConsoleElement {
  static properties = { plans: { state: true }, busy: { state: true } };

  constructor() {
    super();
    this.plans = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.plans = await api.get('/api/v1/admin/code-plans');
    } catch (error) {
      toastError(error);
      this.plans ??= [];
    }
  }

  fields(plan) {
    return [
      { name: 'name', label: t('plans.name'), value: plan?.name, required: true },
      { name: 'plan_type', label: t('plans.type'), type: 'select', value: plan?.plan_type ?? 'DISTRIBUTOR_CODES', required: true,
        options: TYPES.map((type) => [type, t(`planType.${type}`)]), help: t('plans.typeHelp') },
      { name: 'price', label: t('plans.price'), value: plan?.price, required: true, help: t('plans.priceHelp') },
      { name: 'original_price', label: t('plans.originalPrice'), value: plan?.original_price ?? '' },
      { name: 'code_count', label: t('plans.codeCount'), type: 'number', value: String(plan?.code_count ?? 10), required: true, min: 1 },
      { name: 'code_max_uses', label: t('codes.maxUses'), type: 'number', value: String(plan?.code_max_uses ?? 1), required: true, min: 0, help: t('codes.maxUsesHelp') },
      { name: 'validity_days', label: t('codes.validityDays'), type: 'number', value: String(plan?.validity_days ?? 30), required: true, min: 1 },
      { name: 'description', label: t('plans.description'), type: 'textarea', value: plan?.description ?? '' },
    ];
  }

  async create() {
    const next = (this.plans ?? []).reduce((max, p) => Math.max(max, p.sort_order), 0) + 1;
    const plan = await formDialog({
      title: t('plans.create'), className: 'create-plan', submitLabel: t('action.create'), fields: this.fields(null),
      submit: (v) => api.post('/api/v1/admin/code-plans', { body: { ...cleaned(v), active: true, recommended: false, sort_order: next } }),
    });
    if (plan) {
      toast(t('plans.created', { name: plan.name }));
      this.load();
    }
  }

  async edit(plan) {
    const saved = await formDialog({
      title: t('plans.editTitle', { name: plan.name }), className: 'edit-plan', submitLabel: t('action.save'), fields: this.fields(plan),
      intro: t('plans.editIntro'),
      submit: (v) => api.put('/api/v1/admin/code-plans/{id}', { params: { id: plan.id }, body: planBody(plan, v) }),
    });
    if (saved) {
      toast(t('plans.saved', { name: saved.name }));
      this.load();
    }
  }

  async change(plan, changes, message) {
    this.busy = plan.id;
    try {
      await api.put('/api/v1/admin/code-plans/{id}', { params: { id: plan.id }, body: planBody(plan, changes) });
      if (message) {
        toast(message);
      }
    } catch (error) {
      toastError(error);
    } finally {
      this.busy = null;
    }
  }

  /** Swaps the sort order with the neighbour (equal orders are first made distinct by position). */
  async move(index, by) {
    const ordered = this.plans;
    const other = index + by;
    if (other < 0 || other >= ordered.length) {
      return;
    }
    const a = ordered[index];
    const b = ordered[other];
    const orderA = a.sort_order === b.sort_order ? other : b.sort_order;
    const orderB = a.sort_order === b.sort_order ? index : a.sort_order;
    await this.change(a, { sort_order: orderA });
    await this.change(b, { sort_order: orderB });
    toast(t('plans.moved', { name: a.name }));
    this.load();
  }

  async deletePlan(plan) {
    const ok = await confirmAction({ title: t('plans.deleteTitle', { name: plan.name }), message: t('plans.deleteMessage'), confirm: t('action.delete') });
    if (!ok) {
      return;
    }
    try {
      await api.delete('/api/v1/admin/code-plans/{id}', { params: { id: plan.id } });
      toast(t('plans.deleted', { name: plan.name }));
      this.load();
    } catch (error) {
      toast(error.status === 409 ? t('plans.deleteRefused', { name: plan.name }) : error.message, 'danger');
    }
  }

  render() {
    const action = html`<sl-button variant="primary" class="create-plan-button" @click=${() => this.create()}>
      <sl-icon slot="prefix" name="plus-lg"></sl-icon>${t('plans.create')}</sl-button>`;
    const plans = this.plans;
    return html`${pageHeader(t('menu.plans'), action, t('plans.subtitle'))}
      <div class="card">${dataTable({
    label: t('menu.plans'),
    rows: plans,
    rowClass: (p) => (p.active ? '' : 'inactive'),
    columns: [
      { title: t('plans.order'), className: 'nowrap', render: (p) => {
        const i = plans.indexOf(p);
        return html`<sl-icon-button name="arrow-up" class="move-up" label=${t('plans.moveUp', { name: p.name })} ?disabled=${i === 0}
            @click=${() => this.move(i, -1)}></sl-icon-button><sl-icon-button name="arrow-down" class="move-down" label=${t('plans.moveDown', { name: p.name })}
            ?disabled=${i === plans.length - 1} @click=${() => this.move(i, 1)}></sl-icon-button>`;
      } },
      { title: t('plans.name'), render: (p) => html`<span class="plan-name">${p.name}</span>${p.recommended ? html` <sl-tag size="small" variant="primary">${t('buy.recommended')}</sl-tag>` : nothing}` },
      { title: t('plans.type'), render: (p) => t(`planType.${p.plan_type}`) },
      { title: t('plans.price'), className: 'num nowrap', render: (p) => html`<span class="plan-price">${money(p.price, p.currency)}</span>
          ${p.original_price ? html`<div class="muted small"><s>${money(p.original_price, p.currency)}</s></div>` : nothing}` },
      { title: t('plans.codeCount'), className: 'num', render: (p) => number(p.code_count) },
      { title: t('codes.maxUses'), className: 'num', render: (p) => (p.code_max_uses === 0 ? '∞' : number(p.code_max_uses)) },
      { title: t('codes.validity'), className: 'num nowrap', render: (p) => t('codes.days', { days: p.validity_days }) },
      { title: t('plans.onSale'), render: (p) => html`<sl-switch size="small" class="active-switch" .checked=${live(p.active)} ?disabled=${this.busy === p.id}
          @sl-change=${async (e) => { await this.change(p, { active: e.target.checked }, t(e.target.checked ? 'plans.activated' : 'plans.deactivated', { name: p.name })); this.load(); }}>
          <span class="visually-hidden">${t('plans.onSaleLabel', { name: p.name })}</span></sl-switch>` },
      { title: t('plans.recommended'), render: (p) => html`<sl-switch size="small" class="recommended-switch" .checked=${live(p.recommended)} ?disabled=${this.busy === p.id}
          @sl-change=${async (e) => { await this.change(p, { recommended: e.target.checked }); this.load(); }}>
          <span class="visually-hidden">${t('plans.recommendedLabel', { name: p.name })}</span></sl-switch>` },
      { title: t('field.actions'), className: 'actions', render: (p) => html`<div class="row-actions">
          <sl-button size="small" class="edit-plan-button" @click=${() => this.edit(p)}>${t('action.edit')}</sl-button>
          <sl-icon-button name="trash" class="delete-plan" label=${t('plans.deleteRow', { name: p.name })} @click=${() => this.deletePlan(p)}></sl-icon-button></div>` },
    ],
    empty: emptyState({ icon: 'box-seam', text: t('plans.empty'), action: html`<sl-button size="small" variant="primary" @click=${() => this.create()}>${t('plans.create')}</sl-button>` }),
  })}</div>`;
  }
}

/** The form's values as the API takes them: empty optional fields left out. */
function cleaned(v) {
  const body = { ...v };
  for (const key of ['original_price', 'description']) {
    if (body[key] === null) {
      delete body[key];
    }
  }
  return body;
}

customElements.define('ih-plans', PlansPage);
