// A page opened in a background tab (a link opened with a middle click, a phone locked while it loads), in Chromium:
// the browser draws no frames there, so the start, which waits for a frame before the map measures its box, goes on
// after its short timeout instead, and the linked session opens; messages that arrive while the tab is hidden show, but
// are not marked read (the person's unread count on every device stays) until the tab is seen, when they are; meanwhile
// the inbox shows the session's unread count beside its notification, counted from the pushes, cleared once seen.
// Headless Chromium keeps every tab visible, so the tab is made a background one as Chromium treats those: hidden, with
// no animation frames until it is shown. axe at every step, at 390 and 1280 px.
// Usage: node background-tab.mjs BASE_URL SCREENSHOT_DIR PREFIX.
import { DESKTOP, PHONE, TIMEOUT, apiCaller, check, launch, menu } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);
const call = apiCaller(baseUrl);

/** The page's read marker goes out this long after the last message seen (chat-sync.js): waited past, it would have. */
const MARKER_DELAY_MS = 1500;

const register = name => call('POST', '/api/auth/register', null,
  { email: `${name}${suffix}@example.com`, username: `${name}${suffix}`, displayName: name, password: 'correct horse battery' });

const unread = async (token, sessionId) => (await call('GET', '/api/me/unread', token)).find(u => u.sessionId === sessionId)?.unread;

/** In the page, before its scripts: a background tab, hidden and given no frames until `testShow()` brings it to the front. */
function inTheBackground() {
  let hidden = true;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  const request = window.requestAnimationFrame.bind(window);
  const cancel = window.cancelAnimationFrame.bind(window);
  /** @type {Map<number, FrameRequestCallback>} */ const held = new Map();
  let next = 1e9;
  window.requestAnimationFrame = callback => {
    if (!hidden) return request(callback);
    held.set(++next, callback);
    return next;
  };
  window.cancelAnimationFrame = id => (held.delete(id) ? undefined : cancel(id));
  Object.assign(window, {
    framesHeld: () => held.size,
    testShow: () => {
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      for (const callback of held.values()) request(callback);
      held.clear();
    },
  });
}

await story(async () => {
  const host = await register('Hana');
  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    const guestAuth = await register(`Gus${size}`);
    const title = `Linear algebra ${size} ${suffix}`;
    const session = await call('POST', '/api/sessions', host.token, {
      title, subject: 'Maths', sessionType: 'silent', latitude: 48.8566, longitude: 2.3522,
      startTime: new Date(Date.now() + 30 * 60000).toISOString(), durationMinutes: 60, maxParticipants: 10 });
    await call('POST', `/api/sessions/${session.id}/join`, guestAuth.token);
    // Moved: the guest has a notification about it in their inbox.
    await call('PATCH', `/api/sessions/${session.id}`, host.token, { startTime: new Date(Date.now() + 45 * 60000).toISOString() });

    // Opened in the background: no frame is ever drawn, and the page still starts and opens the linked session.
    const guest = await openAs(`guest-${size}`, viewport, { signedInAs: guestAuth });
    await guest.context.addInitScript(inTheBackground);
    await guest.page.goto(new URL(`/?session=${session.id}`, baseUrl).href);
    await guest.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
    await guest.page.waitForSelector('[data-testid="session-panel"][data-live="true"]', { timeout: TIMEOUT });
    check(await guest.page.evaluate(() => document.hidden), 'the tab is still in the background');
    check(await guest.page.evaluate(() => document.getElementById('session-title').textContent) === title, 'the linked session is open');
    check(await guest.page.evaluate(() => /** @type {any} */ (window).framesHeld()) > 0, 'the page asked for frames it was not given');
    await shot(guest.page, `${size}-started-in-the-background`);

    // Messages arrive while the tab is hidden: shown, but not read.
    const first = await call('POST', `/api/sessions/${session.id}/messages`, host.token, { content: 'Eigenvalues first' });
    const second = await call('POST', `/api/sessions/${session.id}/messages`, host.token, { content: 'Then the exam questions' });
    await guest.page.waitForSelector(`[data-testid="chat-message"][data-seq="${second.seq}"]`, { timeout: TIMEOUT });
    // Nothing to wait for here but time: a marker would have gone out by now.
    await guest.page.waitForTimeout(MARKER_DELAY_MS + 1000);
    const whileHidden = await unread(guestAuth.token, session.id);
    check(whileHidden === 2, `messages that arrived in a hidden tab stay unread (${whileHidden}; seqs ${first.seq}, ${second.seq})`);
    // The inbox says so beside the session's notification, counted from the two pushes.
    await menu(guest.page);
    await guest.page.getByTestId('bell').click();
    const badge = guest.page.getByTestId('notification').filter({ hasText: title }).getByTestId('inbox-unread');
    await badge.waitFor({ state: 'visible', timeout: TIMEOUT });
    check(await badge.textContent() === '2 unread messages', `the inbox says 2 unread messages: ${await badge.textContent()}`);
    await shot(guest.page, `${size}-inbox-unread`);

    // Brought to the front: the frames are drawn, and what the chat shows is read.
    await guest.page.evaluate(() => /** @type {any} */ (window).testShow());
    await badge.waitFor({ state: 'detached', timeout: TIMEOUT });
    await shot(guest.page, `${size}-inbox-read`);
    await guest.page.getByTestId('inbox-dialog').getByRole('button', { name: 'Close' }).click();
    for (const until = Date.now() + TIMEOUT; await unread(guestAuth.token, session.id) !== 0; await guest.page.waitForTimeout(250))
      check(Date.now() < until, 'the read marker goes out once the tab is seen');
    await guest.page.locator('#chat-log').scrollIntoViewIfNeeded();
    await shot(guest.page, `${size}-seen`);
    await guest.context.close();
  }
});
