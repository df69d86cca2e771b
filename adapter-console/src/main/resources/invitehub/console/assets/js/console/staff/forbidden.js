import { html } from 'lit';
import { t } from '../../core/i18n.js';
import { ConsoleElement, emptyState, pageHeader } from '../page.js';

/** A staff page the signed-in role may not see (SPEC section 1): said plainly, with the way back. The API refuses it too. */
class ForbiddenPage extends ConsoleElement {
  render() {
    return html`${pageHeader(t('forbidden.title'))}
      <div class="card forbidden">${emptyState({
        icon: 'shield-lock', text: t('forbidden.text'), hint: t('forbidden.hint'),
        action: html`<sl-button size="small" variant="primary" href="/console">${t('forbidden.back')}</sl-button>`,
      })}</div>`;
  }
}

customElements.define('ih-forbidden', ForbiddenPage);
