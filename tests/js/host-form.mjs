// The host form's weekly series and its draft, in Chromium at 390 and 1280 px, each in a time zone of its own (axe at
// each step): ticking "Repeat weekly" ticks the start date's weekday; with no day ticked, "Host session" says "Pick at
// least one day" beside the days, with the focus there, and sends nothing; with the start date's weekday not ticked, a
// line says when the first session will be, and the series the server makes starts then. A half-filled form survives
// a reload (a draft kept for the tab), with the place chosen on the map; Close after a reload stays on the page; a form
// closed or hosted leaves no draft behind.
// Usage: node host-form.mjs BASE_URL SCREENSHOT_DIR PREFIX. Prints "ok" and exits 0 when every step holds.
import { DESKTOP, PHONE, TIMEOUT, apiCaller, check, launch, menu, openHostForm, signUp } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);
const call = apiCaller(baseUrl);
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Every failed expectation of a run, so a failing build shows all it got wrong in one go. */
const failures = [];
const expect = (condition, what) => { if (!condition) failures.push(what); };

const tickedDays = page => page.evaluate(() => [...document.querySelectorAll('input[name="repeat-day"]:checked')].map(box => box.value));
const textOf = (page, id) => page.locator(`#${id}`).textContent();
const waitReady = page => page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });

await story(async () => {
  for (const [name, viewport, timezoneId] of [['phone', PHONE, 'Pacific/Auckland'], ['desktop', DESKTOP, 'America/New_York']]) {
    const auth = await call('POST', '/api/auth/register', null,
      { email: `hana${name}${suffix}@example.com`, username: `hana${name}${suffix}`, displayName: 'Hana', password: 'correct horse battery' });
    const person = await openAs(`host-${name}`, viewport, { timezoneId, signedInAs: auth });
    const { page } = person;
    const seriesPosts = [];
    page.on('request', request => { if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/series') seriesPosts.push(request.url()); });

    // Tomorrow at 18:22 on the browser's clock: its weekday, and the two days after the next.
    const start = await page.evaluate(() => {
      const now = new Date();
      const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 18, 22);
      const pad = n => String(n).padStart(2, '0');
      return { value: `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T18:22`, weekday: day.getDay() };
    });
    const startDay = DAYS[start.weekday];
    const picked = [DAYS[(start.weekday + 1) % 7], DAYS[(start.weekday + 3) % 7]];

    await openHostForm(page);
    await page.getByTestId('create-title').fill(`Statistics study group ${name}`);
    await page.getByTestId('create-subject').fill('Statistics');
    await page.getByTestId('create-start').fill(start.value);
    await page.getByTestId('create-repeat').check();
    // B: the start date's weekday is ticked by default.
    const byDefault = await tickedDays(page);
    expect(byDefault.length === 1 && byDefault[0] === startDay, `${name}: ticking "Repeat weekly" ticks the start's weekday (${startDay}): ticked [${byDefault}]`);

    // A: no day ticked: the page says so beside the days, with the focus there, and sends nothing.
    for (const box of await page.locator('input[name="repeat-day"]:checked').all()) await box.uncheck();
    await page.getByTestId('create-submit').click();
    await page.waitForFunction(() => document.getElementById('error-daysOfWeek').textContent !== '', null, { timeout: TIMEOUT }).catch(() => {});
    const daysError = await textOf(page, 'error-daysOfWeek');
    expect(daysError === 'Pick at least one day.', `${name}: no day ticked says "Pick at least one day.": "${daysError}"`);
    const focused = await page.evaluate(() => ({ name: document.activeElement?.getAttribute('name'), invalid: document.activeElement?.getAttribute('aria-invalid'),
      describedBy: document.activeElement?.getAttribute('aria-describedby') }));
    expect(focused.name === 'repeat-day' && focused.invalid === 'true' && focused.describedBy === 'error-daysOfWeek',
      `${name}: the focus is on the days, marked invalid and described by the error: ${JSON.stringify(focused)}`);
    expect(seriesPosts.length === 0, `${name}: nothing was sent: ${seriesPosts.length} POST /api/series`);
    expect((await textOf(page, 'create-error')).includes('correct the fields marked'), `${name}: the form's line says to correct the fields: "${await textOf(page, 'create-error')}"`);
    await shot(page, `${name}-no-day-ticked`);

    // A start more than 30 days ahead is said beside the start, before sending; the date picker offers no later day.
    const farStart = await page.evaluate(() => {
      const day = new Date(Date.now() + 40 * 24 * 3600000);
      const pad = n => String(n).padStart(2, '0');
      return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T10:00`;
    });
    await page.getByTestId('create-start').fill(farStart);
    await page.locator(`input[name="repeat-day"][value="${DAYS[new Date(`${farStart}:00`).getDay()]}"]`).check();
    await page.getByTestId('create-submit').click();
    await page.waitForFunction(() => document.getElementById('error-startTime').textContent !== '', null, { timeout: TIMEOUT }).catch(() => {});
    const startError = await textOf(page, 'error-startTime');
    expect(startError === 'Start it within 30 days from now.', `${name}: a start 40 days ahead says "Start it within 30 days from now.": "${startError}"`);
    expect(seriesPosts.length === 0, `${name}: nothing was sent for it: ${seriesPosts.length} POST /api/series`);
    const latest = await page.evaluate(() => {
      const max = document.getElementById('create-start').max;
      return { max, daysAhead: (new Date(max).getTime() - Date.now()) / (24 * 3600000) };
    });
    expect(latest.daysAhead > 29.9 && latest.daysAhead <= 30, `${name}: the date picker ends 30 days ahead: max ${latest.max}, ${latest.daysAhead} days`);
    await page.getByTestId('create-start').fill(start.value);
    for (const box of await page.locator('input[name="repeat-day"]:checked').all()) await box.uncheck();

    // B: the start date's weekday not ticked: a line says when the first one is (computed here from the browser's clock).
    for (const day of picked) await page.locator(`input[name="repeat-day"][value="${day}"]`).check();
    await page.getByTestId('create-weeks').fill('3');
    const daysErrorAfter = await textOf(page, 'error-daysOfWeek');
    expect(daysErrorAfter === '' && await page.evaluate(() => !document.querySelector('input[name="repeat-day"][aria-invalid]')),
      `${name}: a day ticked takes the days' error away: "${daysErrorAfter}"`);
    const expected = await page.evaluate(([value, days]) => {
      const from = new Date(value);
      for (let k = 1; k < 7; k++) {
        const date = new Date(from.getFullYear(), from.getMonth(), from.getDate() + k, 18, 22);
        if (days.includes(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][date.getDay()]))
          return { iso: date.toISOString(), words: new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric' }).format(date) };
      }
      return null;
    }, [start.value, picked]);
    const firstLine = (await page.locator('#repeat-first').textContent().catch(() => '')) ?? '';
    expect(firstLine.includes(`The first one will be on ${expected.words} at 06:22 PM`), `${name}: a line says the first is on ${expected.words} at 06:22 PM: "${firstLine}"`);
    await page.getByTestId('create-description').fill('Chapter 4: hypothesis tests.');
    await page.getByTestId('create-type').selectOption('discussion');
    // A place chosen on the map (in the strip a phone's sheet leaves of it).
    await page.mouse.click(name === 'phone' ? 240 : 500, name === 'phone' ? 190 : 400);
    await page.waitForFunction(() => document.getElementById('create-place').textContent.includes('the pin on the map'), null, { timeout: TIMEOUT });
    const coordinates = (await textOf(page, 'create-place')).match(/\((-?[\d.]+), (-?[\d.]+)\)/).slice(1).map(Number);
    await shot(page, `${name}-first-one-on-another-day`);

    // C: a reload keeps the half-filled form, open.
    await page.evaluate(() => { window.__beforeReload = true; });
    await page.reload();
    await waitReady(page);
    const restored = await page.evaluate(() => ({
      open: document.getElementById('create-title').checkVisibility(),
      title: document.getElementById('create-title').value, subject: document.getElementById('create-subject').value,
      start: document.getElementById('create-start').value, type: document.getElementById('create-type').value,
      description: document.getElementById('create-description').value, repeat: document.getElementById('create-repeat').checked,
      weeks: document.getElementById('create-weeks').value,
      days: [...document.querySelectorAll('input[name="repeat-day"]:checked')].map(box => box.value),
      daysShown: document.getElementById('repeat-days').checkVisibility(),
    }));
    const same = restored.open && restored.title === `Statistics study group ${name}` && restored.subject === 'Statistics' && restored.start === start.value
      && restored.type === 'discussion' && restored.description === 'Chapter 4: hypothesis tests.' && restored.repeat && restored.daysShown
      && restored.weeks === '3' && restored.days.join() === DAYS.filter(day => picked.includes(day)).join();
    expect(same, `${name}: after a reload the form is open with what was typed: ${JSON.stringify(restored)}`);
    if (restored.open) {
      const placeAfter = await textOf(page, 'create-place');
      expect(placeAfter.includes(`the pin on the map (${coordinates[0].toFixed(4)}, ${coordinates[1].toFixed(4)})`), `${name}: and the place chosen: "${placeAfter}"`);
      expect(await page.locator('.place-pin').count() === 1, `${name}: pinned on the map again`);
      const lineAfter = (await page.locator('#repeat-first').textContent().catch(() => '')) ?? '';
      expect(lineAfter.includes(`The first one will be on ${expected.words}`), `${name}: and the line about the first one: "${lineAfter}"`);
      await shot(page, `${name}-form-after-reload`);
    } else {
      await openHostForm(page);
    }

    // The series the server makes starts when the line said.
    const answer = page.waitForResponse(response => new URL(response.url()).pathname === '/api/series' && response.request().method() === 'POST', { timeout: TIMEOUT });
    if (!(await page.getByTestId('create-title').inputValue())) {
      await page.getByTestId('create-title').fill(`Statistics study group ${name}`);
      await page.getByTestId('create-subject').fill('Statistics');
      await page.getByTestId('create-start').fill(start.value);
      if (!(await page.getByTestId('create-repeat').isChecked())) await page.getByTestId('create-repeat').check();
      for (const box of await page.locator('input[name="repeat-day"]:checked').all()) await box.uncheck();
      for (const day of picked) await page.locator(`input[name="repeat-day"][value="${day}"]`).check();
    }
    // What the page asks for once it is answered: the answer is the session, so it is not read again.
    const reads = [];
    const countReads = request => { if (/^\/api\/sessions\/[0-9a-f-]{36}$/.test(new URL(request.url()).pathname)) reads.push(request.url()); };
    page.on('request', countReads);
    await page.getByTestId('create-submit').click();
    const series = await (await answer).json();
    await page.getByTestId('end-button').waitFor({ state: 'visible', timeout: TIMEOUT });
    await page.waitForSelector('[data-testid="session-panel"][data-live="true"]', { timeout: TIMEOUT });
    page.off('request', countReads);
    check(reads.length === 0, `${name}: the session hosted opens from the answer, not read again: ${reads.join(', ')}`);
    check(series.sessions[0].startTime && new Date(series.sessions[0].startTime).toISOString() === expected.iso,
      `${name}: the server's first occurrence is the one computed here: ${series.sessions[0].startTime} vs ${expected.iso}`);
    const venue = series.sessions[0].venue ?? {};
    expect(Math.abs(venue.latitude - coordinates[0]) < 1e-4 && Math.abs(venue.longitude - coordinates[1]) < 1e-4,
      `${name}: at the place chosen before the reload: ${venue.latitude}, ${venue.longitude} vs ${coordinates}`);
    check(new Date(series.sessions[0].startTime).getTime() > new Date(await page.evaluate(v => new Date(v).toISOString(), start.value)).getTime(),
      `${name}: and it is after the start typed (its weekday was not ticked)`);

    // Hosted: no draft comes back. A reload on the form's entry opened anew shows an empty form.
    await page.getByTestId('session-close').click();
    // The close goes through the browser's history (Back), a moment later: the sheet is still there until then.
    await page.getByTestId('session-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
    await openHostForm(page);
    await page.reload();
    await waitReady(page);
    const titleAfterHosting = await page.evaluate(() => document.getElementById('create-title').value);
    check(titleAfterHosting === '', `${name}: after hosting, a reload brings back no draft: "${titleAfterHosting}"`);

    // Closed by the person after a reload: Close shows the list on this same page, the focus on "Host a session",
    // and no draft comes back.
    await openHostForm(page);
    await page.getByTestId('create-title').fill('A draft to drop');
    await page.reload();
    await waitReady(page);
    const dropped = await page.evaluate(() => document.getElementById('create-title').checkVisibility() && document.getElementById('create-title').value);
    expect(dropped === 'A draft to drop', `${name}: a second draft is back after a reload: ${JSON.stringify(dropped)}`);
    // And again: a reload of the page a reload made keeps it too.
    await page.reload();
    await waitReady(page);
    const again = await page.evaluate(() => document.getElementById('create-title').checkVisibility() && document.getElementById('create-title').value);
    expect(again === 'A draft to drop', `${name}: and after a second reload: ${JSON.stringify(again)}`);
    if (!dropped) await openHostForm(page);
    await page.evaluate(() => { window.__samePage = true; });
    await page.locator('#create-close').click();
    await page.getByTestId('create-title').waitFor({ state: 'hidden', timeout: TIMEOUT });
    check(await page.evaluate(() => window.__samePage === true), `${name}: Close after the reload stays on the page`);
    check(await page.evaluate(() => document.activeElement?.id) === 'host-button', `${name}: Close after the reload puts the focus on "Host a session"`);
    await page.reload();
    await waitReady(page);
    check(!(await page.getByTestId('create-title').isVisible()), `${name}: after Close, a reload shows the list`);
    check(await page.evaluate(() => !Object.keys(sessionStorage).some(key => /draft/i.test(key))),
      `${name}: after Close and a reload, no draft is kept: ${await page.evaluate(() => Object.keys(sessionStorage).join(', '))}`);
    await openHostForm(page);
    check(await page.getByTestId('create-title').inputValue() === '', `${name}: and the form opened again is empty`);
    await page.locator('#create-close').click();
    await shot(page, `${name}-list-after-close`);

    // Signed out with a draft (a shared computer): whoever signs up next on this tab gets an empty form, and the
    // draft is gone from the tab's storage.
    await openHostForm(page);
    await page.getByTestId('create-title').fill('My flat');
    await page.getByTestId('create-venue-note').fill('door code 1234');
    await menu(page);
    await page.getByTestId('account-button').click();
    await page.getByTestId('auth-logout').click();
    await page.waitForFunction(() => !sessionStorage.getItem('dwm.token') && !localStorage.getItem('dwm.token'), null, { timeout: TIMEOUT });
    check(await page.evaluate(() => !Object.keys(sessionStorage).some(key => /draft/i.test(key))), `${name}: signed out, no draft is kept`);
    await signUp(person, `ivo${name}${suffix}`, 'Ivo');
    await openHostForm(page);
    const left = await page.evaluate(() => [document.getElementById('create-title').value, document.getElementById('create-venue-note').value].join(''));
    check(left === '', `${name}: the next person's form holds nothing of the last one's: "${left}"`);
    await page.locator('#create-close').click();
  }
  check(failures.length === 0, failures.join('; '));
});
