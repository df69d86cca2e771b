import { session } from './session.js';
import { has, t } from './i18n.js';

/**
 * The one client of the JSON API (docs/api.md). URLs come from fixed templates whose {placeholders}
 * are encoded, and query parameters go through URLSearchParams: user input is never concatenated
 * into a URL. A problem+json answer becomes an {@link ApiError} whose message is the problem's stable
 * {@code code} looked up in the message table (the English {@code detail} as the fallback). A 401 on
 * a signed-in call forgets the session and sends the user to sign-in.
 */
export class ApiError extends Error {
  constructor(status, code, detail, problem) {
    super(messageFor(code, detail, status));
    this.status = status;
    this.code = code ?? null;
    this.detail = detail ?? null;
    this.problem = problem ?? {};
  }
}

export function messageFor(code, detail, status) {
  if (code && has(`error.${code}`)) {
    return t(`error.${code}`);
  }
  if (detail) {
    return detail;
  }
  return status ? t('error.HTTP', { status }) : t('error.NETWORK');
}

/** {@code '/api/v1/x/{id}'} with each placeholder replaced by its encoded value. */
export function path(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!Object.hasOwn(params, name)) {
      throw new Error(`missing path parameter ${name} for ${template}`);
    }
    return encodeURIComponent(String(params[name]));
  });
}

let unauthorized = () => {};

/** What to do when a signed-in call answers 401 (the app sends the user to sign-in). */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

export async function request(method, template, { params, query, body, auth = true, token } = {}) {
  const url = new URL(path(template, params), window.location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) {
      url.searchParams.set(name, String(value));
    }
  }
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token) {
    // a token not (yet) kept in the session: the sign-in's forced password change (ADR 50)
    headers.Authorization = `Bearer ${token}`;
  } else if (auth && session.token) {
    headers.Authorization = `Bearer ${session.token}`;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', null, null);
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') ?? '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (response.ok) {
    return data;
  }
  const problem = data && typeof data === 'object' ? data : {};
  const error = new ApiError(response.status, problem.code, problem.detail, problem);
  if (response.status === 401 && auth && !token) {
    session.clear();
    unauthorized(error);
  }
  throw error;
}

export const api = {
  get: (template, options) => request('GET', template, options),
  post: (template, options) => request('POST', template, options),
  put: (template, options) => request('PUT', template, options),
  patch: (template, options) => request('PATCH', template, options),
  delete: (template, options) => request('DELETE', template, options),
};

/**
 * Keyset paging as docs/api.md has it: the opaque {@code next_cursor} of each page, and a stack of
 * the cursors the user came through for "previous". No page numbers: the API has none.
 */
export class Cursors {
  constructor() {
    this.reset();
  }

  reset() {
    this.stack = [];
    this.current = '';
    this.next = null;
  }

  /** The query of the current page; an empty cursor asks for the first page as {items, next_cursor}. */
  query(limit) {
    return { limit, cursor: this.current };
  }

  received(page) {
    this.next = page.next_cursor ?? null;
    return page.items;
  }

  get hasPrevious() {
    return this.stack.length > 0;
  }

  get hasNext() {
    return this.next !== null;
  }

  forward() {
    if (this.next !== null) {
      this.stack.push(this.current);
      this.current = this.next;
    }
  }

  back() {
    if (this.stack.length > 0) {
      this.current = this.stack.pop();
    }
  }

  /** 1-based position of the current page among those visited (shown as "page n", never "of m"). */
  get position() {
    return this.stack.length + 1;
  }
}
