// The SignalR hub (/hubs/deepwork) for signed-in users: every push goes to the state (state.applyPush), and the few
// that need more than their payload (a new view to watch, a seat to subscribe to) are handed to whoever said they
// handle them.
import { api, hubError } from './api.js';
import { loadScript } from './lazy.js';
import { PUSHES, applyPush, changed, state } from './state.js';
import { freshToken } from './tokens.js';

/** @type {any} */
let hub = null;
/** @type {Map<string, (payload: any) => void>} */
const followUps = new Map();
/** @type {Array<() => void>} */
const reconnected = [];
/** Waits before each reconnect attempt: at once, then 2, 5, 10 and 30 s, then every 30 s for as long as the page is open. */
const RECONNECT_DELAYS_MS = [0, 2000, 5000, 10000, 30000];
/**
 * The wait while the browser says it is offline: an attempt then never leaves the device, so trying often costs no
 * server anything, and the page is live again within seconds of the network's return instead of up to 30 s later.
 */
const OFFLINE_RETRY_MS = 3000;

/**
 * When to try again after a lost connection. A refusal of the token (401: the server restarted with another key, or
 * this device was signed out) is checked with a call, which refreshes the token or signs the page out (tokens.js).
 */
function nextRetryDelay(/** @type {{previousRetryCount: number, retryReason?: any}} */ retry) {
  if (tokenRefused(retry.retryReason)) stillSignedIn();
  if (!navigator.onLine) return OFFLINE_RETRY_MS;
  return RECONNECT_DELAYS_MS[retry.previousRetryCount] ?? 30000;
}

/** Says who handles a push's follow-up (state.applyPush's answer). */
export const onFollowUp = (/** @type {string} */ name, /** @type {(payload: any) => void} */ handle) => followUps.set(name, handle);

/** Runs after the hub reconnected: subscriptions and watches are per connection and must be made again. */
export const onReconnected = (/** @type {() => void} */ action) => reconnected.push(action);

export const isLive = () => hub?.state === 'Connected';

/** Calls a hub method; a refusal comes back as an ApiError with its code. */
export async function invoke(/** @type {string} */ method, /** @type {any[]} */ ...args) {
  try {
    return await hub.invoke(method, ...args);
  } catch (error) {
    throw hubError(error);
  }
}

function setConnection(/** @type {string} */ connection) {
  state.connection = connection;
  changed('connection');
}

/** Connects the signed-in user (loading the SignalR client the first time). */
export async function connect(retried = false) {
  if (!state.token || hub) return;
  /** The token the connection last asked for. @type {string | null} */
  let offered = null;
  setConnection('connecting');
  try {
    await loadScript('/vendor/signalr/signalr.min.js');
  } catch {
    setConnection('offline');
    return;
  }
  const connection = new signalR.HubConnectionBuilder()
    // Every (re)connect asks for the token: refreshed first when it is about to expire.
    .withUrl('/hubs/deepwork', { accessTokenFactory: async () => (offered = await freshToken()) })
    // Back off: a server that is down or restarting is not hammered by every open page at once.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: nextRetryDelay })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  for (const name of PUSHES) {
    connection.on(name, (/** @type {any} */ payload) => {
      const followUp = applyPush(name, payload);
      if (followUp) followUps.get(followUp)?.(payload);
    });
  }
  connection.onreconnecting(() => {
    setConnection('connecting');
    stillSignedIn();
  });
  connection.onreconnected(async () => {
    await hearOwnEvents(connection);
    setConnection('live');
    for (const action of reconnected) action();
  });
  connection.onclose(() => {
    if (hub !== connection) return;
    setConnection('offline');
    stillSignedIn();
  });
  hub = connection;
  if (await started(connection) || hub !== connection) return;
  // Refused: the token may have died early (its device signed out) or run out while the tab slept. One call refreshes it
  // (or signs the page out, see tokens.js); with a new one a new connection is tried, once.
  if (!retried) await api('GET', '/api/me').catch(() => {});
  if (hub !== connection) return;
  hub = null;
  if (!retried && state.token && state.token !== offered) await connect(true);
  else setConnection('offline');
}

async function started(/** @type {any} */ connection) {
  try {
    await connection.start();
    await hearOwnEvents(connection);
    setConnection('live');
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a failed (re)connect was the server refusing the token. The client wraps the negotiate's HTTP error in one of
 * its own that keeps only the words ("… Status code '401'"), so both are read.
 */
const tokenRefused = (/** @type {any} */ error) => error?.statusCode === 401 || /Status code '401'/.test(String(error?.message ?? ''));

/** Dropped because this device was signed out? A call finds out (a refused refresh signs the page out, see tokens.js). */
const stillSignedIn = () => { api('GET', '/api/me').catch(() => {}); };

/**
 * Returns once the connection hears the events meant for this user (notification, promotedFromWaitlist): only then
 * is the inbox read (signedIn, and onReconnected below), so nothing told in between is missed.
 */
async function hearOwnEvents(/** @type {any} */ connection) {
  try {
    await connection.invoke('Ready');
  } catch {
    // An older server, or a refusal: the inbox read that follows still shows what arrived.
  }
}

export async function disconnect() {
  const connection = hub;
  hub = null;
  setConnection('');
  if (connection) await connection.stop();
}
