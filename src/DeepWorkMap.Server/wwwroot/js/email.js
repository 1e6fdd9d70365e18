// What arrives by mail: the "check your email" banner with its resend button until the address is verified, the
// links the mails carry (/?verify=TOKEN confirms the address, /?reset=TOKEN opens the new-password form, and
// /?undo-email=TOKEN the same form, to take the account back to the address an address change left), and
// "Forgot password?" on the sign-in dialog.
import { api, describe } from './api.js';
import { $, field, refocus, say } from './dom.js';
import { closeDialog, openDialog } from './layout.js';
import { on, state } from './state.js';

/** Whose banner "Later" put away: it stays hidden for that account until the page is opened again (it takes a phone's map in landscape). */
let verifyLaterFor = '';

/** The mailed link whose new-password form is open: a reset, or the way back from an address change. */
let mailed = { token: '', undo: false };

/** `signOut` ends a session the reset made worthless; `askToSignIn` opens the sign-in dialog with a reason. */
export function setUpEmail(/** @type {(notice?: string) => Promise<void>} */ signOut, /** @type {(why: string) => void} */ askToSignIn) {
  $('signin-forgot').addEventListener('click', () => {
    field('forgot-email').value = field('signin-login').value.includes('@') ? field('signin-login').value : '';
    say('forgot-status', '');
    closeDialog('signin-dialog');
    openDialog('forgot-dialog');
  });
  $('forgot-form').addEventListener('submit', askForReset);
  $('reset-form').addEventListener('submit', event => setNewPassword(event, signOut, askToSignIn));
  $('verify-resend').addEventListener('click', resendVerification);
  $('verify-later').addEventListener('click', () => {
    verifyLaterFor = state.me?.id ?? '';
    $('verify-banner').hidden = true;
    // The button is gone with the banner: the focus goes to the page's main heading that shows (the list's, or the session's).
    refocus([$('find-heading'), $('session-title')].find(heading => heading.checkVisibility()));
  });
  on(['account'], () => { void drawVerification(); });
}

/** Follows a mailed link the page was opened with, then takes it out of the address bar (it works once). */
export async function followMailedLink() {
  const link = new URLSearchParams(location.search);
  const verify = link.get('verify');
  const reset = link.get('reset');
  const undo = link.get('undo-email');
  if (!verify && !reset && !undo) return;
  for (const name of ['verify', 'reset', 'undo-email']) link.delete(name);
  history.replaceState(null, '', `${location.pathname}${link.size ? `?${link}` : ''}`);
  if (reset || undo) {
    mailed = { token: reset || undo || '', undo: !reset };
    $('reset-heading').textContent = mailed.undo ? 'Take your account back' : 'Choose a new password';
    $('reset-lead').hidden = !mailed.undo;
    $('reset-submit').textContent = mailed.undo ? 'Take my account back' : 'Set the new password';
    say('reset-error', '');
    openDialog('reset-dialog');
    return;
  }
  try {
    await api('POST', '/api/auth/verify-email', { token: verify });
    say('page-notice', 'This email address is confirmed: it is the one your account signs in with and gets mail at.', 'success');
    await drawVerification();
  } catch (error) {
    say('page-notice', `That link did not confirm your address: ${describe(error)}`, 'error');
  }
}

/** Shows the banner while the signed-in account's address is not verified. */
async function drawVerification() {
  if (!state.token || !state.config?.emailVerificationRequired) { $('verify-banner').hidden = true; return; }
  try {
    const me = await api('GET', '/api/me');
    $('verify-banner').hidden = me.emailVerified || verifyLaterFor === me.id;
    $('verify-text').textContent = `Check your email: open the link we sent to ${me.email} to confirm it, then you can host sessions and follow hosts.`;
  } catch {
    // Signed out meanwhile, or offline: the next change of account draws it again.
  }
}

async function resendVerification() {
  try {
    await api('POST', '/api/auth/verify-email/resend');
    say('page-notice', 'A new link is on its way: look in your mail (and its spam folder).', 'success');
  } catch (error) {
    if (error.code === 'already_verified') { $('verify-banner').hidden = true; return; }
    say('page-notice', describe(error), 'error');
  }
}

async function askForReset(/** @type {Event} */ event) {
  event.preventDefault();
  say('forgot-status', '');
  try {
    await api('POST', '/api/auth/password-reset', { email: field('forgot-email').value.trim() });
    say('forgot-status', 'If an account has this address, a link to reset its password is on its way. It works for 30 minutes.', 'success');
  } catch (error) {
    say('forgot-status', describe(error), 'error');
  }
}

async function setNewPassword(
  /** @type {Event} */ event, /** @type {(notice?: string) => Promise<void>} */ signOut, /** @type {(why: string) => void} */ askToSignIn,
) {
  event.preventDefault();
  say('reset-error', '');
  try {
    const path = mailed.undo ? '/api/auth/email-change/undo' : '/api/auth/password-reset/confirm';
    await api('POST', path, { token: mailed.token, password: field('reset-password').value });
    field('reset-password').value = '';
    const { undo } = mailed;
    mailed = { token: '', undo: false };
    closeDialog('reset-dialog');
    // Every token of the account was signed out with the old password, this tab's too.
    if (state.token) await signOut();
    askToSignIn(undo
      ? 'Your account is back at this address, and every device signed out: sign in with the new password.'
      : 'Your password is changed and every device signed out: sign in with the new one.');
  } catch (error) {
    const messages = /** @type {Record<string, string[]>} */ (error.fields ?? {}).password;
    say('reset-error', messages ? messages.join(' ') : describe(error), 'error');
  }
}
