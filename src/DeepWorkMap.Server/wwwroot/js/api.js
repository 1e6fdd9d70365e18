// REST calls to the front door (docs/api.md), with the signed-in user's token. Refusals become errors that carry
// the contract's code, and every code has words a person understands.
import { plural } from './dom.js';
import { freshToken, refresh } from './tokens.js';

/** What each refusal code means to the person who met it (docs/api.md, "Error codes"). */
const CODE_WORDS = {
  validation_failed: 'Something in the form is not right.',
  unauthorized: 'Please sign in again.',
  invalid_credentials: 'That login and password do not match.',
  signed_out: 'This device was signed out, or its sign-in expired: please sign in again.',
  not_host: 'Only the host can do this.',
  not_participant: 'Only people taking part can do this.',
  not_moderator: 'Only moderators can do this.',
  stats_hidden: 'They keep their focus stats to themselves.',
  email_unverified: 'Confirm your email address first: open the link we mailed you (or ask for a new one at the top of the page).',
  invalid_token: 'This link is used or expired: ask for a new one.',
  already_verified: 'Your email address is confirmed already.',
  suspended: 'This account is suspended by the moderators.',
  forbidden: 'You are not allowed to do this.',
  not_found: 'It is not there any more (or it is private).',
  email_taken: 'This email address is not available: an account has it, or had it lately. If it is yours, sign in with it; otherwise use another address.',
  username_taken: 'This username is taken: choose another.',
  session_full: 'Every seat is taken: join the waitlist instead.',
  session_finished: 'This session has ended.',
  session_cancelled: 'The host cancelled this session.',
  session_started: 'The session has started: it can no longer be moved or cancelled, only ended.',
  version_conflict: 'Someone changed this session meanwhile: look at it again and redo your change.',
  capacity_below_participants: 'There are more people in already than that many seats.',
  seats_available: 'A seat is free: join instead.',
  waitlist_full: 'The waitlist is full.',
  already_participant: 'You have a seat already.',
  check_in_not_open: 'Check-in opens 10 minutes before the start.',
  timer_not_running: 'The timer is not running.',
  attendance_too_low: 'The host asks for a better attendance record than yours.',
  host_cannot_leave: 'The host cannot leave: end the session instead.',
  removed: 'The host removed you from this session.',
  blocked: 'The host does not accept you in their sessions.',
  not_private: 'Only private sessions have invite links.',
  limit_reached: 'You have reached the limit: finish or cancel something first.',
  conflict: 'That clashes with the session as it is now.',
  payload_too_large: 'That is too long.',
  unsupported_media_type: 'The page sent something the server does not understand.',
  rate_limited: 'Too many tries: wait a little and try again.',
  unavailable: 'The service is busy: try again in a moment.',
  internal_error: 'Something went wrong on our side.',
};

/** A refused call: `code` is the contract's, `fields` the form fields it named. */
export class ApiError extends Error {
  /**
   * @param {string} message @param {number} status @param {string | null} code @param {Record<string, string[]>} fields
   * @param {number | null} [retryAfter] the seconds a refusal for too many tries asks to wait (its Retry-After), if it says
   */
  constructor(message, status, code, fields, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }
}

/**
 * Calls the API and answers its JSON (null for 204).
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function api(method, path, body) {
  const token = await freshToken();
  let response = await send(method, path, body, token);
  // The access token was refused before its time (its device signed out, a password reset) or ran out while asleep: one
  // refresh tells which, and the call goes again with the new token (or the page signs out, see tokens.js).
  if (response.status === 401 && token) {
    const renewed = await refresh(token);
    if (renewed) response = await send(method, path, body, renewed);
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(data?.title || response.statusText, response.status, data?.code ?? null, data?.errors ?? {},
      Number(response.headers.get('Retry-After')) || null);
  }
  return data;
}

async function send(/** @type {string} */ method, /** @type {string} */ path, /** @type {unknown} */ body, /** @type {string | null} */ token) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(navigator.onLine ? 'The server cannot be reached: try again.' : 'You are offline.', 0, 'offline', {});
  }
}

/** A hub call's refusal ("code: message") as an ApiError, so both kinds of refusal read alike. */
export function hubError(/** @type {any} */ error) {
  const text = String(error?.message ?? error).replace(/^.*HubException: /, '');
  const code = /^([a-z_]+):/.exec(text)?.[1] ?? null;
  return new ApiError(text, 0, code, {});
}

/** Words for a refusal: the code's meaning, and the fields it named. */
export function describe(/** @type {any} */ error) {
  if (!(error instanceof ApiError)) return 'Something went wrong: try again.';
  const details = Object.values(error.fields).flat().join(' ');
  const words = error.code === 'rate_limited' && error.retryAfter
    ? `Too many tries: try again in ${error.retryAfter < 90 ? plural(error.retryAfter, 'second') : `about ${plural(Math.ceil(error.retryAfter / 60), 'minute')}`}.`
    : (error.code && CODE_WORDS[error.code]) || error.message;
  return error.code === 'validation_failed' && details ? details : [words, details].filter(Boolean).join(' ');
}
