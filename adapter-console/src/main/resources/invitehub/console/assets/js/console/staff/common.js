import { html, nothing, render } from 'lit';
import { t } from '../../core/i18n.js';
import { session } from '../../core/session.js';
import { copyText, toast } from '../../core/ui.js';

/** Helpers of the staff pages: who may do what, and the dialogs their actions open. */

export function isAdmin() {
  return session.role === 'ADMIN';
}

/**
 * A form in a dialog. {@code fields}: {name, label, type (text, email, password, number, textarea, select), value,
 * required, help, options: [[value, label]], min, max}. {@code submit(values)} does the work: while it runs the
 * button spins; a throw shows its message inside the dialog (nothing is lost), a result closes the dialog and
 * resolves with it. Cancelling resolves null. Numbers come back as numbers, empty fields as null.
 */
export function formDialog({ title, intro = nothing, fields, submitLabel, danger = false, className = '', submit }) {
  return new Promise((resolve) => {
    const dialog = document.createElement('sl-dialog');
    dialog.className = `form-dialog ${className}`.trim();
    dialog.label = title;
    let done = false;
    let error = null;
    let busy = false;
    const finish = (value) => {
      if (!done) {
        done = true;
        resolve(value);
        dialog.hide();
      }
    };
    const values = () => {
      const out = {};
      for (const f of fields) {
        const control = dialog.querySelector(`[name="${f.name}"]`);
        // a single select's value set from its attribute can be an array of one (Shoelace's attribute converter)
        const value = Array.isArray(control.value) ? control.value.join(' ') : control.value;
        const raw = typeof value === 'string' ? value.trim() : value;
        out[f.name] = raw === '' || raw === undefined ? null : f.type === 'number' ? Number(raw) : raw;
      }
      return out;
    };
    const onSubmit = async (event) => {
      event.preventDefault();
      const v = values();
      const missing = fields.find((f) => f.required && (v[f.name] === null || Number.isNaN(v[f.name])));
      if (missing) {
        error = t('form.required', { field: missing.label });
        paint();
        return;
      }
      busy = true;
      error = null;
      paint();
      try {
        finish(await submit(v));
      } catch (problem) {
        error = problem?.message || t('error.UNKNOWN');
      } finally {
        busy = false;
        if (!done) {
          paint();
        }
      }
    };
    const control = (f) => {
      switch (f.type) {
        case 'textarea':
          return html`<sl-textarea name=${f.name} label=${f.label} help-text=${f.help ?? ''} value=${f.value ?? ''} rows="3" ?required=${f.required}></sl-textarea>`;
        case 'select':
          return html`<sl-select name=${f.name} label=${f.label} help-text=${f.help ?? ''} .value=${f.value ?? ''} ?required=${f.required} hoist
            ?clearable=${!f.required}>${f.options.map(([value, label]) => html`<sl-option value=${value}>${label}</sl-option>`)}</sl-select>`;
        default:
          return html`<sl-input name=${f.name} type=${f.type ?? 'text'} label=${f.label} help-text=${f.help ?? ''} value=${f.value ?? ''}
            ?required=${f.required} min=${f.min ?? nothing} max=${f.max ?? nothing} ?password-toggle=${f.type === 'password'}
            autocomplete=${f.type === 'password' ? 'new-password' : 'off'}></sl-input>`;
      }
    };
    const paint = () => render(html`<form class="dialog-form" @submit=${onSubmit} novalidate>
        ${intro === nothing ? nothing : html`<p class="dialog-intro">${intro}</p>`}
        ${error ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon><span class="dialog-error">${error}</span></sl-alert>` : nothing}
        ${fields.map(control)}
        <button type="submit" hidden></button>
      </form>
      <sl-button slot="footer" class="dialog-cancel" @click=${() => finish(null)}>${t('action.cancel')}</sl-button>
      <sl-button slot="footer" class="dialog-submit" variant=${danger ? 'danger' : 'primary'} ?loading=${busy}
        @click=${() => dialog.querySelector('form').requestSubmit()}>${submitLabel}</sl-button>`, dialog);
    paint();
    dialog.addEventListener('sl-request-close', (event) => {
      if (busy) {
        event.preventDefault();
      } else {
        finish(null);
      }
    });
    dialog.addEventListener('sl-after-hide', (event) => {
      if (event.target === dialog) {
        dialog.remove();
      }
    });
    document.body.append(dialog);
    requestAnimationFrame(() => dialog.show());
  });
}

/** A one-time secret (a temporary password): shown once, with a copy button and the warning that it will not be shown again. */
export function secretDialog({ title, text, secret }) {
  return new Promise((resolve) => {
    const dialog = document.createElement('sl-dialog');
    dialog.className = 'secret-dialog';
    dialog.label = title;
    render(html`<p class="dialog-intro">${text}</p>
      <div class="secret-row"><code class="mono secret-value">${secret}</code>
        <sl-button size="small" class="copy-secret" @click=${async () => toast(t(await copyText(secret) ? 'secret.copied' : 'toast.copyFailed'),
          'success')}><sl-icon slot="prefix" name="clipboard"></sl-icon>${t('action.copy')}</sl-button></div>
      <sl-alert variant="warning" open><sl-icon slot="icon" name="exclamation-triangle"></sl-icon>${t('secret.once')}</sl-alert>
      <sl-button slot="footer" variant="primary" class="dialog-close" @click=${() => dialog.hide()}>${t('action.done')}</sl-button>`, dialog);
    dialog.addEventListener('sl-after-hide', (event) => {
      if (event.target === dialog) {
        dialog.remove();
        resolve();
      }
    });
    document.body.append(dialog);
    requestAnimationFrame(() => dialog.show());
  });
}

/** A card with a title, an optional action on the right and a body. */
export function card(title, body, { action = nothing, className = '' } = {}) {
  return html`<div class=${`card ${className}`.trim()}>
    <div class="card-head"><h2 class="card-title">${title}</h2>${action}</div>
    ${body}
  </div>`;
}

/** A number card: big value, label, and its definition on hover. */
export function statCard(label, value, { definition = null, stat = '', size = 'small' } = {}) {
  return html`<div class=${`card stat-card ${size}`}>
    <div class="stat-label">${label}${definition ? html`<sl-tooltip content=${definition} hoist>
      <sl-icon-button name="info-circle" class="stat-info" label=${t('stat.definition', { name: label })}></sl-icon-button></sl-tooltip>` : nothing}</div>
    <div class="stat-value" data-stat=${stat}>${value}</div>
  </div>`;
}
