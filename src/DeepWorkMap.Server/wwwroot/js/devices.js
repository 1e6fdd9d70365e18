// The account dialog's security part: where the person is signed in (each device, "Sign out" on one, "Sign out
// everywhere else"), changing the password (every other device is signed out) and changing the email address (a link
// to the new one; the old one is told). See docs/api.md, "Devices" and "Change password and email".
import { api, describe } from './api.js';
import { confirmAction } from './confirm.js';
import { $, el, field, say } from './dom.js';
import { serverNow, state } from './state.js';
import { relative } from './words.js';

export function setUpDevices() {
  $('account-button').addEventListener('click', () => {
    for (const id of ['devices-status', 'change-password-status', 'change-email-status']) say(id, '');
    $('current-email').textContent = '';
    void drawDevices();
    void drawEmail();
  });
  $('sign-out-others').addEventListener('click', signOutOthers);
  $('change-password-form').addEventListener('submit', changePassword);
  $('change-email-form').addEventListener('submit', changeEmail);
}

/** "Chrome on Android" from a user agent, or what is known. */
export function deviceName(/** @type {string | null} */ agent) {
  if (!agent) return 'Unknown browser';
  const browser = [['Edg/', 'Edge'], ['OPR/', 'Opera'], ['Firefox/', 'Firefox'], ['Chrome/', 'Chrome'], ['Safari/', 'Safari']]
    .find(([mark]) => agent.includes(mark))?.[1];
  const system = [['Android', 'Android'], ['iPhone', 'iPhone'], ['iPad', 'iPad'], ['Windows', 'Windows'], ['Mac OS X', 'macOS'], ['CrOS', 'ChromeOS'], ['Linux', 'Linux']]
    .find(([mark]) => agent.includes(mark))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? agent.slice(0, 40);
}

async function drawDevices() {
  const list = $('devices-list');
  list.replaceChildren(el('li', {}, 'Loading…'));
  try {
    /** @type {Device[]} */
    const devices = await api('GET', '/api/me/devices');
    list.replaceChildren(...devices.map(deviceItem));
    $('sign-out-others').hidden = !devices.some(device => !device.current);
  } catch (error) {
    list.replaceChildren();
    say('devices-status', `Your devices did not load: ${describe(error)}`, 'error');
  }
}

const when = (/** @type {string} */ time) => (relative(time, serverNow()) === 'now' ? 'just now' : relative(time, serverNow()));

function deviceItem(/** @type {Device} */ device) {
  const name = deviceName(device.userAgent);
  const details = `Signed in ${when(device.createdAt)}, last active ${when(device.lastUsedAt)}, ` +
    `from network ${device.network}${device.keepSignedIn ? ', kept signed in' : ''}.`;
  const item = el('li', { 'data-testid': 'device' }, el('strong', {}, name), ' ', el('span', { class: 'hint' }, details));
  if (device.current) {
    item.append(' ', el('span', { class: 'badge', 'data-testid': 'this-device' }, 'This device'));
  } else {
    const button = el('button', { type: 'button', class: 'quiet', 'data-testid': 'device-sign-out', 'aria-label': `Sign out ${name}, ${device.network}` }, 'Sign out');
    button.addEventListener('click', () => signOutDevice(device, name));
    item.append(' ', button);
  }
  return item;
}

async function signOutDevice(/** @type {Device} */ device, /** @type {string} */ name) {
  const sure = await confirmAction({
    title: `Sign out ${name}?`,
    text: `Whoever uses it (network ${device.network}) is signed out at once and must sign in again with your password.`,
    confirm: 'Sign it out',
  });
  if (!sure) return;
  try {
    await api('DELETE', `/api/me/devices/${device.id}`);
    say('devices-status', `${name} is signed out.`, 'success');
  } catch (error) {
    say('devices-status', describe(error), 'error');
  }
  await drawDevices();
}

async function signOutOthers() {
  const sure = await confirmAction({
    title: 'Sign out everywhere else?',
    text: 'Every other browser and app signed in to your account is signed out at once. This one stays signed in.',
    confirm: 'Sign out the others',
  });
  if (!sure) return;
  try {
    const { signedOut } = await api('POST', '/api/me/devices/sign-out-others');
    say('devices-status', signedOut === 1 ? 'One other device is signed out.' : `${signedOut} other devices are signed out.`, 'success');
  } catch (error) {
    say('devices-status', describe(error), 'error');
  }
  await drawDevices();
}

async function changePassword(/** @type {Event} */ event) {
  event.preventDefault();
  say('change-password-status', '');
  try {
    const { signedOut } = await api('POST', '/api/me/password', {
      currentPassword: field('current-password').value, newPassword: field('new-password').value,
    });
    field('current-password').value = '';
    field('new-password').value = '';
    const others = signedOut === 0 ? 'No other device was signed in.' : signedOut === 1 ? 'Your other device is signed out.' : `Your ${signedOut} other devices are signed out.`;
    say('change-password-status', `Your password is changed. ${others}`, 'success');
    await drawDevices();
  } catch (error) {
    say('change-password-status', error.code === 'invalid_credentials' ? 'That is not your current password.' : describe(error), 'error');
  }
}

async function drawEmail() {
  if (!state.token) return;
  try {
    $('current-email').textContent = (await api('GET', '/api/me')).email;
  } catch {
    // Signed out meanwhile, or offline: the form still works.
  }
}

async function changeEmail(/** @type {Event} */ event) {
  event.preventDefault();
  say('change-email-status', '');
  const email = field('new-email').value.trim();
  try {
    await api('POST', '/api/me/email', { email, password: field('change-email-password').value });
    field('change-email-password').value = '';
    say('change-email-status', `Check ${email}: open the link we sent there (within 24 hours) to make it your address. Until then, nothing changes.`, 'success');
  } catch (error) {
    say('change-email-status', error.code === 'invalid_credentials' ? 'That is not your password.' : describe(error), 'error');
  }
}
