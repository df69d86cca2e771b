import { html, nothing } from 'lit';
import { t, lang } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { ConsoleElement, formValues } from '../page.js';
import { authPage } from './sign-in.js';

const MIN_PASSWORD = 8;

/**
 * "Forgot password?" (ADR 41): POST /auth/password-reset/request with the e-mail and the page's language. The
 * answer is the same whether or not an account has the address, so the page says only that a link is on its way
 * if one has.
 */
class ForgotPasswordPage extends ConsoleElement {
  static properties = { busy: { state: true }, error: { state: true }, sentTo: { state: true } };

  async submit(event) {
    event.preventDefault();
    const { email } = formValues(event.target);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email ?? '')) {
      this.error = t('signUp.emailFirst');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await api.post('/api/v1/auth/password-reset/request', { body: { email, language: lang() }, auth: false });
      this.sentTo = email;
    } catch (error) {
      this.error = error.message;
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (this.sentTo) {
      return authPage(html`<div class="auth-card reset-requested" role="status">
        <h1 class="auth-title">${t('reset.requestedTitle')}</h1>
        <p class="reset-requested-text">${t('reset.requestedText', { email: this.sentTo })}</p>
        <p class="auth-switch"><a href="/console/sign-in">${t('reset.toSignIn')}</a></p>
      </div>`);
    }
    return authPage(html`<form class="auth-card forgot-password" @submit=${this.submit} novalidate>
      <h1 class="auth-title">${t('reset.requestTitle')}</h1>
      <p class="auth-hint">${t('reset.requestHint')}</p>
      ${this.error ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.error}</sl-alert>` : nothing}
      <sl-input name="email" type="email" label=${t('field.email')} autocomplete="email" required autofocus>
        <sl-icon slot="prefix" name="envelope"></sl-icon></sl-input>
      <sl-button type="submit" variant="primary" class="submit" ?loading=${this.busy}>${t('reset.send')}</sl-button>
      <p class="auth-switch"><a href="/console/sign-in">${t('reset.toSignIn')}</a></p>
    </form>`);
  }
}

/**
 * The page the mailed link opens: /console/reset-password#token=… (the token in the fragment never reaches a
 * server log or a Referer). The token is taken from the address at once and the fragment dropped; the new password
 * twice, then POST /auth/password-reset/confirm; every session of the account ends, so the user signs in again.
 */
class ResetPasswordPage extends ConsoleElement {
  static properties = { busy: { state: true }, error: { state: true }, expired: { state: true }, done: { state: true } };

  constructor() {
    super();
    this.token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
    if (window.location.hash) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
  }

  async submit(event) {
    event.preventDefault();
    const { new_password: fresh, confirm } = formValues(event.target);
    if (!fresh || fresh.length < MIN_PASSWORD) {
      this.error = t('reset.tooShort', { min: MIN_PASSWORD });
      return;
    }
    if (fresh !== confirm) {
      this.error = t('signUp.passwordsDiffer');
      return;
    }
    this.busy = true;
    this.error = null;
    this.expired = false;
    try {
      await api.post('/api/v1/auth/password-reset/confirm', { body: { token: this.token, new_password: fresh }, auth: false });
      this.done = true;
    } catch (error) {
      this.error = error.message;
      this.expired = error.code === 'RESET_TOKEN_INVALID';
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (!this.token) {
      return authPage(html`<div class="auth-card reset-no-token">
        <h1 class="auth-title">${t('reset.confirmTitle')}</h1>
        <sl-alert variant="warning" open class="form-error"><sl-icon slot="icon" name="exclamation-triangle"></sl-icon>${t('reset.noToken')}</sl-alert>
        <p class="auth-switch"><a href="/console/forgot-password">${t('reset.askAgain')}</a></p>
      </div>`);
    }
    if (this.done) {
      return authPage(html`<div class="auth-card reset-done" role="status">
        <h1 class="auth-title">${t('reset.doneTitle')}</h1>
        <p class="reset-done-text">${t('reset.doneText')}</p>
        <sl-button variant="primary" class="submit to-sign-in" href="/console/sign-in">${t('reset.toSignIn')}</sl-button>
      </div>`);
    }
    return authPage(html`<form class="auth-card reset-password" @submit=${this.submit} novalidate>
      <h1 class="auth-title">${t('reset.confirmTitle')}</h1>
      <p class="auth-hint">${t('reset.confirmHint', { min: MIN_PASSWORD })}</p>
      ${this.error ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.error}</sl-alert>` : nothing}
      ${this.expired ? html`<p class="auth-switch"><a href="/console/forgot-password">${t('reset.askAgain')}</a></p>` : nothing}
      <sl-input name="new_password" type="password" label=${t('profile.newPassword')} autocomplete="new-password" password-toggle required autofocus></sl-input>
      <sl-input name="confirm" type="password" label=${t('field.confirmPassword')} autocomplete="new-password" password-toggle required></sl-input>
      <sl-button type="submit" variant="primary" class="submit" ?loading=${this.busy}>${t('reset.save')}</sl-button>
    </form>`);
  }
}

customElements.define('ih-forgot-password', ForgotPasswordPage);
customElements.define('ih-reset-password', ResetPasswordPage);
