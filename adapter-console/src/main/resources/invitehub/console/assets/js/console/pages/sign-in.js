import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { session } from '../../core/session.js';
import { ConsoleElement, formValues, languageSwitch } from '../page.js';
import { navigate } from '../router.js';

/** Sign-in: POST /api/v1/auth/login; only distributors use this console for now. */
class SignInPage extends ConsoleElement {
  static properties = { busy: { state: true }, error: { state: true } };

  async submit(event) {
    event.preventDefault();
    const { username, password } = formValues(event.target);
    if (!username || !password) {
      this.error = t('signIn.missing');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const answer = await api.post('/api/v1/auth/login', { body: { username, password }, auth: false });
      if (answer.role !== 'DISTRIBUTOR') {
        this.error = t('signIn.staffNotYet');
        return;
      }
      session.save(answer, username);
      const next = new URLSearchParams(window.location.search).get('next');
      navigate(next && next.startsWith('/console/') ? next : '/console', { replace: true });
    } catch (error) {
      this.error = error.status === 401 ? t('signIn.wrong') : error.status === 403 ? t('signIn.notApproved', { detail: error.detail ?? '' }) : error.message;
    } finally {
      this.busy = false;
    }
  }

  render() {
    return authPage(html`<form class="auth-card" @submit=${this.submit} novalidate>
      <h1 class="auth-title">${t('signIn.title')}</h1>
      ${this.error ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.error}</sl-alert>` : nothing}
      <sl-input name="username" label=${t('field.username')} autocomplete="username" required autofocus>
        <sl-icon slot="prefix" name="person"></sl-icon></sl-input>
      <sl-input name="password" type="password" label=${t('field.password')} autocomplete="current-password" password-toggle required>
        <sl-icon slot="prefix" name="lock"></sl-icon></sl-input>
      <sl-button type="submit" variant="primary" class="submit" ?loading=${this.busy}>${t('signIn.submit')}</sl-button>
      <p class="auth-switch">${t('signIn.noAccount')} <a href="/console/sign-up">${t('signIn.toSignUp')}</a></p>
    </form>`);
  }
}

/** The frame of the sign-in and sign-up pages around their card: language switch, brand, footer. */
export function authPage(card) {
  return html`<div class="auth-page">
      <div class="auth-top">${languageSwitch()}</div>
      <div class="auth-box">
        <div class="auth-brand">
          <img src=${new URL('../../../icon.svg', import.meta.url).pathname} alt="" width="40" height="40">
          <span>InviteHub</span></div>
        <p class="auth-subtitle">${t('auth.subtitle')}</p>
        ${card}
      </div>
      <footer class="auth-footer">InviteHub</footer>
    </div>`;
}

customElements.define('ih-sign-in', SignInPage);
