// Notifications by mail in real Chromium, with the mail read from the SMTP server: Ben, on a phone in India, confirms
// his address from the mail, sees which kinds are mailed (reminders and cancellations unless he chooses) and adds
// "a seat from the waitlist". Hana cancels the session he joined: the mail names the start in his zone, his bell says
// when it was to start, and the mail's "stop these mails" link asks him first, then stops only that kind.
// Usage: node notification-mail.mjs BASE_URL SCREENSHOT_DIR PREFIX
import { PHONE, TIMEOUT, check, host, launch, menu, openFromList, signUp, waitForText } from './lib/browser.mjs';
import { mailedLink } from './lib/mail.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);

/** Follows the confirmation link of the account's first mail. */
async function confirmAddress({ page }, email) {
  await page.goto((await mailedLink(baseUrl, email, 'Confirm your email', ['verify'])).link);
  await page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await waitForText(page, 'page-notice', 'This email address is confirmed');
}

const mailedKinds = page => page.evaluate(() =>
  [...document.querySelectorAll('input[name="pref-email"]')].filter(box => box.checked).map(box => box.value).sort());

await story(async () => {
  const hana = await openAs('Hana');
  await signUp(hana, 'hana' + suffix, 'Hana');
  await confirmAddress(hana, `hana${suffix}@example.com`);
  await host(hana, 'Organic chemistry', { subject: 'Chemistry', startInMinutes: 90 });

  const ben = await openAs('Ben', PHONE, { timezoneId: 'Asia/Kolkata' });
  const benEmail = `ben${suffix}@example.com`;
  await signUp(ben, 'ben' + suffix, 'Ben');
  await confirmAddress(ben, benEmail);
  await menu(ben.page);
  await ben.page.getByTestId('bell').click();
  await ben.page.getByTestId('pref-email').waitFor({ state: 'visible', timeout: TIMEOUT });
  check(JSON.stringify(await mailedKinds(ben.page)) === JSON.stringify(['session_cancelled', 'session_reminder']),
    'reminders and cancellations are mailed unless he chooses');
  await ben.page.locator('input[name="pref-email"][value="waitlist_promoted"]').check();
  await ben.page.getByTestId('pref-save').click();
  await waitForText(ben.page, 'pref-status', 'Saved.');
  await shot(ben.page, 'ben-chooses-what-is-mailed');
  await ben.page.getByTestId('inbox-dialog').getByRole('button', { name: 'Close' }).click();

  await openFromList(ben, 'Organic chemistry');
  await ben.page.getByTestId('join-button').click();
  await ben.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });

  await hana.page.getByTestId('cancel-button').click();
  await hana.page.getByTestId('cancel-reason').fill('Lab closed');
  await hana.page.getByTestId('cancel-confirm').click();

  // The mail: his zone named, and a way out of this kind.
  const { link, text } = await mailedLink(baseUrl, benEmail, 'Organic chemistry is cancelled', ['unsubscribe']);
  // Chromium still names India's zone by its old IANA name, which is the same zone.
  check(/\((Asia\/Kolkata|Asia\/Calcutta)\)/.test(text), `the start is in Ben's zone: ${text}`);
  check(text.includes('Lab closed'), 'the reason is in the mail');
  // His bell says when it was to start, in his zone.
  await menu(ben.page);
  await ben.page.getByTestId('bell').click();
  await ben.page.getByTestId('notification-start').first().waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await ben.page.getByTestId('notification-start').first().textContent()).startsWith('It was to start '), 'the start is told');
  await shot(ben.page, 'ben-bell-tells-the-start');

  await ben.page.goto(link);
  await ben.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await ben.page.getByTestId('unsubscribe-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await ben.page.getByTestId('unsubscribe-text').textContent()).includes('a session of yours is cancelled'), 'the question names the kind');
  check(!(await ben.page.evaluate(() => location.search.includes('unsubscribe='))), 'the link is gone from the address bar');
  await shot(ben.page, 'ben-is-asked-before-mail-stops');
  await ben.page.getByTestId('unsubscribe-confirm').click();
  await waitForText(ben.page, 'unsubscribe-status', 'those emails stop');
  await shot(ben.page, 'ben-stopped-cancellation-mail');
  await ben.page.getByTestId('unsubscribe-dialog').getByRole('button', { name: 'Keep them' }).click();

  await menu(ben.page);
  await ben.page.getByTestId('bell').click();
  await ben.page.waitForFunction(() => !document.querySelector('input[name="pref-email"][value="session_cancelled"]').checked, null, { timeout: TIMEOUT });
  check(JSON.stringify(await mailedKinds(ben.page)) === JSON.stringify(['session_reminder', 'waitlist_promoted']), 'only cancellations stopped');
});
