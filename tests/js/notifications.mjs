// Reaching people when they are not looking, in real Chromium: the bell and its list (times in the viewer's zone),
// preferences with a home area, following a host and saving a session, news of the host's next session, a
// cancellation shown as a browser notification while the tab is in the background, "add to calendar" and the personal
// calendar address. Ada on a desktop, Ben on a phone. Usage: node notifications.mjs BASE_URL SCREENSHOT_DIR PREFIX.
import { readFileSync } from 'node:fs';
import { PHONE, TIMEOUT, check, host, launch, menu, openFromList, signUp, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);

const bellCount = page => page.getByTestId('bell-count').textContent();
const suffix = Math.random().toString(36).slice(2, 8);
await story(async () => {
  const ada = await openAs('Ada');
  // Ben's browser is in India (UTC+5:30): every time he is shown is in his zone.
  const ben = await openAs('Ben', PHONE, { timezoneId: 'Asia/Kolkata' });
  await ben.context.grantPermissions(['notifications'], { origin: new URL(baseUrl).origin });
  await signUp(ada, 'ada' + suffix, 'Ada');
  await signUp(ben, 'ben' + suffix, 'Ben');

  // Ben sets his home area to where the map is, and reminders an hour ahead.
  await menu(ben.page);
  await ben.page.getByTestId('bell').click();
  // The dialog opens at its heading, read out first, and at its top: not on the preferences' first field far below.
  await ben.page.getByRole('heading', { name: 'Notifications' }).waitFor({ timeout: TIMEOUT });
  const opened = await ben.page.evaluate(() => ({ focused: document.activeElement?.id, scrolled: document.getElementById('inbox-dialog').scrollTop }));
  check(opened.focused === 'inbox-heading' && opened.scrolled === 0, `the bell's dialog starts at its heading: ${JSON.stringify(opened)}`);
  await ben.page.getByTestId('pref-reminder').selectOption('60');
  await ben.page.getByTestId('pref-home-here').click();
  await ben.page.getByTestId('pref-save').click();
  await waitForText(ben.page, 'pref-status', 'Saved.');
  check((await ben.page.getByTestId('calendar-feed').inputValue()).includes('/api/calendar/'), 'the calendar address is shown');
  check((await ben.page.getByTestId('pref-home').textContent()).includes('10 km around'), 'the home area is shown');
  check(await ben.page.getByTestId('push-section').isVisible(), '"Notify me on this device" where the server offers Web Push (push.mjs drives it)');
  await shot(ben.page, 'ben-preferences');
  await ben.page.getByTestId('browser-alerts').click();
  await waitForText(ben.page, 'inbox-dialog', 'while this tab is in the background.');
  await ben.page.getByTestId('inbox-dialog').getByRole('button', { name: 'Close' }).click();

  // Ada hosts; Ben follows her, saves the session, joins it and adds it to his calendar.
  await host(ada, 'Cell biology review', { subject: 'Biology', startInMinutes: 30 });
  await openFromList(ben, 'Cell biology review');
  await ben.page.getByTestId('follow-button').click();
  await ben.page.waitForFunction(() => document.querySelector('[data-testid="follow-button"]').getAttribute('aria-pressed') === 'true', null, { timeout: TIMEOUT });
  await ben.page.getByTestId('save-button').click();
  await ben.page.waitForFunction(() => document.querySelector('[data-testid="save-button"]').textContent.startsWith('Saved'), null, { timeout: TIMEOUT });
  await ben.page.getByTestId('join-button').click();
  await ben.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  const [download] = await Promise.all([ben.page.waitForEvent('download', { timeout: TIMEOUT }), ben.page.getByTestId('calendar-add').click()]);
  const ics = readFileSync(await download.path(), 'utf8');
  check(ics.includes('BEGIN:VEVENT') && ics.includes('SUMMARY:Cell biology review') && ics.includes('TRIGGER:-PT60M'), 'the calendar file holds the event and Ben\'s alarm');
  await shot(ben.page, 'ben-follows-saves-joins');

  // Ada hosts again near Ben's home: Ben's bell counts it at once, and the page says so.
  await host(ada, 'Genetics drills', { subject: 'Biology', startInMinutes: 45 });
  await ben.page.waitForFunction(() => document.querySelector('[data-testid="bell-count"]').textContent === '1', null, { timeout: TIMEOUT });
  await waitForText(ben.page, 'toast', 'Genetics drills');

  // Ben's tab goes to the background; Ada cancels the first session: the browser shows it as a notification.
  await ben.page.evaluate(() => {
    window.shownNotifications = [];
    const Real = window.Notification;
    window.Notification = class extends Real { constructor(title, options) { super(title, options); window.shownNotifications.push(title); } };
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  });
  await openFromList(ada, 'Cell biology review');
  await ada.page.getByTestId('cancel-button').click();
  await ada.page.getByTestId('cancel-reason').fill('Lab closed');
  await ada.page.getByTestId('cancel-confirm').click();
  await ben.page.waitForFunction(() => document.querySelector('[data-testid="bell-count"]').textContent === '2', null, { timeout: TIMEOUT });
  check((await ben.page.evaluate(() => window.shownNotifications)).some(t => t.includes('Cell biology review is cancelled')), 'a browser notification while in the background');
  await ben.page.evaluate(() => { delete document.hidden; });

  // The list says what happened, newest first, each at a time in Ben's zone; marking it read empties the count.
  await menu(ben.page);
  await ben.page.getByTestId('bell').click();
  const kinds = await ben.page.getByTestId('notification').evaluateAll(items => items.map(i => i.dataset.kind));
  check(JSON.stringify(kinds) === JSON.stringify(['session_cancelled', 'followed_host_hosting']), `the list: ${JSON.stringify(kinds)}`);
  check((await ben.page.getByTestId('inbox-list').textContent()).includes('Lab closed'), 'the reason is in the list');
  const shownAt = await ben.page.getByTestId('notification').first().locator('time').textContent();
  const createdAt = await ben.page.getByTestId('notification').first().locator('time').getAttribute('datetime');
  const inKolkata = new Date(createdAt).toLocaleTimeString('en-US', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit' });
  check(shownAt.includes('ago') || shownAt.includes('now'), `the time is relative: ${shownAt}`);
  check(shownAt.includes(inKolkata), `with Ben's local clock time beside it: ${shownAt} (${createdAt} is ${inKolkata} in Kolkata)`);
  await shot(ben.page, 'ben-inbox');
  await ben.page.getByTestId('inbox-read').click();
  await ben.page.waitForFunction(() => document.querySelector('[data-testid="bell-count"]').hidden, null, { timeout: TIMEOUT });
  check((await bellCount(ben.page)) === '0', 'no unread left');
  await shot(ben.page, 'ben-inbox-read');

  // Ten minutes later (Ben's clock moved on), the bell opens on times worked out now, not when the list last changed.
  await ben.page.getByTestId('inbox-dialog').getByRole('button', { name: 'Close' }).click();
  await ben.page.evaluate(() => { const realNow = Date.now; Date.now = () => realNow() + 10 * 60000; });
  await menu(ben.page);
  await ben.page.getByTestId('bell').click();
  await ben.page.getByTestId('inbox-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  const later = await ben.page.getByTestId('notification').first().locator('time').textContent();
  check(/^1\d min ago/.test(later), `opened ten minutes later, the bell says how long ago: ${later}`);
  await shot(ben.page, 'ben-inbox-later');
});
