// What the Chromium page tests share: Debian's Chromium driven by playwright-core, a screenshot and an axe-core
// check at each step, and signing up through the page.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const TIMEOUT = 15000;

export async function launch(baseUrl, screenshotDir, prefix = '') {
  mkdirSync(screenshotDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

  // axe-core checks every state the test drives the page to: no serious or critical accessibility violation.
  // Evaluated over the DevTools protocol, which the page's Content-Security-Policy does not govern.
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const accessibility = [];
  async function checkAccessibility(page, name) {
    if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`));
    for (const violation of violations) accessibility.push(`${name}: ${violation}`);
  }

  let step = 0;
  async function shot(page, name) {
    step += 1;
    await page.screenshot({ path: join(screenshotDir, `${prefix}${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
    await checkAccessibility(page, name);
  }

  async function openAs(name, viewport = { width: 1280, height: 860 }) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = [];
    page.on('dialog', dialog => { problems.push(`a dialog opened: ${dialog.message()}`); dialog.dismiss(); });
    page.on('pageerror', error => problems.push(`page error: ${error.message}`));
    await page.goto(baseUrl);
    await page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
    const person = { context, page, problems, name };
    opened.push(person);
    return person;
  }

  /**
   * Runs a script's steps: prints "ok" and exits 0 when every step held and no page had an error, a dialog or a
   * serious accessibility violation; otherwise screenshots every page, prints the failure and exits 1.
   */
  async function story(steps) {
    try {
      await steps();
      const problems = [...opened.flatMap(person => person.problems), ...accessibility];
      check(problems.length === 0, problems.join('; '));
      console.log('ok');
      process.exitCode = 0;
    } catch (error) {
      for (const person of opened) await shot(person.page, `failure-${person.name}`).catch(() => {});
      console.log(error.stack || error.message);
      process.exitCode = 1;
    } finally {
      await browser.close();
    }
  }

  const opened = [];
  return { shot, openAs, story };
}

export function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
}

export async function signUp({ page }, username, displayName) {
  await page.getByTestId('auth-email').fill(`${username}@example.com`);
  await page.getByTestId('auth-username').fill(username);
  await page.getByTestId('auth-display-name').fill(displayName);
  await page.getByTestId('auth-password').fill('correct horse battery');
  await page.getByTestId('auth-register').click();
  await page.getByTestId('auth-logout').waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.waitForFunction(() => document.getElementById('live-status').textContent === 'Live', null, { timeout: TIMEOUT });
}
