import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { ConsoleElement, formValues } from '../page.js';
import { authPage } from './sign-in.js';

const RESEND_SECONDS = 60;

/**
 * Distributor sign-up: a verification code to the e-mail (POST /auth/send-verification-code), then
 * POST /auth/register-distributor; the account waits for an administrator's approval.
 */
class SignUpPage extends ConsoleElement {
  static properties = {
    busy: { state: true }, sending: { state: true }, error: { state: true }, wait: { state: true },
    registered: { state: true }, sentTo: { state: true },
  };

  constructor() {
    super();
    this.wait = 0;
  }

  disconnectedCallback() {
    clearInterval(this.countdown);
    super.disconnectedCallback();
  }

  async sendCode() {
    const email = this.querySelector('sl-input[name=email]').value.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      this.error = t('signUp.emailFirst');
      return;
    }
    this.sending = true;
    this.error = null;
    try {
      await api.post('/api/v1/auth/send-verification-code', { body: { email }, auth: false });
      this.sentTo = email;
      this.wait = RESEND_SECONDS;
      clearInterval(this.countdown);
      this.countdown = setInterval(() => {
        this.wait -= 1;
        if (this.wait <= 0) {
          clearInterval(this.countdown);
        }
      }, 1000);
    } catch (error) {
      this.error = error.message;
    } finally {
      this.sending = false;
    }
  }

  async submit(event) {
    event.preventDefault();
    const values = formValues(event.target);
    if (!values.email || !values.code || !values.username || !values.password) {
      this.error = t('signUp.missing');
      return;
    }
    if (values.password !== values.confirm) {
      this.error = t('signUp.passwordsDiffer');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      this.registered = await api.post('/api/v1/auth/register-distributor', {
        body: { email: values.email, username: values.username, password: values.password, code: values.code }, auth: false,
      });
    } catch (error) {
      this.error = error.status === 409 ? t('signUp.taken') : error.message;
    } finally {
      this.busy = false;
    }
  }

  render() {
    return authPage(this.registered ? this.done() : this.form());
  }

  done() {
    return html`<div class="auth-card result-card" role="status">
      <sl-icon name="hourglass-split" class="result-icon"></sl-icon>
      <h1 class="auth-title">${t('signUp.pendingTitle')}</h1>
      <p class="pending-text">${t('signUp.pendingText', { username: this.registered.username })}</p>
      <sl-button variant="primary" href="/console/sign-in" class="submit">${t('signUp.toSignIn')}</sl-button>
    </div>`;
  }

  form() {
    return html`<form class="auth-card" @submit=${this.submit} novalidate>
      <h1 class="auth-title">${t('signUp.title')}</h1>
      ${this.error ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.error}</sl-alert>` : nothing}
      ${this.sentTo ? html`<sl-alert variant="success" open class="code-sent"><sl-icon slot="icon" name="envelope-check"></sl-icon>${t('signUp.codeSent', { email: this.sentTo })}</sl-alert>` : nothing}
      <sl-input name="email" type="email" label=${t('field.email')} autocomplete="email" required></sl-input>
      <div class="code-row">
        <sl-input name="code" label=${t('field.verificationCode')} inputmode="numeric" maxlength="6" autocomplete="one-time-code" required></sl-input>
        <sl-button class="send-code" ?loading=${this.sending} ?disabled=${this.wait > 0} @click=${() => this.sendCode()}>
          ${this.wait > 0 ? t('signUp.resendIn', { seconds: this.wait }) : t('signUp.sendCode')}</sl-button>
      </div>
      <sl-input name="username" label=${t('field.username')} autocomplete="username" required help-text=${t('signUp.usernameHelp')}></sl-input>
      <sl-input name="password" type="password" label=${t('field.password')} autocomplete="new-password" password-toggle required></sl-input>
      <sl-input name="confirm" type="password" label=${t('field.confirmPassword')} autocomplete="new-password" password-toggle required></sl-input>
      <sl-button type="submit" variant="primary" class="submit" ?loading=${this.busy}>${t('signUp.submit')}</sl-button>
      <p class="auth-switch">${t('signUp.haveAccount')} <a href="/console/sign-in">${t('signUp.toSignIn')}</a></p>
    </form>`;
  }
}

customElements.define('ih-sign-up', SignUpPage);
