// The focus room in real Chromium: two people see the same timer phase and countdown (to within a second), the timer
// says it counts from the session's start, the host pauses it for both, a goal checked off shows for both, and a
// hidden tab turns its user away for the other. Ada on a desktop, Ben on a phone.
// Usage: node focus-room.mjs BASE_URL SCREENSHOT_DIR PREFIX. Prints "ok" and exits 0 when every step holds.
import { PHONE, TIMEOUT, check, host, launch, openFromList, signUp, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);

const countdown = page => page.getByTestId('timer-countdown').evaluate(node => Number(node.dataset.seconds));
/** In the page: whether the participant named n shows presence p. */
const shows = ([n, p]) => [...document.querySelectorAll('[data-testid="participant"]')].some(item => item.textContent.includes(n) && item.dataset.presence === p);
const suffix = Math.random().toString(36).slice(2, 8);
await story(async () => {
  const ada = await openAs('Ada');
  const ben = await openAs('Ben', PHONE);
  await signUp(ada, 'ada' + suffix, 'Ada');
  await signUp(ben, 'ben' + suffix, 'Ben');

  // Ada hosts a session starting this minute and sets a 25/5 timer on it: the page says phases count from the start.
  await host(ada, 'Deep work block', { subject: 'Thesis', startInMinutes: 0 });
  await ada.page.getByTestId('timer-focus').fill('25');
  await ada.page.getByTestId('timer-break').fill('5');
  await ada.page.getByTestId('timer-cycles').fill('2');
  await ada.page.getByTestId('timer-set').click();
  await waitForText(ada.page, 'timer-phase', 'Focus 1 of 2');
  check((await ada.page.getByTestId('timer-explained').textContent()).includes('counted from the session\'s start'), 'the timer explains itself');
  await shot(ada.page, 'ada-set-the-timer');

  // Ben joins: both show the same phase and, to within a second, the same countdown.
  await openFromList(ben, 'Deep work block');
  await ben.page.getByTestId('join-button').click();
  await waitForText(ben.page, 'timer-phase', 'Focus 1 of 2');
  const [adaLeft, benLeft] = await Promise.all([countdown(ada.page), countdown(ben.page)]);
  check(adaLeft > 60 && Math.abs(adaLeft - benLeft) <= 1, `the same countdown (${adaLeft} s and ${benLeft} s)`);
  check(!(await ben.page.getByTestId('timer-pause').isVisible()), 'only the host controls the timer');
  await shot(ben.page, 'ben-sees-the-timer');

  // Ada pauses: both see it paused, and the countdown stands still.
  await ada.page.getByTestId('timer-pause').click();
  await waitForText(ben.page, 'timer-phase', 'paused');
  const held = await countdown(ben.page);
  await ben.page.waitForTimeout(1500);
  check((await countdown(ben.page)) === held, 'a paused countdown stands still');
  await ada.page.getByTestId('timer-skip').click();
  await waitForText(ben.page, 'timer-phase', 'Break');
  await shot(ada.page, 'ada-skipped-to-the-break');

  // Ben states a goal and checks it off: Ada sees both, live.
  await ben.page.getByTestId('goal-text').fill('Draft the methods section');
  await ben.page.getByTestId('goal-save').click();
  await ada.page.getByTestId('participant-goal').filter({ hasText: 'Draft the methods section' }).waitFor({ timeout: TIMEOUT });
  await ben.page.getByTestId('goal-done').check();
  await ben.page.getByTestId('goal-save').click();
  await ada.page.getByTestId('participant-goal').filter({ hasText: '✓ Draft the methods section' }).waitFor({ timeout: TIMEOUT });
  await ben.page.getByTestId('participant-goal').filter({ hasText: '✓ Draft the methods section' }).waitFor({ timeout: TIMEOUT });
  await shot(ada.page, 'ada-sees-bens-goal-done');
  await shot(ben.page, 'ben-goal-done');

  // Ben's tab goes to the background: after a while Ada sees him away; back, he is on his break again.
  await ada.page.getByTestId('timer-resume').click();
  await ada.page.waitForFunction(shows, ['Ben', 'break'], { timeout: TIMEOUT });
  await ben.page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await ada.page.waitForFunction(shows, ['Ben', 'away'], { timeout: TIMEOUT });
  await shot(ada.page, 'ada-sees-ben-away');
  await ben.page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await ada.page.waitForFunction(shows, ['Ben', 'break'], { timeout: TIMEOUT });

  // Ada skips the last rounds from the keyboard: the timer says all rounds are done, and its words agree; the focus stays
  // on the timer, not sent up to the session's title.
  await ada.page.getByTestId('timer-skip').click();
  await waitForText(ada.page, 'timer-phase', 'Focus 2 of 2');
  await ada.page.getByTestId('timer-skip').focus();
  await ada.page.keyboard.press('Enter');
  await waitForText(ada.page, 'timer-phase', 'All rounds done');
  const doneWords = await ada.page.getByTestId('timer-explained').textContent();
  check(!doneWords.includes('under way') && doneWords.includes('done'), `with all rounds done, the words say so: ${doneWords}`);
  await ada.page.waitForFunction(() => document.getElementById('focus-timer').contains(document.activeElement), null, { timeout: TIMEOUT }).catch(() => {});
  const focusedAfterSkip = await ada.page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  check(await ada.page.locator('#focus-timer').evaluate(timer => timer.contains(document.activeElement)),
    `after the last round the focus is on the timer: ${focusedAfterSkip}`);
  await shot(ada.page, 'ada-all-rounds-done');

  // A single round has no break, and the words do not promise one.
  await ada.page.getByTestId('timer-cycles').fill('1');
  await ada.page.getByTestId('timer-set').click();
  await waitForText(ada.page, 'timer-explained', '1 × 25 min focus');
  const oneRound = await ada.page.getByTestId('timer-explained').textContent();
  check(!oneRound.includes('break'), `one round speaks of no breaks: ${oneRound}`);
});
