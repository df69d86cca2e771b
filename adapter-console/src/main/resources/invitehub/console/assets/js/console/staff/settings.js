import { html, nothing } from 'lit';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { money } from '../../core/format.js';
import { toast } from '../../core/ui.js';
import { ConsoleElement, formValues, pageHeader } from '../page.js';

const MAX_NAME = 64;
const MAX_CONTACT = 200;
const MAX_ANNOUNCEMENT = 1000;
const MAX_LOGO_URL = 500;
const PRICE = /^[0-9]{1,7}(\.[0-9]{1,2})?$/;

/**
 * Settings (ADMIN, ADR 51): the platform's name, logo, support contact and announcement (what the customers' official
 * page shows), the default settlement price and the order payment window (GET/PUT /admin/settings). Saved whole; the
 * next order and the next statistic use them. Payment keys are not here: they stay in the server's environment.
 */
class SettingsPage extends ConsoleElement {
  static properties = { settings: { state: true }, error: { state: true }, saving: { state: true } };

  constructor() {
    super();
    this.settings = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.settings = await api.get('/api/v1/admin/settings');
      this.dataset.ready = 'true';
    } catch (error) {
      this.error = error.message;
    }
  }

  problems(values) {
    const problems = [];
    if (!values.platform_name.trim() || [...values.platform_name.trim()].length > MAX_NAME) {
      problems.push(t('settings.nameRule', { max: MAX_NAME }));
    }
    if (values.logo_url.trim() && (!/^https:\/\/[^\s]+$/.test(values.logo_url.trim()) || values.logo_url.trim().length > MAX_LOGO_URL)) {
      problems.push(t('profile.logoRule'));
    }
    if ([...values.support_contact.trim()].length > MAX_CONTACT) {
      problems.push(t('settings.contactRule', { max: MAX_CONTACT }));
    }
    if ([...values.announcement.trim()].length > MAX_ANNOUNCEMENT) {
      problems.push(t('settings.announcementRule', { max: MAX_ANNOUNCEMENT }));
    }
    if (!PRICE.test(values.default_unit_price.trim())) {
      problems.push(t('settings.priceRule'));
    }
    const minutes = Number(values.payment_window_minutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      problems.push(t('settings.windowRule'));
    }
    return problems;
  }

  async save(event) {
    event?.preventDefault();
    const form = this.querySelector('form.settings-form');
    const values = formValues(form);
    const problems = this.problems(values);
    if (problems.length > 0) {
      this.error = problems.join(' ');
      return;
    }
    this.saving = true;
    this.error = null;
    try {
      this.settings = await api.put('/api/v1/admin/settings', {
        body: {
          platform_name: values.platform_name.trim(),
          logo_url: values.logo_url.trim() || null,
          support_contact: values.support_contact.trim() || null,
          announcement: values.announcement.trim() || null,
          default_unit_price: values.default_unit_price.trim(),
          payment_window_minutes: Number(values.payment_window_minutes),
        },
      });
      toast(t('settings.saved'));
    } catch (error) {
      this.error = error.message;
    } finally {
      this.saving = false;
    }
  }

  render() {
    const s = this.settings;
    const action = html`<sl-button variant="primary" class="save-settings" ?loading=${this.saving} ?disabled=${s === null}
      @click=${() => this.save()}><sl-icon slot="prefix" name="check2"></sl-icon>${t('action.save')}</sl-button>`;
    const error = this.error ? html`<sl-alert variant="danger" open class="form-error"><sl-icon slot="icon" name="exclamation-octagon"></sl-icon>${this.error}</sl-alert>` : nothing;
    if (s === null) {
      return html`${pageHeader(t('menu.settings'), action, t('settings.subtitle'))}${error}
        <div class="card"><sl-skeleton effect="pulse"></sl-skeleton><sl-skeleton effect="pulse"></sl-skeleton><sl-skeleton effect="pulse"></sl-skeleton></div>`;
    }
    return html`${pageHeader(t('menu.settings'), action, t('settings.subtitle'))}
      <form class="settings-form" @submit=${(e) => this.save(e)} novalidate>
        ${error}
        <div class="grid cols-2">
          <div class="card site-card">
            <div class="card-head"><h2 class="card-title">${t('settings.site')}</h2></div>
            <p class="card-hint">${t('settings.siteHint')}</p>
            <sl-input name="platform_name" label=${t('settings.platformName')} maxlength=${MAX_NAME} required value=${s.platform_name}></sl-input>
            <sl-input name="logo_url" type="url" label=${t('settings.logoUrl')} placeholder="https://" help-text=${t('profile.logoHelp')} value=${s.logo_url ?? ''}>
              ${s.logo_url ? html`<img slot="suffix" class="logo-preview" src=${s.logo_url} alt="" width="20" height="20">` : nothing}</sl-input>
            <sl-input name="support_contact" label=${t('settings.supportContact')} maxlength=${MAX_CONTACT} help-text=${t('settings.supportHelp')}
              value=${s.support_contact ?? ''}></sl-input>
            <sl-textarea name="announcement" label=${t('settings.announcement')} maxlength=${MAX_ANNOUNCEMENT} rows="3"
              help-text=${t('settings.announcementHelp', { max: MAX_ANNOUNCEMENT })} value=${s.announcement ?? ''}></sl-textarea>
          </div>
          <div class="card terms-card">
            <div class="card-head"><h2 class="card-title">${t('settings.terms')}</h2></div>
            <sl-input name="default_unit_price" inputmode="decimal" label=${t('settings.defaultUnitPrice', { currency: s.currency })}
              help-text=${t('settings.defaultUnitPriceHelp')} value=${s.default_unit_price}>
              <span slot="suffix">${s.currency}</span></sl-input>
            <p class="card-hint current-price">${t('settings.currentPrice', { price: money(s.default_unit_price, s.currency) })}</p>
            <sl-input name="payment_window_minutes" type="number" min="1" max="1440" step="1" label=${t('settings.paymentWindow')}
              help-text=${t('settings.paymentWindowHelp')} value=${String(s.payment_window_minutes)}>
              <span slot="suffix">${t('settings.minutes')}</span></sl-input>
            <sl-alert variant="primary" open class="keys-note"><sl-icon slot="icon" name="key"></sl-icon>${t('settings.keysNote')}</sl-alert>
          </div>
        </div>
      </form>`;
  }
}

customElements.define('ih-settings', SettingsPage);
