// A shared link's first view in Chromium (/?session=ID, signed out, first visit): the page opens as the session's
// sheet, so nothing jumps when the session arrives (no layout shift, as PerformanceObserver reports it), the largest
// paint is the session's panel rather than the first-visit explanation it replaces, and the map still works once the
// page is ready. A link to a session that cannot be opened falls back to the list and says why. The browser's Back
// closes what the side panel opened (on a phone, the sheet): a session from the list, whose address then names it, and
// the host form, without reloading the page; Forward opens the session again. At 390 and 1280 px, axe at each step.
// Usage: node shared-link.mjs BASE_URL SCREENSHOT_DIR PREFIX. Prints "ok" and exits 0 when every step holds.
import { DESKTOP, PHONE, TIMEOUT, apiCaller, check, dismissIntro, launch, menu, openHostForm, signUp, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);
const call = apiCaller(baseUrl);

/** Installed before the page's own scripts: every layout shift and largest-paint candidate of the load. */
const watchTheLoad = () => {
  const seen = { shifts: [], moved: [], largest: [] };
  window.__load = seen;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      seen.shifts.push(entry.value);
      // What moved, so a failure names it: each source's node and its box before and after.
      const box = rect => `${Math.round(rect.x)},${Math.round(rect.y)} ${Math.round(rect.width)}×${Math.round(rect.height)}`;
      for (const source of entry.sources ?? []) {
        const node = source.node;
        const name = node ? (node.nodeType === 1 ? node : node.parentElement) : null;
        seen.moved.push(`${name ? `${name.tagName.toLowerCase()}${name.id ? `#${name.id}` : ''}${name.className && typeof name.className === 'string' ? `.${name.className.split(' ')[0]}` : ''}` : 'removed'} ${box(source.previousRect)} → ${box(source.currentRect)} at ${Math.round(entry.startTime)} ms`);
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      const node = entry.element;
      seen.largest.push(node ? (node.closest('[id]')?.id ?? node.tagName) + (node.closest('#session-panel') ? ' in the session panel' : '') : 'removed');
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
};

await story(async () => {
  const host = await call('POST', '/api/auth/register', null,
    { email: `sara${suffix}@example.com`, username: `sara${suffix}`, displayName: 'Sara', password: 'correct horse battery' });
  const title = `Thermodynamics revision ${suffix}`;
  const session = await call('POST', '/api/sessions', host.token, {
    title, subject: 'Physics', sessionType: 'exam-prep', latitude: 48.8566, longitude: 2.3522,
    startTime: new Date(Date.now() + 20 * 60000).toISOString(), durationMinutes: 90, description: 'Chapter 3: entropy.' });
  const otherTitle = `Organic chemistry ${suffix}`;
  const other = await call('POST', '/api/sessions', host.token, {
    title: otherTitle, subject: 'Chemistry', sessionType: 'silent', latitude: 48.857, longitude: 2.353,
    startTime: new Date(Date.now() + 25 * 60000).toISOString(), durationMinutes: 60 });

  for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    const visitor = await openAs(`visitor-${name}`, viewport, { path: `/?session=${session.id}`, beforeLoad: watchTheLoad });
    await waitForText(visitor.page, 'session-title', title);
    const load = await visitor.page.evaluate(() => window.__load);
    const shifted = load.shifts.reduce((sum, value) => sum + value, 0);
    check(shifted < 0.01, `${name}: nothing moves as the session opens (layout shift ${shifted.toFixed(3)}: ${load.moved.join('; ')})`);
    check(load.largest.length > 0 && load.largest.at(-1).endsWith('in the session panel'), `${name}: the largest paint is the session's panel: ${load.largest.join(', ')}`);
    check(!(await visitor.page.getByTestId('intro').isVisible()), `${name}: the first-visit explanation is not in the way`);
    check(!(await visitor.page.getByTestId('opening-note').isVisible()), `${name}: "Opening the session…" is gone`);
    // The map is there once the page is ready: its dot for the session, and its zoom buttons.
    await visitor.page.locator('.leaflet-control-zoom-in').waitFor({ state: 'visible', timeout: TIMEOUT });
    // Its dot is in sight, marked as the open one: on a phone above the session's sheet, not under it.
    const openDot = visitor.page.locator('path.session-marker[aria-current="true"]');
    await openDot.waitFor({ state: 'attached', timeout: TIMEOUT });
    check(await openDot.getAttribute('aria-label') === title, `${name}: the marked dot is the session's`);
    const atItsMiddle = () => openDot.evaluate(dot => {
      const box = dot.getBoundingClientRect();
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      const at = `${Math.round(box.left + box.width / 2)},${Math.round(box.top + box.height / 2)} in ${innerWidth}×${innerHeight}`;
      return top === dot ? 'the dot' : top ? `${top.tagName.toLowerCase()}${top.id ? `#${top.id}` : ''}.${top.className?.baseVal ?? top.className} at ${at}` : `nothing: off the screen, at ${at}`;
    });
    check(await atItsMiddle() === 'the dot', `${name}: the session's dot is in sight (at its middle: ${await atItsMiddle()})`);
    if (viewport === PHONE) {
      // Turned sideways and back: the new layout does not hide it, not even for a moment (it is checked two frames
      // after the turn), and the zoom stays as it was (the two sessions' dots stay as far apart).
      const apart = () => visitor.page.evaluate(other => {
        const middle = dot => { const box = dot.getBoundingClientRect(); return [box.left + box.width / 2, box.top + box.height / 2]; };
        const [a, b] = [document.querySelector('path.session-marker[aria-current="true"]'), document.querySelector(`path.session-marker[aria-label="${other}"]`)].map(middle);
        return Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]));
      }, otherTitle);
      const before = await apart();
      for (const [width, height] of [[844, 390], [390, 844]]) {
        await visitor.page.setViewportSize({ width, height });
        await visitor.page.evaluate(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))));
        check(await atItsMiddle() === 'the dot', `${name}: at ${width}×${height} the dot is still in sight (at its middle: ${await atItsMiddle()})`);
        check(await apart() === before, `${name}: at ${width}×${height} the zoom is the same (the dots ${await apart()} px apart, ${before} before)`);
      }
    }
    await shot(visitor.page, `shared-link-${name}`);

    // Back to the list: the explanation a first visit gets is there, and the address no longer names the session.
    await visitor.page.getByTestId('session-close').click();
    await visitor.page.getByTestId('intro').waitFor({ state: 'visible', timeout: TIMEOUT });
    check(!new URL(visitor.page.url()).searchParams.has('session'), `${name}: closed, the address names no session: ${visitor.page.url()}`);
    await shot(visitor.page, `shared-link-back-${name}`);

    // Opened from the list, the session is a place Back returns from, on this same page (no reload).
    await dismissIntro(visitor.page);
    await visitor.page.evaluate(() => { window.__samePage = true; });
    const entries = await visitor.page.evaluate(() => history.length);
    await visitor.page.getByTestId('session-item').filter({ hasText: title }).first().click();
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
    check(new URL(visitor.page.url()).searchParams.get('session') === session.id, `${name}: the open session's address names it: ${visitor.page.url()}`);
    check(await visitor.page.evaluate(() => history.length) === entries + 1, `${name}: opening it added one history entry`);
    await visitor.page.evaluate(() => history.back());
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
    check(await visitor.page.getByTestId('session-item').filter({ hasText: title }).first().isVisible(), `${name}: Back shows the list`);
    check(!new URL(visitor.page.url()).searchParams.has('session'), `${name}: after Back the address names no session`);
    check(await visitor.page.evaluate(() => window.__samePage === true), `${name}: Back stayed on the page`);
    await shot(visitor.page, `shared-link-back-button-${name}`);
    await visitor.page.evaluate(() => history.forward());
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
    check(await visitor.page.getByTestId('session-title').textContent() === title, `${name}: Forward opens the session again`);
    check(new URL(visitor.page.url()).searchParams.get('session') === session.id, `${name}: and its address names it`);
    // Its Close goes back through the entry it made, so the next Back does not land on the same list again.
    await visitor.page.getByTestId('session-close').click();
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
    check(await visitor.page.evaluate(() => history.state === null), `${name}: Close left no entry of the session's behind it`);
    // Reloaded on a session's address, the page opens it as a shared link, and Close shows the list on that page.
    await visitor.page.getByTestId('session-item').filter({ hasText: title }).first().click();
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
    await visitor.page.reload();
    await visitor.page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: TIMEOUT });
    await visitor.page.evaluate(() => { window.__samePage = true; });
    await visitor.page.getByTestId('session-close').click();
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
    check(await visitor.page.evaluate(() => window.__samePage === true), `${name}: after a reload, Close stays on the page`);
    check(!new URL(visitor.page.url()).searchParams.has('session'), `${name}: and the address names no session`);

    // Close pressed twice before the first has taken effect goes back once: the list, not the site before it.
    await visitor.page.getByTestId('session-item').filter({ hasText: title }).first().click();
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
    await visitor.page.evaluate(() => { const close = document.getElementById('session-close'); close.click(); close.click(); });
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
    await visitor.page.waitForTimeout(300);
    check(await visitor.page.evaluate(() => window.__samePage === true), `${name}: a double Close stays on the page`);
    check(await visitor.page.locator('#list-panel').isVisible(), `${name}: and shows the list`);

    // Landed on a shared link, then another session opened from its dot on the map: Back returns to the link's session,
    // as the address says.
    await visitor.page.goto(new URL(`/?session=${other.id}`, baseUrl).href);
    await waitForText(visitor.page, 'session-title', otherTitle);
    await visitor.page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: TIMEOUT });
    await visitor.page.evaluate(() => { window.__samePage = true; });
    const dot = `[role="button"][aria-label="${title}"]`;
    await visitor.page.locator(dot).first().waitFor({ state: 'attached', timeout: TIMEOUT });
    await visitor.page.evaluate(selector => document.querySelector(selector).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })), dot);
    await waitForText(visitor.page, 'session-title', title);
    check(new URL(visitor.page.url()).searchParams.get('session') === session.id, `${name}: the dot's session is the address's now`);
    await visitor.page.evaluate(() => history.back());
    await waitForText(visitor.page, 'session-title', otherTitle);
    check(new URL(visitor.page.url()).searchParams.get('session') === other.id, `${name}: Back to the link's entry names its session: ${visitor.page.url()}`);
    check(await visitor.page.getByTestId('session-panel').isVisible() && await visitor.page.evaluate(() => window.__samePage === true),
      `${name}: and shows it on the same page`);

    // A session that does not open (its read cut off) while another, opened from the list, is shown: the list, saying
    // why, and the one shown before opens again on its card.
    await visitor.page.getByTestId('session-close').click();
    await visitor.page.getByTestId('session-item').filter({ hasText: otherTitle }).first().click();
    await waitForText(visitor.page, 'session-title', otherTitle);
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
    // The context's route: once the service worker controls the page (since the reload), the page's own route misses.
    const cutOff = url => url.pathname === `/api/sessions/${session.id}`;
    await visitor.page.context().route(cutOff, route => route.abort('internetdisconnected'));
    await visitor.page.evaluate(selector => document.querySelector(selector).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })), dot);
    await waitForText(visitor.page, 'list-notice', 'Could not open the session');
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
    await visitor.page.context().unroute(cutOff);
    await visitor.page.waitForFunction(() => !new URL(location.href).searchParams.has('session'), null, { timeout: TIMEOUT });
    await visitor.page.getByTestId('session-item').filter({ hasText: otherTitle }).first().click();
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
    check(await visitor.page.getByTestId('session-title').textContent() === otherTitle, `${name}: the session shown before opens again`);

    // A slow answer: a pill says the session is opening, in sight over the list (which stays where it was), and a status
    // line says it to a screen reader, until it shows; Back while it loads takes both away at once.
    await visitor.page.getByTestId('session-close').click();
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
    const slow = url => url.pathname === `/api/sessions/${session.id}`;
    await visitor.page.context().route(slow, async route => { await new Promise(done => setTimeout(done, 2500)); await route.continue(); });
    const card = visitor.page.getByTestId('session-item').filter({ hasText: title }).first();
    // Read once the card is shown: a refresh of the list in between (a push, the view answered) may redraw it.
    const cardTop = async () => { await card.waitFor({ state: 'visible', timeout: TIMEOUT }); return (await card.boundingBox()).y; };
    await card.scrollIntoViewIfNeeded();
    const before = await cardTop();
    await card.click();
    const note = visitor.page.getByTestId('opening-note');
    await note.waitFor({ state: 'visible', timeout: TIMEOUT });
    check(await note.evaluate(node => { const box = node.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }),
      `${name}: "Opening the session…" is in sight`);
    check(await visitor.page.locator('#list-panel').isVisible(), `${name}: the list stays while it opens`);
    check(Math.abs(await cardTop() - before) < 1, `${name}: and does not move (${before} → ${await cardTop()})`);
    check(await note.textContent() === `Opening “${title}”…`, `${name}: the pill names the session: ${await note.textContent()}`);
    check(await visitor.page.locator('#opening-said').textContent() === `Opening “${title}”…`, `${name}: and a status line says it`);
    // A toast that comes meanwhile (a seat came free, a notification) stands above the pill, not on it.
    check(await visitor.page.evaluate(() => {
      const toast = document.getElementById('toast');
      const line = toast.appendChild(document.createElement('span'));
      line.textContent = 'A seat came free: you are now in “Statistics revision”.';
      toast.hidden = false;
      const over = toast.getBoundingClientRect(), pill = document.getElementById('opening-note').getBoundingClientRect();
      line.remove();
      toast.hidden = !toast.childElementCount;
      return over.bottom <= pill.top || over.right <= pill.left || over.left >= pill.right;
    }), `${name}: a toast meanwhile does not cover the pill`);
    await shot(visitor.page, `opening-${name}`);
    await waitForText(visitor.page, 'session-title', title);
    check(!(await note.isVisible()), `${name}: the note goes when the session shows`);
    check(await visitor.page.locator('#opening-said').textContent() === '', `${name}: and so does the status line`);
    await visitor.page.getByTestId('session-close').click();
    await visitor.page.getByTestId('session-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
    await card.click();
    await note.waitFor({ state: 'visible', timeout: TIMEOUT });
    await visitor.page.evaluate(() => history.back());
    await note.waitFor({ state: 'hidden', timeout: 1000 });
    check(await visitor.page.locator('#opening-said').textContent() === '', `${name}: Back while it opens stops saying it`);
    await visitor.page.waitForTimeout(2500);
    check(!(await visitor.page.getByTestId('session-panel').isVisible()) && !(await note.isVisible()),
      `${name}: and its late answer shows nothing`);
    await visitor.page.context().unroute(slow);
  }

  // The host form on a phone: Back closes it too.
  const hosting = await openAs('hosting', PHONE);
  await signUp(hosting, `omar${suffix}`, 'Omar');
  await hosting.page.evaluate(() => { window.__samePage = true; });
  await openHostForm(hosting.page);
  await hosting.page.evaluate(() => history.back());
  await hosting.page.getByTestId('create-title').waitFor({ state: 'hidden', timeout: TIMEOUT });
  check(await hosting.page.locator('#list-panel').isVisible(), 'Back from the host form shows the list');
  check(await hosting.page.evaluate(() => window.__samePage === true), 'Back from the host form stayed on the page');
  check(await hosting.page.evaluate(() => document.activeElement?.id) === 'host-button', 'and the focus is back on "Host a session"');
  // The form's own Close too (it goes back through the same entry).
  await openHostForm(hosting.page);
  await hosting.page.locator('#create-close').click();
  await hosting.page.getByTestId('create-title').waitFor({ state: 'hidden', timeout: TIMEOUT });
  check(await hosting.page.evaluate(() => document.activeElement?.id) === 'host-button', 'Close from the host form puts the focus back on "Host a session"');
  // Escape from the form's Close button closes it too; from a field it does not. Opened again, the form has what was
  // typed and the place pinned, both.
  await openHostForm(hosting.page);
  await hosting.page.getByTestId('create-title').fill('Reading group');
  await hosting.page.locator('#map').click({ position: { x: 195, y: 90 } });
  const pinned = await hosting.page.locator('#create-place').textContent();
  check(pinned.startsWith('Place: the pin on the map'), `a tap on the map pins the place: ${pinned}`);
  await hosting.page.getByTestId('create-title').press('Escape');
  check(await hosting.page.getByTestId('create-title').isVisible(), 'Escape in a field of the host form leaves it open');
  await hosting.page.locator('#create-close').focus();
  await hosting.page.keyboard.press('Escape');
  await hosting.page.getByTestId('create-title').waitFor({ state: 'hidden', timeout: TIMEOUT });
  check(await hosting.page.evaluate(() => document.activeElement?.id) === 'host-button', 'Escape closes the host form, the focus on "Host a session"');
  await openHostForm(hosting.page);
  check(await hosting.page.getByTestId('create-title').inputValue() === 'Reading group' && await hosting.page.locator('#create-place').textContent() === pinned
    && await hosting.page.locator('.place-pin').count() === 1, `opened again, the form keeps the title and the pinned place: ${await hosting.page.locator('#create-place').textContent()}`);
  // Escape from the map, where the place is picked, closes it as well.
  await hosting.page.locator('#map').focus();
  await hosting.page.keyboard.press('Escape');
  await hosting.page.getByTestId('create-title').waitFor({ state: 'hidden', timeout: TIMEOUT });
  check(await hosting.page.evaluate(() => document.activeElement?.id) === 'map', 'Escape on the map closes the host form, the focus left on the map');
  await shot(hosting.page, 'shared-link-back-from-form');

  // A link to a session that is not there: the list, saying why, from one read (a refusal is not asked again).
  const countReads = () => {
    window.__sessionReads = 0;
    const send = window.fetch;
    window.fetch = (input, init) => {
      if (/\/api\/sessions\/[0-9a-f-]{36}(\?|$)/.test(new URL(input instanceof Request ? input.url : String(input), location.href).pathname)) window.__sessionReads++;
      return send(input, init);
    };
  };
  const lost = await openAs('lost', PHONE, { path: `/?session=${crypto.randomUUID()}`, beforeLoad: countReads });
  await waitForText(lost.page, 'list-notice', 'Could not open the session');
  await lost.page.waitForTimeout(500);
  check(await lost.page.evaluate(() => window.__sessionReads) === 1, `the missing session was asked for once: ${await lost.page.evaluate(() => window.__sessionReads)}`);
  check(await lost.page.getByTestId('intro').isVisible(), 'the first-visit explanation shows instead');
  // It names every colour a dot may have (live, within the hour, later, full).
  const intro = await lost.page.getByTestId('intro').textContent();
  check(['Green', 'blue', 'purple', 'orange'].every(colour => intro.includes(colour)), `the explanation names each dot's colour: ${intro}`);
  check(!(await lost.page.getByTestId('opening-note').isVisible()), 'and no "Opening the session…"');
  await shot(lost.page, 'shared-link-not-found');

  // A link to a full session, signed out: the button says what signing in is for, and once the visitor has made an
  // account (from the sign-in dialog it opened) they are in line, without pressing again.
  const guest = await call('POST', '/api/auth/register', null,
    { email: `tom${suffix}@example.com`, username: `tom${suffix}`, displayName: 'Tom', password: 'correct horse battery' });
  const crowded = await call('POST', '/api/sessions', host.token, {
    title: `Linear algebra ${suffix}`, subject: 'Maths', sessionType: 'silent', latitude: 48.8566, longitude: 2.3522,
    startTime: new Date(Date.now() + 40 * 60000).toISOString(), durationMinutes: 60, maxParticipants: 2 });
  await call('POST', `/api/sessions/${crowded.id}/join`, guest.token);
  const late = await openAs('late', PHONE, { path: `/?session=${crowded.id}` });
  await waitForText(late.page, 'session-title', 'Linear algebra');
  await waitForText(late.page, 'join-button', 'Sign in to wait for a seat');
  await late.page.getByTestId('join-button').click();
  await late.page.locator('#signin-why').filter({ hasText: 'to wait for a seat in this session' }).waitFor({ timeout: TIMEOUT });
  await late.page.locator('#signin-to-signup').click();
  await late.page.getByTestId('signup-email').fill(`uma${suffix}@example.com`);
  await late.page.getByTestId('signup-username').fill(`uma${suffix}`);
  await late.page.getByTestId('signup-display-name').fill('Uma');
  await late.page.getByTestId('signup-password').fill('correct horse battery');
  await late.page.getByTestId('signup-submit').click();
  await waitForText(late.page, 'my-role', 'number 1 on the waitlist');
  check(new URL(late.page.url()).searchParams.get('session') === crowded.id, 'the new account is in line for the session it asked for');
  await shot(late.page, 'shared-link-in-line-after-signing-up');

  // Asked, then the dialog closed without signing in: signing in later joins nothing by itself.
  const second = await openAs('second', PHONE, { path: `/?session=${session.id}` });
  await waitForText(second.page, 'session-title', title);
  await second.page.getByTestId('join-button').click();
  await second.page.getByTestId('signin-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  await second.page.keyboard.press('Escape');
  await second.page.getByTestId('signin-dialog').waitFor({ state: 'hidden', timeout: TIMEOUT });
  await signUp(second, `vic${suffix}`, 'Vic');
  await second.page.waitForTimeout(1000);
  check(!(await second.page.getByTestId('leave-button').isVisible()), 'a join given up is not made later');
  check(await second.page.getByTestId('join-button').isVisible(), 'and Join is offered');

  // Back with a dialog open closes the dialog, and only it: the session stays under it, with its address.
  const backClosing = async (page, dialog) => {
    await page.evaluate(() => history.back());
    await page.getByTestId(dialog).waitFor({ state: 'hidden', timeout: TIMEOUT });
    // The page steps back to the session's address (a busy host may take a while), then has time to do more, wrongly.
    await page.waitForFunction(id => new URLSearchParams(location.search).get('session') === id, session.id, { timeout: TIMEOUT }).catch(() => {});
    await page.waitForTimeout(500);
  };
  await second.page.getByTestId('session-close').click();
  await second.page.getByTestId('session-item').filter({ hasText: title }).first().click();
  await waitForText(second.page, 'session-title', title);
  await second.page.getByTestId('report-session').click();
  await second.page.getByTestId('report-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  await backClosing(second.page, 'report-dialog');
  check(await second.page.getByTestId('session-panel').isVisible(), 'Back with a dialog open leaves the session shown');
  check(new URL(second.page.url()).searchParams.get('session') === session.id, `and its address: ${second.page.url()}`);
  // A confirmation over the account dialog: one Back closes the confirmation alone, the next the account dialog.
  // (Vic signs in on another device too, so the dialog offers to sign it out.)
  await call('POST', '/api/auth/login', null, { login: `vic${suffix}`, password: 'correct horse battery' });
  await menu(second.page);
  await second.page.getByTestId('account-button').click();
  await second.page.getByTestId('sign-out-others').click();
  await second.page.getByTestId('confirm-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  await backClosing(second.page, 'confirm-dialog');
  check(await second.page.getByTestId('account-dialog').isVisible(), 'Back over a confirmation closes it and leaves the dialog under it open');
  await backClosing(second.page, 'account-dialog');
  check(await second.page.getByTestId('session-panel').isVisible() && new URL(second.page.url()).searchParams.get('session') === session.id,
    `the next Back closes that dialog, and the session stays: ${second.page.url()}`);
  await second.page.evaluate(() => history.back());
  await second.page.getByTestId('session-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
  check(await second.page.locator('#list-panel').isVisible(), 'the next Back shows the list');
});
