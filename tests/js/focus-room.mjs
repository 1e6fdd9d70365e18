// The focus room in real Chromium: two people see the same timer phase and countdown (to within a second), the
// host pauses it for both, a goal checked off shows for both, and a hidden tab turns its user away for the other. Usage: node focus-room.mjs BASE_URL SCREENSHOT_DIR
// Prints "ok" and exits 0 when every step holds; otherwise prints the failure and exits 1.
import { TIMEOUT, launch, check, signUp } from './lib/browser.mjs';

const [baseUrl, screenshotDir] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, 'focus-');

const countdown = page => page.getByTestId('timer-countdown').evaluate(node => Number(node.dataset.seconds));
const suffix = Math.random().toString(36).slice(2, 8);
await story(async () => {
  const ada = await openAs('Ada');
  const ben = await openAs('Ben');
  await signUp(ada, 'ada' + suffix, 'Ada');
  await signUp(ben, 'ben' + suffix, 'Ben');

  // Ada hosts a session starting this minute and sets a 25/5 timer on it.
  await ada.page.getByTestId('create-title').fill('Deep work block');
  await ada.page.getByTestId('create-subject').fill('Thesis');
  await ada.page.getByTestId('create-start').fill(await ada.page.evaluate(() => {
    const now = new Date();
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  }));
  await ada.page.getByTestId('create-submit').click();
  await ada.page.getByTestId('timer-set').waitFor({ state: 'visible', timeout: TIMEOUT });
  await ada.page.getByTestId('timer-focus').fill('25');
  await ada.page.getByTestId('timer-break').fill('5');
  await ada.page.getByTestId('timer-cycles').fill('2');
  await ada.page.getByTestId('timer-set').click();
  await ada.page.waitForFunction(() => document.querySelector('[data-testid="timer-phase"]').textContent.startsWith('focus 1 of 2'), null, { timeout: TIMEOUT });

  // Ben joins: both show the same phase and, to within a second, the same countdown.
  const item = ben.page.getByTestId('session-item').filter({ hasText: 'Deep work block' });
  await item.waitFor({ timeout: TIMEOUT });
  await item.click();
  await ben.page.getByTestId('join-button').click();
  await ben.page.waitForFunction(() => document.querySelector('[data-testid="timer-phase"]').textContent.startsWith('focus 1 of 2'), null, { timeout: TIMEOUT });
  const [adaLeft, benLeft] = await Promise.all([countdown(ada.page), countdown(ben.page)]);
  check(adaLeft > 60 && Math.abs(adaLeft - benLeft) <= 1, `the same countdown (${adaLeft} s and ${benLeft} s)`);
  check(!(await ben.page.getByTestId('timer-pause').isVisible()), 'only the host controls the timer');
  await shot(ben.page, 'ben-sees-the-timer');

  // Ada pauses: both see it paused, and the countdown stands still.
  await ada.page.getByTestId('timer-pause').click();
  await ben.page.waitForFunction(() => document.querySelector('[data-testid="timer-phase"]').textContent.includes('paused'), null, { timeout: TIMEOUT });
  const held = await countdown(ben.page);
  await ben.page.waitForTimeout(1500);
  check((await countdown(ben.page)) === held, 'a paused countdown stands still');
  await ada.page.getByTestId('timer-skip').click();
  await ben.page.waitForFunction(() => document.querySelector('[data-testid="timer-phase"]').textContent.startsWith('break'), null, { timeout: TIMEOUT });
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

  // Ben's tab goes to the background: after a while Ada sees him away; back, he is on his break again.
  await ada.page.getByTestId('timer-resume').click();
  await ada.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="participant"]')].some(p => p.textContent.includes('Ben') && p.dataset.presence === 'break'), null, { timeout: TIMEOUT });
  await ben.page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await ada.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="participant"]')].some(p => p.textContent.includes('Ben') && p.dataset.presence === 'away'), null, { timeout: TIMEOUT });
  await shot(ada.page, 'ada-sees-ben-away');
  await ben.page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await ada.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="participant"]')].some(p => p.textContent.includes('Ben') && p.dataset.presence === 'break'), null, { timeout: TIMEOUT });
});
