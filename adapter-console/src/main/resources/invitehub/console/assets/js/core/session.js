/**
 * The signed-in session: the bearer token lives in memory and in sessionStorage (this tab only; never a
 * cookie, so no request carries it without the console's code). Signing out forgets both.
 */
const KEY = 'invitehub.session';
let state = read();

function read() {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return value && value.token && value.expiresAt > Date.now() ? value : null;
  } catch {
    return null;
  }
}

export const session = {
  get token() {
    return state?.token ?? null;
  },
  get role() {
    return state?.role ?? null;
  },
  get username() {
    return state?.username ?? null;
  },
  /** Milliseconds since the epoch when the token stops working. */
  get expiresAt() {
    return state?.expiresAt ?? 0;
  },
  signedIn() {
    return state !== null && state.expiresAt > Date.now();
  },
  /** Keeps the login (or renewal) answer: {access_token, expires_in, role}. */
  save(answer, username) {
    state = {
      token: answer.access_token,
      role: answer.role,
      username: username ?? state?.username ?? null,
      expiresAt: Date.now() + answer.expires_in * 1000,
    };
    sessionStorage.setItem(KEY, JSON.stringify(state));
  },
  clear() {
    state = null;
    sessionStorage.removeItem(KEY);
  },
};
