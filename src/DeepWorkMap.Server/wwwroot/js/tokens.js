// This device's tokens (docs/api.md, "Devices"): the access token every call and the hub carry, which lives minutes, and
// the refresh token that buys the next pair, once. They are kept in sessionStorage (this tab, gone when it closes) unless
// the person asked to be kept signed in: then in localStorage, shared by every tab and kept across restarts. The access
// token is refreshed a minute before it expires, and on a 401; tabs sharing one refresh token take turns (Web Locks) and
// each first looks whether another already refreshed, so a used refresh token is never presented again (the server
// would take that for theft and sign the device out).
import { state } from './state.js';

const KEYS = ['dwm.token', 'dwm.user', 'dwm.refresh', 'dwm.expires', 'dwm.device'];
const EARLY_MS = 60000;

/** @type {number | undefined} */
let timer;
/** @type {Promise<string | null> | null} */
let pending = null;
/** @type {(notice: string) => Promise<void>} */
let onSignedOut = async () => {};

/** The storage holding this tab's sign-in: its own, else the one kept for every tab. */
const storage = () => (sessionStorage.getItem('dwm.token') || !localStorage.getItem('dwm.token') ? sessionStorage : localStorage);

/** `signedOut` runs when the server refuses this device's refresh token: it was signed out, or its sign-in expired. */
export function setUpTokens(/** @type {(notice: string) => Promise<void>} */ signedOut) {
  onSignedOut = signedOut;
  // Another tab refreshed or signed out the kept sign-in this tab uses too: follow it. (A tab with a sign-in of its own
  // ignores the kept one; a signed-out tab finds a new one when it is next opened.)
  window.addEventListener('storage', event => {
    if (event.storageArea !== localStorage || event.key !== 'dwm.token' || !state.token || sessionStorage.getItem('dwm.token')) return;
    if (event.newValue) adopt(localStorage);
    else void onSignedOut('You signed out in another tab.');
  });
  schedule();
}

/** Keeps a new sign-in: for every tab and across restarts when `kept`, else for this tab only. */
export function keep(/** @type {AuthResult} */ auth, /** @type {boolean} */ kept) {
  forget();
  write(kept ? localStorage : sessionStorage, auth);
  state.token = auth.token;
  state.me = auth.user;
  schedule();
}

/** Forgets this device's tokens (signing out). */
export function forget() {
  for (const key of KEYS) {
    sessionStorage.removeItem(key);
    localStorage.removeItem(key);
  }
  clearTimeout(timer);
}

/** This device's id, as GET /api/me/devices lists it (null for a sign-in from before devices). */
export const deviceId = () => storage().getItem('dwm.device');

/** The access token, refreshed first when it has less than a minute left. */
export async function freshToken() {
  if (!state.token) return null;
  const expires = Number(storage().getItem('dwm.expires') || 0);
  if (!expires || !storage().getItem('dwm.refresh') || expires - serverNow() > EARLY_MS) return state.token;
  return refresh(state.token);
}

/**
 * A new access token in place of `stale` (refused, or about to expire): another tab's or call's if one refreshed
 * meanwhile, else bought with the refresh token. Null when there is none, or the server refused it (then signed out).
 */
export function refresh(/** @type {string} */ stale) {
  const run = () => refreshUnlessDone(stale);
  if (navigator.locks) return navigator.locks.request('dwm-refresh', run);
  pending ??= run().finally(() => { pending = null; });
  return pending;
}

async function refreshUnlessDone(/** @type {string} */ stale) {
  const held = storage();
  const current = held.getItem('dwm.token');
  if (current && current !== stale) {
    adopt(held);
    return current;
  }
  const refreshToken = held.getItem('dwm.refresh');
  if (!refreshToken) return null;
  let response;
  try {
    response = await fetch('/api/auth/refresh', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ refreshToken }),
    });
  } catch {
    return state.token; // Offline: the next call tries again.
  }
  if (response.status === 401 || response.status === 403) {
    const suspended = response.status === 403;
    forget();
    // Not awaited: signing out stops the hub, whose start may be the one waiting for this refresh (its token factory).
    void onSignedOut(suspended ? 'This account is suspended by the moderators.' : 'This device was signed out, or its sign-in expired: please sign in again.');
    return null;
  }
  if (!response.ok) return state.token; // Busy or rate limited: the refresh token is unused, and the next call tries again.
  /** @type {AuthResult} */
  const auth = await response.json();
  write(held, auth);
  state.token = auth.token;
  state.me = auth.user;
  schedule();
  return auth.token;
}

function write(/** @type {Storage} */ into, /** @type {AuthResult} */ auth) {
  into.setItem('dwm.user', JSON.stringify(auth.user));
  if (auth.refreshToken) into.setItem('dwm.refresh', auth.refreshToken);
  if (auth.deviceId) into.setItem('dwm.device', auth.deviceId);
  into.setItem('dwm.expires', String(Date.parse(auth.expiresAt)));
  // Last: other tabs follow this key (see setUpTokens), and find the rest written.
  into.setItem('dwm.token', auth.token);
}

function adopt(/** @type {Storage} */ from) {
  state.token = from.getItem('dwm.token');
  state.me = JSON.parse(from.getItem('dwm.user') ?? 'null');
  schedule();
}

/** The server's clock, as far as this page knows it (its expiry times are the server's). */
const serverNow = () => Date.now() + state.clockOffset;

/** Refreshes a minute before the access token expires, so the hub's reconnects and calls find it fresh. */
function schedule() {
  clearTimeout(timer);
  const expires = Number(storage().getItem('dwm.expires') || 0);
  if (!state.token || !expires || !storage().getItem('dwm.refresh')) return;
  const token = state.token;
  timer = window.setTimeout(() => { if (state.token === token) void refresh(token); }, Math.max(0, expires - serverNow() - EARLY_MS));
}
