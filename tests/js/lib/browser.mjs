// What the Chromium page tests share: Debian's Chromium driven by playwright-core; at each step a screenshot, an
// axe-core check, and on phone-sized pages the phone checks (no sideways scrolling at 320, 360, 390 and 414 px, tap
// targets of at least 44 px); signing up and hosting through the page.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const TIMEOUT = 15000;
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 860 };
const PHONE_WIDTHS = [320, 360, 390, 414];

export async function launch(baseUrl, screenshotDir, prefix = '') {
  mkdirSync(screenshotDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

  // axe-core checks every state the test drives the page to: no violation at all (any impact).
  // Evaluated over the DevTools protocol, which the page's Content-Security-Policy does not govern.
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const problemsFound = [];
  async function checkAccessibility(page, name) {
    if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`));
    for (const violation of violations) problemsFound.push(`${name}: ${violation}`);
  }

  /** On a phone-sized page: nothing wider than the screen at each phone width, and every control big enough to tap. */
  async function checkPhone(page, name) {
    const size = page.viewportSize();
    if (size.width > 480) return;
    for (const width of PHONE_WIDTHS) {
      await page.setViewportSize({ width, height: size.height });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) problemsFound.push(`${name}: ${overflow} px of sideways scrolling at ${width} px`);
      const small = await page.evaluate(smallTapTargets);
      if (small.length) problemsFound.push(`${name} at ${width} px: tap targets under 44 px: ${small.join(', ')}`);
    }
    await page.setViewportSize(size);
  }

  let step = 0;
  async function shot(page, name) {
    step += 1;
    await page.screenshot({ path: join(screenshotDir, `${prefix}${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
    await checkAccessibility(page, name);
    await checkMapAttribution(page, name);
    await checkPhone(page, name);
  }

  /** The map's attribution strip is opaque white, so its link's contrast never depends on what the map draws beneath it. */
  async function checkMapAttribution(page, name) {
    const strip = await page.evaluate(() => {
      const attribution = document.querySelector('.leaflet-control-attribution');
      return attribution ? getComputedStyle(attribution).backgroundColor : null;
    });
    if (strip !== null && strip !== 'rgb(255, 255, 255)') problemsFound.push(`${name}: the map's attribution strip is ${strip}, not opaque white`);
  }

  /**
   * A new person: a browser context of their own; `signedInAs` (an AuthResult) starts them signed in; `beforeLoad` runs
   * in each of their pages before the page's own scripts.
   */
  async function openAs(name, viewport = DESKTOP, { path = '/', timezoneId, signedInAs, beforeLoad } = {}) {
    const context = await browser.newContext({ viewport, hasTouch: viewport.width <= 480, isMobile: viewport.width <= 480, timezoneId, locale: 'en-US' });
    if (beforeLoad) await context.addInitScript(beforeLoad);
    if (signedInAs) {
      await context.addInitScript(auth => {
        sessionStorage.setItem('dwm.token', auth.token);
        sessionStorage.setItem('dwm.user', JSON.stringify(auth.user));
        localStorage.setItem('dwm.introSeen', 'yes');
      }, signedInAs);
    }
    const page = await context.newPage();
    const problems = [];
    page.on('dialog', dialog => { problems.push(`a browser dialog opened: ${dialog.message()}`); dialog.dismiss(); });
    page.on('pageerror', error => problems.push(`page error: ${error.message}`));
    await page.goto(new URL(path, baseUrl).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
    const person = { context, page, problems, name };
    opened.push(person);
    return person;
  }

  /**
   * Runs a script's steps: prints "ok" and exits 0 when every step held and no page had an error, a browser dialog, an
   * accessibility violation or a phone problem; otherwise screenshots every page, prints the failure and exits 1.
   */
  async function story(steps) {
    try {
      await steps();
      const problems = [...opened.flatMap(person => person.problems), ...problemsFound];
      check(problems.length === 0, problems.join('; '));
      console.log('ok');
      process.exitCode = 0;
    } catch (error) {
      for (const person of opened) await page_shot(person).catch(() => {});
      console.log(error.stack || error.message);
      for (const person of opened) if (person.problems.length) console.log(`${person.name}: ${person.problems.join("; ")}`);
      process.exitCode = 1;
    } finally {
      await browser.close();
    }
  }
  const page_shot = person => person.page.screenshot({ path: join(screenshotDir, `${prefix}failure-${person.name}.png`), fullPage: true });

  const opened = [];
  return { browser, shot, openAs, story };
}

/** In the page: visible controls smaller than 44 × 44 px (a checkbox or radio counts by its label; map features and inline links in text aside). */
function smallTapTargets() {
  const small = [];
  for (const node of document.querySelectorAll('button, input, select, textarea, summary, a[href]')) {
    if (node.closest('.leaflet-control-attribution, .leaflet-marker-pane, .skip')) continue;
    const target = node.matches('input[type=checkbox], input[type=radio]') ? node.closest('label') ?? node : node;
    const box = target.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || target.closest('[hidden], dialog:not([open])')) continue;
    if (box.height < 43.5 || box.width < 43.5) small.push(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.dataset.testid ? `[${node.dataset.testid}]` : ''} ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return small.slice(0, 8);
}

export function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
}

/** Opens the menu on a phone (the header folds into it); on a desktop the menu is always there. */
export async function menu(page) {
  if (await page.locator('#menu-button').isVisible() && (await page.locator('#menu-button').getAttribute('aria-expanded')) !== 'true')
    await page.locator('#menu-button').click();
}

export async function signUp({ page }, username, displayName) {
  await menu(page);
  await page.getByTestId('signup-button').click();
  await page.getByTestId('signup-email').fill(`${username}@example.com`);
  await page.getByTestId('signup-username').fill(username);
  await page.getByTestId('signup-display-name').fill(displayName);
  await page.getByTestId('signup-password').fill('correct horse battery');
  await page.getByTestId('signup-submit').click();
  await page.getByTestId('signup-dialog').waitFor({ state: 'hidden', timeout: TIMEOUT });
  await page.waitForFunction(() => document.getElementById('live-status').textContent === 'Live', null, { timeout: TIMEOUT });
  await dismissIntro(page);
}

/** The first-visit explanation, once read. */
export async function dismissIntro(page) {
  if (await page.getByTestId('intro-close').isVisible()) await page.getByTestId('intro-close').click();
}

/** Opens the host form; returns when its fields are there. */
export async function openHostForm(page) {
  await dismissIntro(page);
  if (!(await page.getByTestId('create-title').isVisible())) {
    if (await page.getByTestId('session-close').isVisible()) {
      await page.getByTestId('session-close').click();
      await page.getByTestId('session-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
    }
    await page.getByTestId('host-button').click();
  }
  await page.getByTestId('create-title').waitFor({ state: 'visible', timeout: TIMEOUT });
}

/** The datetime-local value for a moment some minutes from now, in the browser's own zone. */
export const localInMinutes = (page, minutes) => page.evaluate(m => {
  const start = new Date(Date.now() + m * 60000);
  return new Date(start.getTime() - start.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}, minutes);

/** Hosts a session through the form and waits for its panel. */
export async function host({ page }, title, { subject = 'Chemistry', seats, startInMinutes, repeatDays, weeks } = {}) {
  await openHostForm(page);
  await page.getByTestId('create-title').fill(title);
  await page.getByTestId('create-subject').fill(subject);
  if (seats) await page.getByTestId('create-capacity').fill(String(seats));
  if (startInMinutes !== undefined) await page.getByTestId('create-start').fill(await localInMinutes(page, startInMinutes));
  if (repeatDays) {
    await page.getByTestId('create-repeat').check();
    for (const day of repeatDays) await page.locator(`input[name="repeat-day"][value="${day}"]`).check();
    await page.getByTestId('create-weeks').fill(String(weeks));
  }
  await page.getByTestId('create-submit').click();
  await page.getByTestId('end-button').waitFor({ state: 'visible', timeout: TIMEOUT });
}

/** Opens a session from the list (a series lists each week; the first is the soonest). */
export async function openFromList({ page }, title) {
  if (await page.getByTestId('session-close').isVisible()) await page.getByTestId('session-close').click();
  const item = page.getByTestId('session-item').filter({ hasText: title }).first();
  await item.waitFor({ state: 'visible', timeout: TIMEOUT });
  await item.click();
  await page.waitForFunction(t => document.getElementById('session-title').textContent === t, title, { timeout: TIMEOUT });
}

/** Answers "yes" in the confirmation dialog, checking it says what it will do. */
export async function confirm(page, mustSay) {
  await page.getByTestId('confirm-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  const text = await page.getByTestId('confirm-dialog').textContent();
  check(text.includes(mustSay), `the confirmation says "${mustSay}": ${text}`);
  await page.getByTestId('confirm-yes').click();
}

export const waitForText = (page, testId, text) =>
  page.waitForFunction(([id, t]) => document.querySelector(`[data-testid="${id}"]`)?.textContent.includes(t), [testId, text], { timeout: TIMEOUT });

/** A JSON call to the API as a test's own client (not a page): answers the body, null for 204, and throws on an error status. */
export function apiCaller(baseUrl) {
  return async function call(method, path, token, body) {
    const response = await fetch(new URL(path, baseUrl), {
      method, body: body && JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
}
