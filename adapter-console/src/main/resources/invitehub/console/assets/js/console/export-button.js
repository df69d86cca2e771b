import { html, nothing } from 'lit';
import { t } from '../core/i18n.js';
import { api, ApiError, messageFor, path } from '../core/api.js';
import { session } from '../core/session.js';
import { number } from '../core/format.js';
import { toast } from '../core/ui.js';
import { ConsoleElement } from './page.js';

/**
 * The export button of a list (ADR 35): asks POST /me/exports/{kind}/links (a distributor's own lists),
 * POST /distributors/{id}/exports/{kind}/links (staff, {@code distributor} set) or POST
 * /admin/platform-codes/export/links (staff, {@code platform} set) for a signed link with the list's current
 * filters, then reads the file through that link itself — so the rows received so far show
 * while it runs, and a refusal (the per-user limit's 429 with its Retry-After, an expired link) is a message in
 * the user's words instead of a saved error document — and hands the finished file to the browser as a
 * download under the name the server gave it.
 *
 * Properties: {@code kind} (codes, sales, members, orders, statements, ledger), {@code filters} (the list's
 * query parameters; empty values are left out), {@code distributor} (staff: whose list) or {@code platform}
 * (staff: the platform's own codes), and {@code file}: a route that answers the CSV itself to the bearer token
 * (the staff settlement files: {template, params, query}) — read the same way, with the token, no link.
 * {@code label} replaces the button's words. After a download the element carries {@code data-rows} and
 * {@code data-file} (what the user got), for the browser tests.
 */
class ExportButton extends ConsoleElement {
  static properties = {
    kind: {}, filters: { attribute: false }, distributor: {}, platform: { type: Boolean }, file: { attribute: false }, label: {},
    rows: { state: true },
  };

  constructor() {
    super();
    this.kind = '';
    this.filters = {};
    this.distributor = null;
    this.platform = false;
    this.file = null;
    this.label = '';
    this.rows = null; // null: idle; a number: rows received so far
  }

  /** Where the file comes from: a signed link asked for now, or (a staff settlement file) its own route with the token. */
  async source() {
    const query = Object.fromEntries(Object.entries(this.filters ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    if (this.file) {
      const url = new URL(path(this.file.template, this.file.params ?? {}), window.location.origin);
      for (const [name, value] of Object.entries(this.file.query ?? {})) {
        if (value !== undefined && value !== null && value !== '') {
          url.searchParams.set(name, String(value));
        }
      }
      return { url, headers: { Authorization: `Bearer ${session.token}` } };
    }
    const link = this.platform ? await api.post('/api/v1/admin/platform-codes/export/links', { query })
      : this.distributor !== null && this.distributor !== undefined
        ? await api.post('/api/v1/distributors/{id}/exports/{kind}/links', { params: { id: this.distributor, kind: this.kind }, query })
        : await api.post('/api/v1/distributors/me/exports/{kind}/links', { params: { kind: this.kind }, query });
    return { url: new URL(link.url, window.location.origin), headers: {} };
  }

  async run() {
    if (this.rows !== null) {
      return;
    }
    this.rows = 0;
    try {
      const { url, headers } = await this.source();
      const file = await this.read(url, headers);
      this.offer(file);
      this.dataset.rows = String(file.rows);
      this.dataset.file = file.name;
      toast(t('export.done', { count: number(file.rows), file: file.name }));
    } catch (error) {
      toast(refusal(error), 'danger');
    } finally {
      this.rows = null;
    }
  }

  /** The CSV through the signed link (or the file's route), counting its records as they arrive. */
  async read(url, headers) {
    let response;
    try {
      response = await fetch(url, { headers: { Accept: 'text/csv, application/problem+json', ...headers } });
    } catch {
      throw new ApiError(0, 'NETWORK', null, null);
    }
    if (!response.ok) {
      const problem = (response.headers.get('Content-Type') ?? '').includes('json') ? await response.json() : {};
      const error = new ApiError(response.status, problem.code, problem.detail, problem);
      error.retryAfter = Number(response.headers.get('Retry-After')) || null;
      throw error;
    }
    const parts = [];
    let lines = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      parts.push(value);
      for (const byte of value) {
        if (byte === 10) {
          lines += 1;
        }
      }
      this.rows = Math.max(0, lines - 1); // the first record is the header
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `invitehub-${this.kind}.csv`;
    // every record ends with CRLF (RFC 4180), quoted line breaks inside cells aside: records = lines − header
    return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), name, rows: Math.max(0, lines - 1) };
  }

  offer(file) {
    const url = URL.createObjectURL(file.blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  render() {
    const busy = this.rows !== null;
    return html`${busy ? html`<span class="export-progress" role="status">${t('export.progress', { count: number(this.rows) })}</span>` : nothing}
      <sl-button size="small" class="export" ?loading=${busy} ?disabled=${busy} @click=${() => this.run()}>
        <sl-icon slot="prefix" name="download"></sl-icon>${this.label || t('export.button')}</sl-button>`;
  }
}

/** A refusal in plain words: the limit says when to try again. */
function refusal(error) {
  if (error?.status === 429 && error.code === 'RATE_LIMITED') {
    return error.retryAfter ? t('export.rateLimited', { seconds: error.retryAfter }) : messageFor(error.code, error.detail, error.status);
  }
  return error?.message || t('error.UNKNOWN');
}

customElements.define('ih-export', ExportButton);
