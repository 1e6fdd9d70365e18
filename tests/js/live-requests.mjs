// Pushes are applied, not re-fetched: 20 pages watch one session (the host, 10 participants and 9 signed-in people
// who only look at it), and a 21st person joins it from their page. The joiner's click costs one HTTP request plus the
// hub's subscribe; the 20 watching pages make no HTTP request at all, yet show the new seat count, and the host and
// participants show the newcomer in the list, present. Then, with two more people waiting in line on their pages, a
// participant closes their page (presence), and leaves (a seat from the waitlist, a new place in line): no page makes
// an HTTP request for any of it, nor when the host cancels it. One browser, a context per person.
// Usage: node live-requests.mjs BASE_URL SCREENSHOT_DIR PREFIX. Prints "ok" and exits 0 when every step holds.
import { DESKTOP, PHONE, TIMEOUT, check, launch, apiCaller } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);

const call = apiCaller(baseUrl);
// Requests to this server only: the street map's tiles come from elsewhere (unreachable here), and a map still loading
// them on a slow machine asks for them late, which is no question to the server about anything pushed.
const toServer = request => new URL(request.url()).origin === new URL(baseUrl).origin;

const register = i => call('POST', '/api/auth/register', null,
  { email: `watcher${i}${suffix}@example.com`, username: `watcher${i}${suffix}`, displayName: `Watcher ${i}`, password: 'correct horse battery' });

/** A page signed in as this account, with the session open (as a link would open it). */
async function watch(auth, name, sessionId, viewport = DESKTOP) {
  const person = await openAs(name, viewport, { path: `/?session=${sessionId}`, signedInAs: auth });
  await person.page.getByTestId('participant-count').filter({ hasText: /\d/ }).waitFor({ timeout: TIMEOUT });
  return person;
}

await story(async () => {
  const accounts = [];
  for (let i = 0; i < 23; i++) accounts.push(await register(i));
  const [hostAuth, ...others] = accounts;
  const session = await call('POST', '/api/sessions', hostAuth.token, {
    title: 'Library silent hour', subject: 'Anything', sessionType: 'silent', latitude: 48.8566, longitude: 2.3522,
    startTime: new Date(Date.now() + 30 * 60000).toISOString(), durationMinutes: 60, maxParticipants: 30 });
  const participants = others.slice(0, 10);
  const lookers = others.slice(10, 19);
  const joinerAuth = others[19];
  const waiterAuths = others.slice(20, 22);
  for (const p of participants) await call('POST', `/api/sessions/${session.id}/join`, p.token);

  // The 20 watching pages: the host and the participants follow the session live; the others only look at it.
  const watchers = [];
  for (const [i, auth] of [hostAuth, ...participants, ...lookers].entries()) watchers.push(await watch(auth, `watcher-${i}`, session.id));
  const subscribers = watchers.slice(0, 11);
  for (const { page } of subscribers) await page.waitForSelector('[data-testid="session-panel"][data-live="true"]', { timeout: TIMEOUT });
  for (const { page } of watchers) await page.waitForFunction(() => document.querySelector('[data-testid="participant-count"]').textContent === '11', null, { timeout: TIMEOUT });
  const joiner = await watch(joinerAuth, 'joiner', session.id);
  await joiner.page.getByTestId('join-button').waitFor({ state: 'visible', timeout: TIMEOUT });

  // From here on, every HTTP request of every page is counted, and what the joiner's page sends on the hub.
  const requests = new Map(watchers.map(w => [w.name, []]));
  for (const w of watchers) w.page.on('request', request => toServer(request) && requests.get(w.name).push(`${request.method()} ${request.url()}`));
  const joinerRequests = [];
  joiner.page.on('request', request => toServer(request) && joinerRequests.push(`${request.method()} ${request.url()}`));
  const hubCalls = [];
  joiner.page.on('websocket', socket => socket.on('framesent', frame => hubCalls.push(String(frame.payload))));
  // The joiner's page already holds its hub connection: its frames are read from the DevTools protocol instead.
  const cdp = await joiner.context.newCDPSession(joiner.page);
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketFrameSent', ({ response }) => hubCalls.push(response.payloadData));

  await joiner.page.getByTestId('join-button').click();
  await joiner.page.waitForSelector('[data-testid="session-panel"][data-live="true"]', { timeout: TIMEOUT });
  for (const { page } of watchers) await page.waitForFunction(() => document.querySelector('[data-testid="participant-count"]').textContent === '12', null, { timeout: TIMEOUT });
  for (const { page } of subscribers) {
    await page.waitForFunction(name => [...document.querySelectorAll('[data-testid="participant"]')]
      .some(item => item.textContent.includes(name) && item.dataset.presence === 'online'), 'Watcher 20', { timeout: TIMEOUT });
  }
  // The joiner's list, read while they were an outsider (no presence), is now as participants see it: the host is here.
  await joiner.page.waitForFunction(name => [...document.querySelectorAll('[data-testid="participant"]')]
    .some(item => item.textContent.includes(name) && item.dataset.presence === 'online'), 'Watcher 0', { timeout: TIMEOUT });
  // A looker's list stays as it was read, and says how far the seat count has moved from it.
  await watchers.at(-1).page.locator('#participants .hint', { hasText: '1 more joined since this list was loaded.' }).waitFor({ timeout: TIMEOUT });
  // Whatever a push might still set off would show within this while.
  await joiner.page.waitForTimeout(1500);

  const made = [...requests].filter(([, list]) => list.length > 0).map(([name, list]) => `${name}: ${list.join(', ')}`);
  check(made.length === 0, `the 20 watching pages made no HTTP request; these did: ${made.join(' | ')}`);
  check(joinerRequests.length === 1 && joinerRequests[0] === `POST ${new URL(`/api/sessions/${session.id}/join`, baseUrl)}`,
    `the joiner's click made one request, the join: ${joinerRequests.join(', ')}`);
  const invocations = hubCalls.filter(frame => frame.includes('"type":1')).map(frame => /"target":"(\w+)"/.exec(frame)?.[1]);
  check(JSON.stringify(invocations) === JSON.stringify(['SubscribeSession']), `and one hub call, the subscribe: ${JSON.stringify(invocations)}`);
  console.error(`watchers: 0 requests each; joiner: ${joinerRequests.length} request and ${invocations.length} hub call`);
  // Only now: a full-page screenshot resizes the window, and the map in a resized window watches its new view.
  await shot(subscribers[0].page, 'host-sees-the-joiner');
  await shot(watchers.at(-1).page, 'looker-sees-the-count');
  await shot(joiner.page, 'joiner-joined');

  // The session fills up (12 of 12) and two people wait in line, each with the session open on their page.
  await call('PATCH', `/api/sessions/${session.id}`, hostAuth.token, { maxParticipants: 12 });
  const waiters = [];
  for (const [i, auth] of waiterAuths.entries()) {
    await call('POST', `/api/sessions/${session.id}/waitlist`, auth.token);
    // The second waits on a phone.
    const waiter = await watch(auth, `waiter-${i}`, session.id, i === 1 ? PHONE : DESKTOP);
    await waiter.page.locator('#my-role', { hasText: `You are number ${i + 1} on the waitlist.` }).waitFor({ timeout: TIMEOUT });
    waiters.push(waiter);
  }
  for (const { page } of watchers) await page.waitForFunction(() => /2 waiting/.test(document.querySelector('#waitlist-info').textContent), null, { timeout: TIMEOUT });

  // From here on, every HTTP request of every page still open is counted.
  const leaver = subscribers[10];
  const staying = [...watchers.filter(w => w !== leaver), joiner, ...waiters];
  const later = new Map(staying.map(w => [w.name, []]));
  for (const w of staying) w.page.on('request', request => toServer(request) && later.get(w.name).push(`${request.method()} ${request.url()}`));
  const staySubscribed = [...subscribers.filter(w => w !== leaver), joiner];

  // A participant closes their page: the others see them go offline.
  await leaver.context.close();
  for (const { page } of staySubscribed) {
    await page.waitForFunction(name => [...document.querySelectorAll('[data-testid="participant"]')]
      .some(item => item.textContent.includes(name) && item.dataset.presence === 'offline'), 'Watcher 10', { timeout: TIMEOUT });
  }
  // And leaves: the first in line takes the seat, and the second is now first.
  await call('POST', `/api/sessions/${session.id}/leave`, participants[9].token);
  await waiters[0].page.waitForSelector('[data-testid="session-panel"][data-live="true"]', { timeout: TIMEOUT });
  await waiters[0].page.locator('#my-role', { hasText: 'You have a seat.' }).waitFor({ timeout: TIMEOUT });
  await waiters[1].page.locator('#my-role', { hasText: 'You are number 1 on the waitlist.' }).waitFor({ timeout: TIMEOUT });
  for (const { page } of staySubscribed) {
    await page.waitForFunction(({ gone, seated }) => {
      const names = [...document.querySelectorAll('[data-testid="participant"]')].map(item => item.textContent);
      return !names.some(name => name.includes(gone)) && names.some(name => name.includes(seated));
    }, { gone: 'Watcher 10', seated: 'Watcher 21' }, { timeout: TIMEOUT });
  }
  await joiner.page.waitForTimeout(1500);
  const madeLater = [...later].filter(([, list]) => list.length > 0).map(([name, list]) => `${name}: ${list.join(', ')}`);
  check(madeLater.length === 0, `presence, a leave, a seat from the waitlist and a new place in line cost no page an HTTP request; these made some: ${madeLater.join(' | ')}`);
  await shot(subscribers[0].page, 'host-sees-the-seat-from-the-waitlist');
  await shot(waiters[1].page, 'waiter-moved-up');

  // The host calls it off. Those who only look at it (not subscribed: they hear it from the map) and the one still
  // waiting see it cancelled, with the host's word, and ask nothing.
  for (const list of later.values()) list.length = 0;
  await call('POST', `/api/sessions/${session.id}/cancel`, hostAuth.token, { reason: 'Library closed' });
  for (const { page } of [...staying]) {
    await page.locator('#session-cancelled', { hasText: 'The host cancelled this session: “Library closed”' }).waitFor({ timeout: TIMEOUT });
  }
  await joiner.page.waitForTimeout(1500);
  const madeOnCancel = [...later].filter(([, list]) => list.length > 0).map(([name, list]) => `${name}: ${list.join(', ')}`);
  check(madeOnCancel.length === 0, `a cancellation costs no page an HTTP request; these made some: ${madeOnCancel.join(' | ')}`);
  await shot(watchers.at(-1).page, 'looker-sees-it-cancelled');
});
