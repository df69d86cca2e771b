import { html, render } from 'lit';
import { t } from './i18n.js';

/**
 * Feedback in plain words: toasts, copy to the clipboard, a confirm dialog for destructive actions.
 */

/** A toast in the top-right stack; {@code variant} is success, danger, warning or primary. */
export function toast(message, variant = 'success') {
  const alert = Object.assign(document.createElement('sl-alert'), {
    variant, closable: true, duration: variant === 'danger' ? 8000 : 4000,
  });
  const icon = { success: 'check2-circle', danger: 'exclamation-octagon', warning: 'exclamation-triangle' }[variant] ?? 'info-circle';
  render(html`<sl-icon slot="icon" name=${icon}></sl-icon><span class="toast-text">${message}</span>`, alert);
  document.body.append(alert);
  return alert.toast();
}

/** An error toast from anything thrown: an ApiError's message is already in the user's language. */
export function toastError(error) {
  return toast(error?.message || t('error.UNKNOWN'), 'danger');
}

/**
 * Copies {@code text}: the asynchronous clipboard API where the page may use it, else the old
 * selection-and-copy way (headless browsers, plain http). Resolves true when copied.
 */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection copy
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'copy-buffer';
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } finally {
    area.remove();
  }
  return copied;
}

/**
 * Asks before a destructive action. Resolves true when the user confirms. The message says what
 * happens and what comes back.
 */
export function confirmAction({ title, message, confirm, danger = true }) {
  return new Promise((resolve) => {
    const dialog = document.createElement('sl-dialog');
    dialog.className = 'confirm-dialog';
    dialog.label = title;
    let answered = false;
    const finish = (value) => {
      if (!answered) {
        answered = true;
        resolve(value);
        dialog.hide();
      }
    };
    render(html`
      <p class="confirm-message">${message}</p>
      <sl-button slot="footer" class="confirm-cancel" @click=${() => finish(false)}>${t('action.cancel')}</sl-button>
      <sl-button slot="footer" class="confirm-ok" variant=${danger ? 'danger' : 'primary'} @click=${() => finish(true)}>${confirm}</sl-button>`,
    dialog);
    dialog.addEventListener('sl-request-close', () => finish(false));
    dialog.addEventListener('sl-after-hide', (event) => {
      if (event.target === dialog) {
        dialog.remove();
      }
    });
    document.body.append(dialog);
    requestAnimationFrame(() => dialog.show());
  });
}
