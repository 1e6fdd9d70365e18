// Devices in real Chromium, with mail read from the SMTP server (smtp4dev's API, DWM_TEST_SMTP_API). Cy signs in on
// her desktop with "Keep me signed in": a second tab and a reload find her signed in, and an access token about to
// expire, or refused, is refreshed without her noticing. On her phone she signs in too; from the desktop she sees both
// devices and signs the phone out, which drops it at once. Signed in again on the phone, she signs out everywhere
// else (the desktop's tabs follow), changes her password and her email address (following the mailed link), and signs
// out, which ends that device on the server too. Last, the mail to the address she left takes the account back to it,
// with a new password. Usage: node devices.mjs BASE_URL SCREENSHOT_DIR PREFIX
import { PHONE, TIMEOUT, check, confirm, launch, menu, signUp, waitForText } from './lib/browser.mjs';
import { mailedLink } from './lib/mail.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const smtpApi = process.env.DWM_TEST_SMTP_API;
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);
const username = 'cy' + suffix;
const email = `${username}@example.com`;
const newEmail = `cy-new-${suffix}@example.org`;

/** The ?verify= link of the first mail to `to` whose subject holds `subject`, and its text. */
async function mailed(to, subject) {
  const deadline = Date.now() + 60000;
  for (;;) {
    const page = await (await fetch(`${smtpApi}/api/messages?pageSize=100000`)).json();
    const found = page.results.find(m => m.to.includes(to) && m.subject.includes(subject));
    if (found) {
      const text = await (await fetch(`${smtpApi}/api/messages/${found.id}/plaintext`)).text();
      return { text, link: text.match(/https?:\/\/\S+[?&]verify=[A-Za-z0-9_-]+/)?.[0] };
    }
    check(Date.now() < deadline, `a mail "${subject}" to ${to} within 60 s`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

const live = page => page.waitForFunction(() => document.getElementById('live-status').textContent === 'Live', null, { timeout: TIMEOUT });
const stored = (page, area, key) => page.evaluate(([a, k]) => window[a].getItem(k), [area, key]);

async function signIn(page, login, password, keepSignedIn) {
  await menu(page);
  await page.getByTestId('signin-button').click();
  await page.getByTestId('signin-login').fill(login);
  await page.getByTestId('signin-password').fill(password);
  if (keepSignedIn) await page.getByTestId('signin-keep').check();
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('signin-dialog').waitFor({ state: 'hidden', timeout: TIMEOUT });
  await live(page);
}

async function openAccount(page) {
  await menu(page);
  await page.getByTestId('account-button').click();
  await page.getByTestId('account-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
}

async function signedOutWith(page, notice) {
  await waitForText(page, 'page-notice', notice);
  await menu(page);
  await page.getByTestId('signin-button').waitFor({ state: 'visible', timeout: TIMEOUT });
}

await story(async () => {
  check(smtpApi, 'DWM_TEST_SMTP_API names the SMTP server\'s API');
  const desk = await openAs('Cy-desktop');
  await signUp(desk, username, 'Cy');
  // Signed up in this tab only; she signs out and in again, asking to be kept signed in.
  check(await stored(desk.page, 'sessionStorage', 'dwm.refresh'), 'sign-up keeps its refresh token in the tab');
  check(!(await stored(desk.page, 'localStorage', 'dwm.refresh')), 'and nothing in localStorage');
  await openAccount(desk.page);
  await desk.page.getByTestId('auth-logout').click();
  await menu(desk.page);
  await desk.page.getByTestId('signin-button').click();
  await shot(desk.page, 'cy-signs-in-asking-to-stay');
  await desk.page.getByTestId('signin-dialog').getByRole('button', { name: 'Close' }).click();
  await signIn(desk.page, username, 'correct horse battery', true);
  check(await stored(desk.page, 'localStorage', 'dwm.refresh'), 'kept: the refresh token is in localStorage');
  check(!(await stored(desk.page, 'sessionStorage', 'dwm.token')), 'and not in the tab');

  // A new tab, and a reload, find her signed in.
  const tab = await desk.context.newPage();
  await tab.goto(baseUrl);
  await tab.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await live(tab);
  await desk.page.reload();
  await desk.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await live(desk.page);
  await shot(desk.page, 'cy-still-signed-in-after-a-reload');

  // An access token about to expire is refreshed before use; the other tab follows the new one.
  const firstRefresh = await stored(desk.page, 'localStorage', 'dwm.refresh');
  await desk.page.evaluate(() => localStorage.setItem('dwm.expires', String(Date.now())));
  await desk.page.reload();
  await desk.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await live(desk.page);
  const secondRefresh = await stored(desk.page, 'localStorage', 'dwm.refresh');
  check(secondRefresh && secondRefresh !== firstRefresh, 'the refresh token rotated');
  await tab.waitForFunction(token => localStorage.getItem('dwm.token') === token, await stored(desk.page, 'localStorage', 'dwm.token'), { timeout: TIMEOUT });
  // A refused access token (here: a broken one) is refreshed on the 401, and the hub connects with the new one.
  await desk.page.evaluate(() => localStorage.setItem('dwm.token', 'not.a.token'));
  await desk.page.reload();
  await desk.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await live(desk.page);
  check((await stored(desk.page, 'localStorage', 'dwm.token')) !== 'not.a.token', 'the broken token was replaced');
  check((await stored(desk.page, 'localStorage', 'dwm.refresh')) !== secondRefresh, 'by a refresh');

  // Her phone signs in too; the desktop lists both, and signs the phone out.
  const phone = await openAs('Cy-phone', PHONE);
  await signIn(phone.page, username, 'correct horse battery', true);
  await openAccount(desk.page);
  await desk.page.getByTestId('device').nth(1).waitFor({ timeout: TIMEOUT });
  check(await desk.page.getByTestId('this-device').count() === 1, 'one device is this one');
  await shot(desk.page, 'cy-sees-her-devices');
  await desk.page.getByTestId('device-sign-out').click();
  await confirm(desk.page, 'signed out at once');
  await waitForText(desk.page, 'devices-status', 'is signed out');
  await desk.page.getByTestId('device').nth(1).waitFor({ state: 'detached', timeout: TIMEOUT });
  await signedOutWith(phone.page, 'This device was signed out');
  check(!(await stored(phone.page, 'localStorage', 'dwm.refresh')), 'the phone forgot its tokens');
  await shot(phone.page, 'the-phone-is-signed-out');

  // Back on the phone, she signs out everywhere else: both desktop tabs follow.
  await signIn(phone.page, username, 'correct horse battery', true);
  await openAccount(phone.page);
  await phone.page.getByTestId('device').nth(1).waitFor({ timeout: TIMEOUT });
  await shot(phone.page, 'cy-sees-her-devices-on-the-phone');
  await phone.page.getByTestId('sign-out-others').click();
  await confirm(phone.page, 'This one stays signed in');
  await waitForText(phone.page, 'devices-status', 'other device is signed out');
  await desk.page.keyboard.press('Escape');
  await signedOutWith(desk.page, 'signed out');
  await tab.waitForFunction(() => !localStorage.getItem('dwm.token'), null, { timeout: TIMEOUT });

  // A new password: the wrong current one is refused, the right one kept; the phone stays in.
  await phone.page.getByTestId('current-password').fill('not my password');
  await phone.page.getByTestId('new-password').fill('a brand new secret');
  await phone.page.getByTestId('change-password-submit').click();
  await waitForText(phone.page, 'change-password-status', 'not your current password');
  await phone.page.getByTestId('current-password').fill('correct horse battery');
  await phone.page.getByTestId('change-password-submit').click();
  await waitForText(phone.page, 'change-password-status', 'Your password is changed');
  await shot(phone.page, 'cy-changed-her-password');
  await mailed(email, 'Your DeepWork Map password was changed');

  // Her address is confirmed first (the way back below is only for a proven address): she follows the sign-up's link.
  const { link: confirmLink } = await mailed(email, 'Confirm your email address');
  await phone.page.goto(confirmLink);
  await phone.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await waitForText(phone.page, 'page-notice', 'This email address is confirmed');
  await openAccount(phone.page);

  // A new address: the old one is told, the new one confirms by its link.
  await phone.page.getByTestId('new-email').fill(newEmail);
  await phone.page.getByTestId('change-email-password').fill('a brand new secret');
  await phone.page.getByTestId('change-email-submit').click();
  await waitForText(phone.page, 'change-email-status', `Check ${newEmail}`);
  await shot(phone.page, 'cy-asked-for-a-new-address');
  check((await mailed(email, 'is being changed')).text.includes(newEmail), 'the old address is told the new one');
  const { link } = await mailed(newEmail, 'Confirm your new email address');
  check(link?.startsWith(baseUrl), `the link leads to this server: ${link}`);
  await phone.page.goto(link);
  await phone.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await waitForText(phone.page, 'page-notice', 'This email address is confirmed');
  await openAccount(phone.page);
  await waitForText(phone.page, 'current-email', newEmail);
  await shot(phone.page, 'cy-has-her-new-address');

  // Signing out ends the device on the server: its refresh token is worth nothing after.
  const refreshToken = await stored(phone.page, 'localStorage', 'dwm.refresh');
  await phone.page.getByTestId('auth-logout').click();
  await menu(phone.page);
  await phone.page.getByTestId('signin-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  const reuse = await fetch(new URL('/api/auth/refresh', baseUrl), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken }),
  });
  check(reuse.status === 401, `the signed-out device's refresh token is refused: ${reuse.status}`);

  // The address she left was told, with the way back: followed on the phone, it takes the account back to it.
  const { link: undo, text: told } = await mailedLink(baseUrl, email, 'email address was changed', ['undo-email']);
  check(told.includes(newEmail), 'the address left is told the new one');
  await phone.page.goto(undo);
  await phone.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await phone.page.getByTestId('reset-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await phone.page.locator('#reset-heading').textContent()) === 'Take your account back', 'the form says what it does');
  check(!(await phone.page.evaluate(() => location.search.includes('undo-email='))), 'the used link is gone from the address bar');
  await shot(phone.page, 'cy-takes-her-account-back');
  await phone.page.getByTestId('reset-password').fill('short');
  await phone.page.getByTestId('reset-submit').click();
  await waitForText(phone.page, 'reset-error', '8-128 characters');
  await phone.page.getByTestId('reset-password').fill('back where it was');
  await phone.page.getByTestId('reset-submit').click();
  await phone.page.getByTestId('signin-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await phone.page.locator('#signin-why').textContent()).includes('back at this address'), 'the sign-in dialog says why');
  await phone.page.getByTestId('signin-login').fill(email);
  await phone.page.getByTestId('signin-password').fill('back where it was');
  await phone.page.getByTestId('signin-submit').click();
  await live(phone.page);
  await openAccount(phone.page);
  await waitForText(phone.page, 'current-email', email);
  await shot(phone.page, 'cy-is-back-at-her-address');
});
