// Mail in real Chromium, read from the SMTP server (smtp4dev's API, DWM_TEST_SMTP_API): Ada signs up on a desktop and
// is asked to check her email; she asks for the link again, follows it from the mail and is confirmed. Ben, on a
// phone, forgets his password: "Forgot password?", the mailed link opens the new-password form, a too-short one is
// refused beside the field, the new one works. Usage: node account-email.mjs BASE_URL SCREENSHOT_DIR PREFIX
import { PHONE, TIMEOUT, check, launch, menu, signUp, waitForText } from './lib/browser.mjs';
import { mailedLink } from './lib/mail.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);

/** The verification or reset link of mail no. `nth` to `to` whose subject holds `subject`. */
const mailedLinkTo = async (to, subject, nth = 1) => (await mailedLink(baseUrl, to, subject, ['verify', 'reset'], nth)).link;

await story(async () => {
  const ada = await openAs('Ada');
  const adaEmail = `ada${suffix}@example.com`;
  await signUp(ada, 'ada' + suffix, 'Ada');
  await waitForText(ada.page, 'page-notice', 'Welcome, Ada');
  await ada.page.getByTestId('verify-banner').waitFor({ state: 'visible', timeout: TIMEOUT });
  const banner = await ada.page.getByTestId('verify-banner').textContent();
  check(banner.includes(adaEmail) && banner.includes('then you can host sessions'), `the banner names the address and why: ${banner}`);
  check(!(await ada.page.getByTestId('page-notice').textContent()).includes(adaEmail), 'the welcome does not say it again');
  await shot(ada.page, 'ada-is-asked-to-check-her-email');

  await ada.page.getByTestId('verify-resend').click();
  await waitForText(ada.page, 'page-notice', 'A new link is on its way');
  await shot(ada.page, 'ada-asked-again');
  // The second mail's link, followed in her browser: confirmed, and the banner is gone.
  await ada.page.goto(await mailedLinkTo(adaEmail, 'Confirm your email', 2));
  await ada.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await waitForText(ada.page, 'page-notice', 'This email address is confirmed');
  await ada.page.getByTestId('verify-banner').waitFor({ state: 'hidden', timeout: TIMEOUT });
  check(!(await ada.page.evaluate(() => location.search.includes('verify='))), 'the used link is gone from the address bar');
  await shot(ada.page, 'ada-is-confirmed');

  const ben = await openAs('Ben', PHONE);
  const benEmail = `ben${suffix}@example.com`;
  await signUp(ben, 'ben' + suffix, 'Ben');
  // On a phone the banner takes room: "Later" puts it away until the page is opened again.
  await ben.page.getByTestId('verify-banner').waitFor({ state: 'visible', timeout: TIMEOUT });
  await ben.page.getByTestId('verify-later').click();
  await ben.page.getByTestId('verify-banner').waitFor({ state: 'hidden', timeout: TIMEOUT });
  await menu(ben.page);
  await ben.page.getByTestId('account-button').click();
  await ben.page.getByTestId('auth-logout').click();
  await menu(ben.page);
  await ben.page.getByTestId('signin-button').click();
  await ben.page.getByTestId('signin-forgot').click();
  await ben.page.getByTestId('forgot-email').fill(benEmail);
  await ben.page.getByTestId('forgot-submit').click();
  await waitForText(ben.page, 'forgot-status', 'If an account has this address');
  await shot(ben.page, 'ben-asked-for-a-reset-link');

  await ben.page.goto(await mailedLinkTo(benEmail, 'Reset your DeepWork Map password'));
  await ben.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await ben.page.getByTestId('reset-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  await ben.page.getByTestId('reset-password').fill('short');
  await ben.page.getByTestId('reset-submit').click();
  await waitForText(ben.page, 'reset-error', '8-128 characters');
  await shot(ben.page, 'ben-too-short');
  await ben.page.getByTestId('reset-password').fill('a brand new secret');
  await ben.page.getByTestId('reset-submit').click();
  await ben.page.getByTestId('signin-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await ben.page.locator('#signin-why').textContent()).includes('Your password is changed'), 'the sign-in dialog says why');
  await shot(ben.page, 'ben-is-asked-to-sign-in-again');
  await ben.page.getByTestId('signin-login').fill(benEmail);
  await ben.page.getByTestId('signin-password').fill('a brand new secret');
  await ben.page.getByTestId('signin-submit').click();
  await ben.page.getByTestId('signin-dialog').waitFor({ state: 'hidden', timeout: TIMEOUT });
  await ben.page.waitForFunction(() => document.getElementById('live-status').textContent === 'Live', null, { timeout: TIMEOUT });
  // The reset link reached his address, so it counts as confirmed.
  await ben.page.getByTestId('verify-banner').waitFor({ state: 'hidden', timeout: TIMEOUT });
  await shot(ben.page, 'ben-is-back-in');
});
