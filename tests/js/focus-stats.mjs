// Focus stats in real Chromium: two people present in a live session for a minute; Ada's "My focus" shows the minute
// in its summary, its 30-day chart (today labelled) and table; Ben (on a phone) follows her and sees her week beside
// his on the leaderboard, until she keeps her stats to herself. Usage: node focus-stats.mjs BASE_URL SCREENSHOT_DIR PREFIX
import { PHONE, TIMEOUT, check, host, launch, menu, openFromList, signUp, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);

const suffix = Math.random().toString(36).slice(2, 8);
const chartData = page => page.evaluate(() => Chart.getChart('stats-chart')?.data.datasets[0].data ?? []);
const chartLabels = page => page.evaluate(() => Chart.getChart('stats-chart').scales.x.ticks.map(t => t.label));
const leaderboard = page => page.getByTestId('leaderboard-entry').allTextContents();

await story(async () => {
  const ada = await openAs('Ada');
  const ben = await openAs('Ben', PHONE);
  await signUp(ada, 'ada' + suffix, 'Ada');
  await signUp(ben, 'ben' + suffix, 'Ben');
  check(!(await ada.page.evaluate(() => 'Chart' in window)), 'the chart library is not loaded before it is needed');

  // Ada hosts a session starting this minute and Ben joins: both have it open, so both are present.
  await host(ada, 'Morning focus', { subject: 'Statistics', startInMinutes: 0 });
  await openFromList(ben, 'Morning focus');
  await ben.page.getByTestId('join-button').click();
  await ben.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  await ben.page.getByTestId('follow-button').click();
  await ben.page.waitForFunction(() => document.querySelector('[data-testid="follow-button"]').getAttribute('aria-pressed') === 'true', null, { timeout: TIMEOUT });

  // A whole minute of focus later, Ada's "My focus" shows it: today's bar (labelled "Today"), the table, the summary.
  await ada.page.getByTestId('stats-button').click();
  await waitForText(ada.page, 'stats-summary', 'Streak');
  await ada.page.waitForFunction(() => typeof Chart !== 'undefined' && Chart.getChart('stats-chart'), null, { timeout: TIMEOUT });
  check((await chartData(ada.page)).length === 30, 'a bar for each of the last 30 days');
  check((await chartLabels(ada.page)).at(-1) === 'Today', 'today is labelled on the chart');
  await shot(ada.page, 'ada-before-a-minute');
  const deadline = Date.now() + 100000;
  while ((await chartData(ada.page)).at(-1) < 1) {
    check(Date.now() < deadline, 'a focused minute within 100 s');
    await ada.page.waitForTimeout(5000);
    await ada.page.getByTestId('stats-refresh').click();
    await ada.page.waitForTimeout(500);
  }
  const today = (await chartData(ada.page)).at(-1);
  check((await ada.page.getByTestId('stats-day').count()) === 30, 'the table has the same 30 days');
  check((await ada.page.getByTestId('stats-day').last().textContent()).endsWith(String(today)), 'the table has today\'s minutes');
  check((await ada.page.getByTestId('stats-summary').textContent()).includes(`${today} focused minute`), 'the summary has the total');
  await ada.page.getByText('The last 30 days as a table').click();
  await shot(ada.page, 'ada-sees-her-minute');
  await ada.page.getByTestId('stats-dialog').getByRole('button', { name: 'Close' }).click();

  // Ben's week: Ada and he, most minutes first, him marked as himself.
  await menu(ben.page);
  await ben.page.getByTestId('stats-button').click();
  await ben.page.getByTestId('leaderboard-entry').nth(1).waitFor({ timeout: TIMEOUT });
  const board = await leaderboard(ben.page);
  check(board.length === 2 && board.some(e => e.includes('Ada')) && board.some(e => e.includes('Ben (you)')), `the leaderboard: ${board.join(' | ')}`);
  await shot(ben.page, 'ben-sees-the-leaderboard');

  // Ada keeps her stats to herself: Ben's leaderboard has only him.
  await ada.page.getByTestId('bell').click();
  await ada.page.getByTestId('pref-stats-hidden').check();
  await ada.page.getByTestId('pref-save').click();
  await waitForText(ada.page, 'pref-status', 'Saved.');
  await shot(ada.page, 'ada-hides-her-stats');
  await ben.page.getByTestId('stats-refresh').click();
  await ben.page.waitForFunction(() => document.querySelectorAll('[data-testid="leaderboard-entry"]').length === 1, null, { timeout: TIMEOUT });
  check((await leaderboard(ben.page))[0].includes('Ben (you)'), 'only Ben is left');
  await shot(ben.page, 'ben-without-ada');
});
