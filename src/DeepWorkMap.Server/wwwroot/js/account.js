// Signing in ("Keep me signed in" or this tab only) and creating an account (two dialogs; the header only holds
// buttons), the account dialog (download my data, delete the account, sign out), and what the header offers signed in
// or out. The tokens themselves are tokens.js's.
import { api, describe } from './api.js';
import { $, clearFieldErrors, download, field, markFieldErrors, refocus, say, show } from './dom.js';
import { disconnect } from './hub.js';
import { closeDialog, openDialog } from './layout.js';
import { turnOff as turnOffPush } from './push.js';
import { changed, on, state } from './state.js';
import { deviceId, forget, freshToken, keep, setUpTokens } from './tokens.js';

/** @type {() => Promise<void>} */ let afterSignIn = async () => {};
/** @type {() => Promise<void>} */ let afterSignOut = async () => {};
/**
 * The person is signing out or deleting the account: the server ends this device's tokens and connection meanwhile, and
 * what the page then finds (a refused refresh) must not put its own words over theirs.
 */
let leaving = 0;

/** `signedIn` and `signedOut` load and drop what belongs to the user (hub, inbox, ...). */
export function setUpAccount(/** @type {() => Promise<void>} */ signedIn, /** @type {() => Promise<void>} */ signedOut) {
  afterSignIn = signedIn;
  afterSignOut = signedOut;
  setUpTokens(notice => (leaving > 0 ? Promise.resolve() : signOut(notice, { here: false })));
  $('signin-button').addEventListener('click', () => askToSignIn(''));
  $('signup-button').addEventListener('click', () => openSignUp());
  $('signin-to-signup').addEventListener('click', () => { closeDialog('signin-dialog'); openSignUp(); });
  $('signup-to-signin').addEventListener('click', () => { closeDialog('signup-dialog'); askToSignIn(''); });
  $('signin-form').addEventListener('submit', logIn);
  $('signup-form').addEventListener('submit', register);
  $('account-button').addEventListener('click', () => { say('close-account-error', ''); openDialog('account-dialog'); });
  $('auth-logout').addEventListener('click', () => { closeDialog('account-dialog'); void signOut(); });
  $('export-account').addEventListener('click', exportAccount);
  $('close-account-form').addEventListener('submit', closeAccount);
  on(['account'], drawAccount);
  drawAccount();
}

/** The sign-in dialog, with why it is asked for ("Sign in to join", ...). */
export function askToSignIn(/** @type {string} */ why) {
  say('signin-why', why);
  say('auth-error', '');
  openDialog('signin-dialog');
}

function openSignUp() {
  say('signup-error', '');
  clearFieldErrors($('signup-form'));
  openDialog('signup-dialog');
}

function drawAccount() {
  const signedIn = Boolean(state.me);
  show({ 'signin-button': !signedIn, 'signup-button': !signedIn, 'bell': signedIn, 'mine-button': signedIn, 'stats-button': signedIn, 'account-button': signedIn });
  $('me-name').textContent = state.me?.displayName ?? '';
  $('account-name').textContent = state.me ? `${state.me.displayName} (@${state.me.username})` : '';
}

async function signIn(/** @type {AuthResult} */ auth, kept = false) {
  keep(auth, kept);
  changed('account');
  await afterSignIn();
  focusAfterAccountChange();
}

/**
 * Signs this page out. By default this device is signed out on the server too (its refresh token is worthless from
 * then on, on a shared computer as well); `here: false` when the server has done it already.
 */
export async function signOut(notice = '', { here = true } = {}) {
  // Counted, not set: two sign-outs may run at once (a refused refresh and a reset link's), and both must end.
  leaving += 1;
  try {
    // First, so that the server closing this device's connection is not taken for a drop to look into (a refused call).
    await disconnect();
    await turnOffPush({ tellServer: here });
    if (here) await signOutDevice();
    forget();
    Object.assign(state, { token: null, me: null });
    changed('account');
    await afterSignOut();
    if (notice) say('page-notice', notice, 'success');
    focusAfterAccountChange();
  } finally {
    leaving -= 1;
  }
}

/**
 * Signing in or out hides the button it was started from: the focus goes to the header's control now in its place
 * (Menu on a phone, else Account or Sign in). What the page says about it is read out as a status.
 */
function focusAfterAccountChange() {
  refocus(['menu-button', 'account-button', 'signin-button'].map(id => $(id)).find(button => button.checkVisibility()));
}

/** Best effort: offline, the device stays listed until its refresh token expires, and the owner can sign it out from another. */
async function signOutDevice() {
  const device = deviceId();
  const token = device && await freshToken();
  if (!token) return;
  await fetch(`/api/me/devices/${device}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } }).catch(() => {});
}

async function logIn(/** @type {Event} */ event) {
  event.preventDefault();
  say('auth-error', '');
  try {
    const kept = field('signin-keep').checked;
    const auth = await api('POST', '/api/auth/login', { login: field('signin-login').value, password: field('signin-password').value, keepSignedIn: kept });
    field('signin-password').value = '';
    closeDialog('signin-dialog');
    await signIn(auth, kept);
  } catch (error) {
    say('auth-error', describe(error), 'error');
  }
}

async function register(/** @type {Event} */ event) {
  event.preventDefault();
  say('signup-error', '');
  clearFieldErrors($('signup-form'));
  try {
    const auth = await api('POST', '/api/auth/register', {
      email: field('signup-email').value, username: field('signup-username').value,
      displayName: field('signup-display-name').value, password: field('signup-password').value,
    });
    field('signup-password').value = '';
    closeDialog('signup-dialog');
    await signIn(auth);
    // Where an address must be confirmed first, the banner under this says how (on a phone, saying it twice filled the screen).
    const next = state.config?.emailVerificationRequired ? 'Open a session on the map to join it.' : 'Open a session on the map to join it, or host your own.';
    say('page-notice', `Welcome, ${auth.user.displayName}! ${next}`, 'success');
  } catch (error) {
    // Each field's problem beside the field; anything else under the form.
    const named = Object.entries(error.fields ?? {}).filter(([name]) => $(`signup-error-${name}`));
    for (const [name, messages] of named) $(`signup-error-${name}`).textContent = messages.join(' ');
    const code = error.code === 'email_taken' ? 'email' : error.code === 'username_taken' ? 'username' : null;
    if (code) $(`signup-error-${code}`).textContent = describe(error);
    else if (!named.length) say('signup-error', describe(error), 'error');
    markFieldErrors($('signup-form'));
  }
}

/** Downloads everything the service holds about the signed-in user as a JSON file. */
async function exportAccount() {
  say('export-status', '');
  try {
    const data = await api('GET', '/api/me/export');
    download(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), 'deepwork-map-my-data.json');
    say('export-status', 'Downloaded: deepwork-map-my-data.json.', 'success');
  } catch (error) {
    say('export-status', `Could not download: ${describe(error)}`, 'error');
  }
}

async function closeAccount(/** @type {Event} */ event) {
  event.preventDefault();
  say('close-account-error', '');
  leaving += 1;
  try {
    await api('DELETE', '/api/me', { password: field('close-account-password').value });
    field('close-account-password').value = '';
    closeDialog('account-dialog');
    await signOut('Your account is deleted. Your messages stay in their sessions as from “Deleted user”.', { here: false });
  } catch (error) {
    say('close-account-error', describe(error), 'error');
  } finally {
    leaving -= 1;
  }
}
