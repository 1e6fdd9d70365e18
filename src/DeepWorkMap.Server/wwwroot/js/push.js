// Web Push: "Notify me on this device" (docs/api.md, "Web Push"). Offered only where the server has a push key
// (app-config.json's `pushPublicKey`), the browser can push, and someone is signed in. The browser is asked for
// permission only after that click. On: the browser's subscription is posted; off: deleted and dropped. Signing out
// turns it off here, so a shared computer does not keep showing the last person's notifications.
import { api, describe } from './api.js';
import { $, say } from './dom.js';
import { on, state } from './state.js';

/** @typedef {'on' | 'off' | 'blocked'} PushState */

let publicKey = '';

/** Whether this browser could be told of notifications while the page is closed. */
export function pushOffered(/** @type {AppConfig} */ config) {
  return Boolean(config.pushPublicKey) && 'PushManager' in window && 'serviceWorker' in navigator && 'Notification' in window;
}

export function setUpPush(/** @type {AppConfig} */ config) {
  publicKey = pushOffered(config) ? config.pushPublicKey : '';
  $('push-button').addEventListener('click', toggle);
  // Drawn again as the inbox opens: the permission may have changed in the browser's settings meanwhile.
  $('bell').addEventListener('click', () => { void drawPush(); });
  on(['account'], () => { void drawPush(); });
}

/** The browser's subscription with this page's service worker, if it has one (never waits for a worker that failed to start). */
async function subscription() {
  const registration = await navigator.serviceWorker.getRegistration();
  return registration ? registration.pushManager.getSubscription() : null;
}

async function currentState() {
  if (Notification.permission === 'denied') return 'blocked';
  return (await subscription()) ? 'on' : 'off';
}

async function drawPush() {
  const offered = Boolean(publicKey && state.me);
  $('push-section').hidden = !offered;
  if (offered) show(await currentState());
}

const WORDS = /** @type {Record<PushState, {state: string, button: string}>} */ ({
  on: { state: 'On: this device shows your notifications, even when the page is closed.', button: 'Stop notifying me on this device' },
  off: { state: 'Off on this device.', button: 'Notify me on this device' },
  blocked: { state: 'Blocked by the browser: allow notifications for this site in its settings, then try again.', button: 'Notify me on this device' },
});

function show(/** @type {PushState} */ now) {
  const button = $('push-button');
  button.textContent = WORDS[now].button;
  button.dataset.state = now;
  $('push-state').textContent = WORDS[now].state;
}

async function toggle() {
  say('push-status', '');
  const button = /** @type {HTMLButtonElement} */ ($('push-button'));
  button.disabled = true;
  try {
    if (button.dataset.state === 'on') await turnOff({ tellServer: true });
    else await turnOn();
  } finally {
    button.disabled = false;
    if (state.me) show(await currentState());
  }
}

async function turnOn() {
  // The one place the page asks for the permission: right after the person asked to be notified.
  const answer = await Notification.requestPermission();
  if (answer === 'default') say('push-status', 'The browser did not allow notifications: nothing changed.', 'error');
  if (answer !== 'granted') return;
  let made;
  try {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) throw new Error('no service worker');
    made = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  } catch (error) {
    say('push-status', `This browser could not reach its push service (${error?.message || error}). Try again later.`, 'error');
    return;
  }
  try {
    await api('POST', '/api/me/push-subscriptions', made.toJSON());
    say('push-status', 'Done: your notifications will show on this device.', 'success');
  } catch (error) {
    await made.unsubscribe().catch(() => {});
    say('push-status', `Could not turn it on: ${describe(error)}`, 'error');
  }
}

/** Drops this browser's subscription; `tellServer` while the token still works (a server that lost it answers the same). */
export async function turnOff({ tellServer = true } = {}) {
  if (!publicKey) return;
  const current = await subscription().catch(() => null);
  if (!current) return;
  if (tellServer) await api('DELETE', '/api/me/push-subscriptions', { endpoint: current.endpoint }).catch(() => {});
  // Unsubscribed, the push service answers 410 to anything still sent to it, and the server forgets it.
  await current.unsubscribe().catch(() => {});
}

/** The key as pushManager.subscribe takes it: the bytes of the base64url text. */
function keyBytes(/** @type {string} */ base64url) {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}
