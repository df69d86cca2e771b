import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { AVAILABLE } from '../../core/pending.js';
import { money } from '../../core/format.js';
import { toast, toastError } from '../../core/ui.js';
import { session } from '../../core/session.js';
import { ConsoleElement, formValues, pageHeader } from '../page.js';
import { account, accountBasics, brandProfile, ownLinkBase, setBrandProfile, forgetAccount } from '../account.js';
import { navigate } from '../router.js';

/** SPEC section 9, checked here for quick feedback; the server checks again (and reserved words). */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]$/;
const MAX_NAME = 60;
const MAX_WELCOME = 500;
const MAX_LOGO_URL = 500;

/**
 * Profile: the account, the unit price it is charged, the brand of its own link (GET/PUT
 * /me/profile: pending, phase 2) and the password (POST /auth/change-password, which ends every token).
 */
class ProfilePage extends ConsoleElement {
  static properties = { brandError: { state: true }, passwordError: { state: true }, saving: { state: true }, changing: { state: true } };

  brandProblems(values) {
    const problems = [];
    if (!SLUG.test(values.slug)) {
      problems.push(t('profile.slugRule'));
    }
    if (values.display_name.length === 0 || values.display_name.length > MAX_NAME) {
      problems.push(t('profile.nameRule', { max: MAX_NAME }));
    }
    if (values.logo_url && (!/^https:\/\/[^\s]+$/.test(values.logo_url) || values.logo_url.length > MAX_LOGO_URL)) {
      problems.push(t('profile.logoRule'));
    }
    if (values.welcome_text.length > MAX_WELCOME) {
      problems.push(t('profile.welcomeRule', { max: MAX_WELCOME }));
    }
    return problems;
  }

  async saveBrand(event) {
    event.preventDefault();
    const values = formValues(event.target);
    const problems = this.brandProblems(values);
    if (problems.length > 0) {
      this.brandError = problems.join(' ');
      return;
    }
    this.saving = true;
    this.brandError = null;
    try {
      // pending route (phase 2): PUT /api/v1/distributors/me/profile
      setBrandProfile(await api.put('/api/v1/distributors/me/profile', {
        body: { slug: values.slug, display_name: values.display_name, logo_url: values.logo_url || null, welcome_text: values.welcome_text || null },
      }));
      toast(t('profile.saved'));
    } catch (error) {
      this.brandError = error.message;
    } finally {
      this.saving = false;
    }
  }

  async changePassword(event) {
    event.preventDefault();
    const values = formValues(event.target);
    if (!values.old_password || !values.new_password) {
      this.passwordError = t('profile.passwordMissing');
      return;
    }
    if (values.new_password !== values.confirm) {
      this.passwordError = t('signUp.passwordsDiffer');
      return;
    }
    this.changing = true;
    this.passwordError = null;
    try {
      await api.post('/api/v1/auth/change-password', { body: { old_password: values.old_password, new_password: values.new_password } });
      session.clear();
      forgetAccount();
      toast(t('profile.passwordChanged'));
      navigate('/console/sign-in', { replace: true });
    } catch (error) {
      this.passwordError = error.message;
    } finally {
      this.changing = false;
    }
  }

  render() {
    const me = account();
    if (me === null) {
      return nothing; // signed out (the password change ends the session): the page is on its way out
    }
    if (me.role !== 'DISTRIBUTOR') {
      // staff: the account and the password (no price, no brand)
      return html`${pageHeader(t('menu.profile'))}
        <div class="grid cols-2">
          <div class="card">
            <div class="card-head"><h2 class="card-title">${t('profile.account')}</h2></div>
            <dl class="facts">
              <dt>${t('field.username')}</dt><dd class="account-username">${me.username}</dd>
              <dt>${t('field.email')}</dt><dd>${me.email ?? '—'}</dd>
              <dt>${t('profile.role')}</dt><dd class="account-role">${t(`role.${me.role}`)}</dd>
            </dl>
          </div>
          ${this.passwordCard()}
        </div>`;
    }
    const basics = accountBasics();
    return html`${pageHeader(t('menu.profile'))}
      <div class="grid cols-2">
        <div class="card">
          <div class="card-head"><h2 class="card-title">${t('profile.account')}</h2></div>
          <dl class="facts">
            <dt>${t('field.username')}</dt><dd class="account-username">${me.username}</dd>
            <dt>${t('field.email')}</dt><dd>${me.email ?? '—'}</dd>
            <dt>${t('profile.role')}</dt><dd>${t(`role.${me.role}`)}</dd>
            <dt>${t('profile.approval')}</dt><dd>${me.approval ? t(`approval.${me.approval}`) : '—'}</dd>
          </dl>
        </div>
        <div class="card">
          <div class="card-head"><h2 class="card-title">${t('stat.unit_price')}</h2></div>
          <div class="stat-value unit-price" data-stat="unit_price">${basics ? money(basics.unitPrice, basics.currency) : '—'}</div>
          <p class="card-hint">${t('stat.unit_price.definition')}</p>
        </div>
      </div>
      <div class="grid cols-2">
        ${this.brandCard()}
        ${this.passwordCard()}
      </div>`;
  }

  brandCard() {
    const brand = brandProfile() ?? {};
    const disabled = !AVAILABLE.profile;
    return html`<form class="card brand-form" @submit=${this.saveBrand} novalidate>
      <div class="card-head"><h2 class="card-title">${t('profile.brand')}</h2></div>
      ${disabled ? html`<sl-alert variant="primary" open class="pending-notice"><sl-icon slot="icon" name="info-circle"></sl-icon>${t('profile.brandPending')}</sl-alert>` : nothing}
      ${this.brandError ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.brandError}</sl-alert>` : nothing}
      <sl-input name="slug" label=${t('profile.slug')} help-text=${t('profile.slugHelp', { link: ownLinkBase() })} value=${brand.slug ?? ''} ?disabled=${disabled}></sl-input>
      <sl-input name="display_name" label=${t('profile.displayName')} maxlength=${MAX_NAME} value=${brand.display_name ?? ''} ?disabled=${disabled}></sl-input>
      <sl-input name="logo_url" type="url" label=${t('profile.logoUrl')} placeholder="https://" help-text=${t('profile.logoHelp')} value=${brand.logo_url ?? ''} ?disabled=${disabled}></sl-input>
      <sl-textarea name="welcome_text" label=${t('profile.welcomeText')} maxlength=${MAX_WELCOME} rows="3" help-text=${t('profile.welcomeHelp', { max: MAX_WELCOME })} value=${brand.welcome_text ?? ''} ?disabled=${disabled}></sl-textarea>
      <div class="form-actions"><sl-button type="submit" variant="primary" class="save-brand" ?loading=${this.saving} ?disabled=${disabled}>${t('action.save')}</sl-button></div>
    </form>`;
  }

  passwordCard() {
    return html`<form class="card password-form" @submit=${this.changePassword} novalidate>
      <div class="card-head"><h2 class="card-title">${t('profile.password')}</h2></div>
      <p class="card-hint">${t('profile.passwordHint')}</p>
      ${this.passwordError ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.passwordError}</sl-alert>` : nothing}
      <sl-input name="old_password" type="password" label=${t('profile.oldPassword')} autocomplete="current-password" password-toggle></sl-input>
      <sl-input name="new_password" type="password" label=${t('profile.newPassword')} autocomplete="new-password" password-toggle></sl-input>
      <sl-input name="confirm" type="password" label=${t('field.confirmPassword')} autocomplete="new-password" password-toggle></sl-input>
      <div class="form-actions"><sl-button type="submit" variant="primary" class="change-password" ?loading=${this.changing}>${t('profile.changePassword')}</sl-button></div>
    </form>`;
  }
}

customElements.define('ih-profile', ProfilePage);
