import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { session } from '../../core/session.js';
import { ConsoleElement, formValues, languageSwitch } from '../page.js';
import { navigate } from '../router.js';
import { toast } from '../../core/ui.js';

/**
 * Sign-in: POST /api/v1/auth/login for distributors and staff alike (the console then shows the role's menu).
 * A temporary password from an admin (must_change_password) is replaced right here before anything else
 * (ADR 50): the token is held only by this form until the new password works.
 */
class SignInPage extends ConsoleElement {
  static properties = { busy: { state: true }, error: { state: true }, pending: { state: true } };

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
      if (answer.must_change_password === true) {
        this.pending = { username, password, token: answer.access_token };
        return;
      }
      this.enter(answer, username);
    } catch (error) {
      this.error = error.status === 401 ? t('signIn.wrong') : error.status === 403 ? t('signIn.notApproved', { detail: error.detail ?? '' }) : error.message;
    } finally {
      this.busy = false;
    }
  }

  enter(answer, username) {
    session.save(answer, username);
    const next = new URLSearchParams(window.location.search).get('next');
    navigate(next && next.startsWith('/console/') ? next : '/console', { replace: true });
  }

  /** The forced change: the temporary password is the old one; then a sign-in with the new password. */
  async changeTemporary(event) {
    event.preventDefault();
    const { new_password: fresh, confirm } = formValues(event.target);
    if (!fresh) {
      this.error = t('profile.passwordMissing');
      return;
    }
    if (fresh !== confirm) {
      this.error = t('signUp.passwordsDiffer');
      return;
    }
    this.busy = true;
    this.error = null;
    const { username, password, token } = this.pending;
    try {
      await api.post('/api/v1/auth/change-password', { body: { old_password: password, new_password: fresh }, token });
      const answer = await api.post('/api/v1/auth/login', { body: { username, password: fresh }, auth: false });
      this.pending = null;
      toast(t('profile.passwordChanged'));
      this.enter(answer, username);
    } catch (error) {
      this.error = error.message;
    } finally {
      this.busy = false;
    }
  }

  renderChange() {
    return authPage(html`<form class="auth-card forced-change" @submit=${(e) => this.changeTemporary(e)} novalidate>
      <h1 class="auth-title">${t('signIn.changeTitle')}</h1>
      <p class="auth-hint">${t('signIn.changeHint', { username: this.pending.username })}</p>
      ${this.error ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.error}</sl-alert>` : nothing}
      <sl-input name="new_password" type="password" label=${t('profile.newPassword')} autocomplete="new-password" password-toggle required autofocus></sl-input>
      <sl-input name="confirm" type="password" label=${t('field.confirmPassword')} autocomplete="new-password" password-toggle required></sl-input>
      <sl-button type="submit" variant="primary" class="submit change-submit" ?loading=${this.busy}>${t('profile.changePassword')}</sl-button>
    </form>`);
  }

  render() {
    if (this.pending) {
      return this.renderChange();
    }
    return authPage(html`<form class="auth-card" @submit=${this.submit} novalidate>
      <h1 class="auth-title">${t('signIn.title')}</h1>
      ${this.error ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.error}</sl-alert>` : nothing}
      <sl-input name="username" label=${t('field.username')} autocomplete="username" required autofocus>
        <sl-icon slot="prefix" name="person"></sl-icon></sl-input>
      <sl-input name="password" type="password" label=${t('field.password')} autocomplete="current-password" password-toggle required>
        <sl-icon slot="prefix" name="lock"></sl-icon></sl-input>
      <p class="auth-forgot"><a href="/console/forgot-password" class="forgot-password">${t('signIn.forgot')}</a></p>
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
