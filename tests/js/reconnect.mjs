// The hub's reconnect, in Chromium: a guest's page (on a phone, then on a desktop) loses its connection, tries again
// while the network is down (backing off), and once back shows every message said meanwhile (more than the 50 recent
// ones a subscription brings, so the rest come from history by seq) once each, in order, after what it had.
// The connection is cut as a network would cut it: the browser goes offline and reports its open WebSocket closed
// abnormally (1006), as it does when it finds the connection dead.
// axe at every step, at 390 and 1280 px. Usage: node reconnect.mjs BASE_URL SCREENSHOT_DIR PREFIX.
import { DESKTOP, PHONE, TIMEOUT, apiCaller, check, launch, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);
const call = apiCaller(baseUrl);

/** Said while the guest is away: more than the 50 recent messages that a subscription answers with. */
const SAID_WHILE_AWAY = 60;

const register = name => call('POST', '/api/auth/register', null,
  { email: `${name}${suffix}@example.com`, username: `${name}${suffix}`, displayName: name, password: 'correct horse battery' });

/** Posts a chat message as a test client would, waiting out the chat's rate limit (Chat:Burst) where it bites. */
async function say(sessionId, token, content) {
  for (const until = Date.now() + TIMEOUT; ;) {
    try {
      return await call('POST', `/api/sessions/${sessionId}/messages`, token, { content });
    } catch (error) {
      if (!String(error.message).includes(': 429 ') || Date.now() > until) throw error;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
}

/** The chat as the guest's page shows it: each message's seq and words, top to bottom. */
const shown = page => page.locator('[data-testid="chat-message"]').evaluateAll(items =>
  items.map(item => ({ seq: Number(item.dataset.seq), words: item.querySelector('.content')?.textContent ?? '' })));

await story(async () => {
  // Three people talk, so that the chat's rate limit per person (a burst of 20) does not slow the test down.
  const speakers = [await register('Hana'), await register('Ana'), await register('Bo')];
  const [host] = speakers;
  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    const guestAuth = await register(`Gus${size}`);
    const session = await call('POST', '/api/sessions', host.token, {
      title: `Thermodynamics ${size} ${suffix}`, subject: 'Physics', sessionType: 'discussion', latitude: 48.8566, longitude: 2.3522,
      startTime: new Date(Date.now() + 30 * 60000).toISOString(), durationMinutes: 60, maxParticipants: 10 });
    for (const speaker of [...speakers.slice(1), guestAuth]) await call('POST', `/api/sessions/${session.id}/join`, speaker.token);
    const first = await say(session.id, host.token, 'Welcome: chapter 5 today');

    // The guest's page keeps hold of the WebSockets it opens, so the test can cut them as a network would.
    const guest = await openAs(`guest-${size}`, viewport, { signedInAs: guestAuth });
    await guest.context.addInitScript(() => {
      const Native = window.WebSocket;
      /** @type {WebSocket[]} */ const sockets = [];
      Object.assign(window, { testSockets: sockets });
      window.WebSocket = class extends Native {
        constructor(/** @type {any[]} */ ...args) {
          super(...args);
          sockets.push(this);
        }
      };
    });
    const attempts = [];
    guest.page.on('request', request => { if (request.url().includes('/hubs/deepwork/negotiate')) attempts.push(Date.now()); });
    await guest.page.goto(new URL(`/?session=${session.id}`, baseUrl).href);
    await guest.page.waitForSelector('[data-testid="session-panel"][data-live="true"]', { timeout: TIMEOUT });
    await waitForText(guest.page, 'live-status', 'Live');
    await guest.page.waitForSelector(`[data-testid="chat-message"][data-seq="${first.seq}"]`, { timeout: TIMEOUT });
    await shot(guest.page, `${size}-before-the-break`);

    // The network goes: the page says it is reconnecting, and keeps trying.
    const before = attempts.length;
    await guest.context.setOffline(true);
    // Not socket.close(): under offline emulation its close frame cannot go out, and Chromium may then hold the socket
    // in CLOSING without a close event for as long as the test waits (2 runs of 15 at a load average of 20-28), which no
    // network does to a page. The WebSocket's own close handler is told what a dead connection tells it.
    await guest.page.evaluate(() => {
      for (const socket of /** @type {any} */ (window).testSockets)
        if (socket.readyState === WebSocket.OPEN) socket.onclose?.(new CloseEvent('close', { code: 1006, wasClean: false }));
    });
    await waitForText(guest.page, 'live-status', 'offline');
    const said = [];
    for (let i = 0; i < SAID_WHILE_AWAY; i++) said.push(await say(session.id, speakers[i % speakers.length].token, `Point ${i + 1} of ${SAID_WHILE_AWAY}`));
    // The backoff: at once, then after 2 s; each attempt fails while offline.
    const until = Date.now() + TIMEOUT;
    while (attempts.length < before + 2) {
      check(Date.now() < until, `the page tries to reconnect while offline (${attempts.length - before} attempts)`);
      await guest.page.waitForTimeout(100);
    }
    check(attempts[before + 1] - attempts[before] >= 1500, `it waits between attempts (${attempts[before + 1] - attempts[before]} ms)`);
    await shot(guest.page, `${size}-reconnecting`);
    check((await shown(guest.page)).length === 1, 'nothing arrived while the connection was down');
    // A message typed meanwhile is not sent, says so at once (no wait for a timeout), and stays in the box.
    await guest.page.getByTestId('chat-input').fill('Sorry, my train is late');
    await guest.page.getByTestId('chat-send').click();
    await waitForText(guest.page, 'chat-error', 'you are offline');
    await shot(guest.page, `${size}-not-sent-offline`);

    // Back online: the next attempt connects, and the chat holds everything once, in order, after the first message.
    await guest.context.setOffline(false);
    await guest.page.waitForFunction(n => document.querySelectorAll('[data-testid="chat-message"]').length >= n, SAID_WHILE_AWAY + 1, { timeout: 3 * TIMEOUT });
    await waitForText(guest.page, 'live-status', 'Live');
    check(await guest.page.getByTestId('chat-error').textContent() === '', 'back live, the "not sent" is gone');
    check(await guest.page.getByTestId('chat-input').inputValue() === 'Sorry, my train is late', 'and the words are still in the box');
    const chat = await shown(guest.page);
    const expected = [first, ...said].map(m => ({ seq: m.seq, words: m.content }));
    check(JSON.stringify(chat) === JSON.stringify(expected),
      `the chat shows each message once, in order: ${chat.map(m => m.seq).join(',')} (expected ${expected.map(m => m.seq).join(',')})`);
    await guest.page.locator('#chat-log').scrollIntoViewIfNeeded();
    await shot(guest.page, `${size}-after-the-break`);

    // Live again: a new message arrives by push.
    const after = await say(session.id, host.token, 'Glad you are back');
    await guest.page.waitForSelector(`[data-testid="chat-message"][data-seq="${after.seq}"]`, { timeout: TIMEOUT });

    // Signed out elsewhere while offline (as after a server restart with another key): the page never hears its
    // connection closed, and its reconnect is refused (401). The refusal signs the page out, instead of leaving it
    // "Connecting" until its token runs out; a search with the dead token would not tell (searches take anyone).
    // The page keeps the refresh token, as a page that signed in does.
    await guest.page.evaluate(refreshToken => sessionStorage.setItem('dwm.refresh', refreshToken), guestAuth.refreshToken);
    await guest.context.setOffline(true);
    await guest.page.evaluate(() => {
      for (const socket of /** @type {any} */ (window).testSockets)
        if (socket.readyState === WebSocket.OPEN) socket.onclose?.(new CloseEvent('close', { code: 1006, wasClean: false }));
    });
    await waitForText(guest.page, 'live-status', 'offline');
    await call('POST', '/api/me/devices/sign-out-all', guestAuth.token);
    await guest.context.setOffline(false);
    await guest.page.waitForFunction(() => !localStorage.getItem('dwm.token') && !sessionStorage.getItem('dwm.token'), null, { timeout: 3 * TIMEOUT });
    await waitForText(guest.page, 'page-notice', 'sign in again');
    await shot(guest.page, `${size}-signed-out-while-away`);
    await guest.context.close();
  }
});
