import { html, nothing } from 'lit';
import { t } from '../core/i18n.js';
import { api } from '../core/api.js';
import { ConsoleElement } from './page.js';

/** At most this many tags in one `?tag=` filter (docs/api.md, CRM lite). */
export const MAX_FILTER_TAGS = 5;

/** The customer page of {@code email} (its address is a query parameter, encoded by URLSearchParams). */
export function customerHref(email) {
  return `/console/customers?${new URLSearchParams({ email })}`;
}

/** A list page filtered by {@code tag}. */
export function taggedHref(page, tag) {
  return `/console/${page}?${new URLSearchParams({ tag })}`;
}

/** An e-mail in a list: a link to the customer's page (tags, note, invitations). */
export function customerLink(email) {
  return html`<a class="customer-link" href=${customerHref(email)}>${email}</a>`;
}

/** The tags a list page starts filtered by: {@code ?tag=a,b} of its address (a customer page's tag links). */
export function tagsOfAddress() {
  const raw = new URLSearchParams(window.location.search).get('tag') ?? '';
  return raw.split(',').map((tag) => tag.trim()).filter(Boolean).slice(0, MAX_FILTER_TAGS);
}

/**
 * The tag filter of the members and sales lists: the distributor's tags (GET /me/tags, most used first),
 * several at once meaning all of them. Fires {@code ih-tags} with the chosen tags.
 */
class TagFilter extends ConsoleElement {
  static properties = { value: { attribute: false }, tags: { state: true } };

  constructor() {
    super();
    this.value = [];
    this.tags = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.tags = await api.get('/api/v1/distributors/me/tags');
    } catch {
      this.tags = []; // the list still works unfiltered; the list's own request reports a lost session
    }
  }

  changed(event) {
    const chosen = [...(event.target.value ?? [])].slice(0, MAX_FILTER_TAGS);
    this.dispatchEvent(new CustomEvent('ih-tags', { detail: chosen, bubbles: true }));
  }

  render() {
    const known = this.tags ?? [];
    // a tag from the address that no customer carries any more still shows as chosen
    const options = [...known.map((row) => row.tag), ...this.value.filter((tag) => !known.some((row) => row.tag === tag))];
    return html`<sl-select class="filter-tags" label=${t('filter.tags')} size="small" multiple clearable max-options-visible="3"
        .value=${this.value} placeholder=${known.length === 0 ? t('filter.noTags') : t('filter.anyTag')} ?disabled=${this.tags === null}
        help-text=${this.value.length > 1 ? t('filter.allTags') : nothing} @sl-change=${(event) => this.changed(event)}>
      ${options.map((tag) => html`<sl-option value=${tag}>${tag}${known.find((row) => row.tag === tag)
    ? html` <span class="muted">(${known.find((row) => row.tag === tag).customers})</span>` : nothing}</sl-option>`)}
    </sl-select>`;
  }
}

customElements.define('ih-tag-filter', TagFilter);
