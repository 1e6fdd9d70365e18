// Sessions people can rely on, in real Chromium: a waitlist that seats people when the host adds seats,
// check-in that the host sees, edits that reach participants, a weekly series joined whole, and a
// cancellation participants cannot miss. Usage: node reliable-sessions.mjs BASE_URL SCREENSHOT_DIR
// Prints "ok" and exits 0 when every step holds; otherwise prints the failure and exits 1.
import { TIMEOUT, launch, check, signUp } from './lib/browser.mjs';

const [baseUrl, screenshotDir] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, 'reliable-');

/** The page's datetime-local value for a moment some minutes from now, in the browser's own zone. */
const localInMinutes = (page, minutes) => page.evaluate(m => {
  const start = new Date(Date.now() + m * 60000);
  return new Date(start.getTime() - start.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}, minutes);

async function host({ page }, title, { seats, startInMinutes, repeatDays, weeks }) {
  await page.getByTestId('create-title').fill(title);
  await page.getByTestId('create-subject').fill('Chemistry');
  await page.getByTestId('create-capacity').fill(String(seats));
  await page.getByTestId('create-start').fill(await localInMinutes(page, startInMinutes));
  if (repeatDays) {
    await page.getByTestId('create-repeat').check();
    for (const day of repeatDays) await page.locator(`input[name="repeat-day"][value="${day}"]`).check();
    await page.getByTestId('create-weeks').fill(String(weeks));
  }
  await page.getByTestId('create-submit').click();
  await page.getByTestId('end-button').waitFor({ state: 'visible', timeout: TIMEOUT });
}

async function open({ page }, title) {
  // A series lists each week; the first in the list is the soonest.
  const item = page.getByTestId('session-item').filter({ hasText: title }).first();
  await item.waitFor({ state: 'visible', timeout: TIMEOUT });
  await item.click();
  await page.waitForFunction(t => document.getElementById('session-title').textContent === t, title, { timeout: TIMEOUT });
}

const textOf = (page, testId) => page.getByTestId(testId).textContent();
const suffix = Math.random().toString(36).slice(2, 8);
await story(async () => {
  const ada = await openAs('Ada');
  const ben = await openAs('Ben');
  const cy = await openAs('Cy');
  await signUp(ada, 'ada' + suffix, 'Ada');
  await signUp(ben, 'ben' + suffix, 'Ben');
  await signUp(cy, 'cy' + suffix, 'Cy');

  // Ada hosts two seats, starting in 6 minutes (check-in is open from 10 minutes before); Ben takes the other.
  await host(ada, 'Organic chemistry drills', { seats: 2, startInMinutes: 6 });
  await open(ben, 'Organic chemistry drills');
  await ben.page.getByTestId('join-button').click();
  await ben.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });

  // Full: Cy is offered the waitlist instead of a seat, and sees the place in line.
  await open(cy, 'Organic chemistry drills');
  await cy.page.getByTestId('waitlist-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  check(!(await cy.page.getByTestId('join-button').isVisible()), 'a full session offers no join button');
  await cy.page.getByTestId('waitlist-button').click();
  await cy.page.waitForFunction(() => document.querySelector('[data-testid="my-role"]').textContent.includes('number 1 on the waitlist'), null, { timeout: TIMEOUT });
  check(await cy.page.getByTestId('leave-waitlist-button').isVisible(), 'a waiting user can leave the line');
  await ada.page.waitForFunction(() => document.querySelector('[data-testid="waitlist-info"]').textContent.includes('1 waiting'), null, { timeout: TIMEOUT });
  await shot(cy.page, 'cy-waits-for-a-seat');

  // Ben checks in; Ada, the host, sees it without reloading.
  await ben.page.getByTestId('check-in-button').click();
  await ben.page.waitForFunction(() => document.querySelector('[data-testid="my-role"]').textContent.includes('checked in'), null, { timeout: TIMEOUT });
  check(!(await ben.page.getByTestId('check-in-button').isVisible()), 'checking in once is enough');
  await ada.page.locator('[data-testid="participant"]').filter({ hasText: 'Ben' }).getByTestId('checked-in').waitFor({ timeout: TIMEOUT });
  check((await ben.page.getByTestId('checked-in').count()) === 0, 'only the host sees who checked in');
  await shot(ada.page, 'ada-sees-ben-checked-in');

  // Ada adds a seat and renames the session: Cy is seated at once and told; Ben sees the new title.
  await ada.page.getByTestId('edit-button').click();
  await ada.page.getByTestId('edit-title').fill('Organic chemistry drills (room 2)');
  await ada.page.getByTestId('edit-capacity').fill('3');
  await shot(ada.page, 'ada-edits');
  await ada.page.getByTestId('edit-save').click();
  await cy.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  await cy.page.waitForFunction(() => document.getElementById('live-status').textContent.includes('A seat came free'), null, { timeout: TIMEOUT });
  check(await cy.page.getByTestId('chat-input').isVisible(), 'the promoted user can chat');
  await ben.page.waitForFunction(() => document.getElementById('session-title').textContent === 'Organic chemistry drills (room 2)', null, { timeout: TIMEOUT });
  check((await textOf(ada.page, 'participant-count')) === '3', 'three seats taken');
  await shot(cy.page, 'cy-promoted');

  // Ada hosts a weekly group on today's weekday, for two weeks; Ben joins every week of it at once.
  const today = await ada.page.evaluate(() => ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][new Date(Date.now() + 20 * 60000).getDay()]);
  await ada.page.locator('#session-close').click();
  await host(ada, 'Weekly stats group', { seats: 5, startInMinutes: 20, repeatDays: [today], weeks: 2 });
  check((await textOf(ada.page, 'session-series')).includes('weekly series'), 'the occurrence says it is part of a series');
  await open(ben, 'Weekly stats group');
  await ben.page.getByTestId('series-join-button').click();
  await ben.page.waitForFunction(() => document.getElementById('live-status').textContent.includes('You joined 2 weeks'), null, { timeout: TIMEOUT });
  await ben.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  await shot(ben.page, 'ben-joins-every-week');

  // Ada calls this week off: Ben, a participant, sees it marked cancelled with Ada's reason, and it leaves the map.
  await ada.page.getByTestId('cancel-button').click();
  await ada.page.getByTestId('cancel-reason').fill('Room double-booked');
  await shot(ada.page, 'ada-cancels');
  await ada.page.getByTestId('cancel-confirm').click();
  await ben.page.getByTestId('session-cancelled').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await textOf(ben.page, 'session-cancelled')).includes('Room double-booked'), 'the reason shows');
  check(!(await ben.page.getByTestId('chat-input').isVisible()), 'a cancelled session has no chat box');
  check(!(await ben.page.getByTestId('join-button').isVisible()) && !(await ben.page.getByTestId('check-in-button').isVisible()), 'nothing to join or check in to');
  // This week leaves the list; next week stays.
  await ben.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="session-item"]')].filter(item => item.textContent.includes('Weekly stats group')).length === 1, null, { timeout: TIMEOUT });
  check(!(await ada.page.getByTestId('cancel-button').isVisible()) && !(await ada.page.getByTestId('edit-button').isVisible()), 'a cancelled session cannot be edited or cancelled again');
  await shot(ben.page, 'ben-sees-cancellation');
});
