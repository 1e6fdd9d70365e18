// "My sessions" in Chromium: a guest's sessions are listed with their unread counts wherever they are on the map (one
// far from the view, one private), from the menu on a phone and on a desktop; choosing one opens it; a session the guest
// left is not listed. axe at every step, at 390 and 1280 px.
// Usage: node my-sessions.mjs BASE_URL SCREENSHOT_DIR PREFIX. Prints "ok" and exits 0 when every step holds.
import { DESKTOP, PHONE, TIMEOUT, apiCaller, check, launch, menu, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);
const call = apiCaller(baseUrl);

const register = name => call('POST', '/api/auth/register', null,
  { email: `${name}${suffix}@example.com`, username: `${name}${suffix}`, displayName: name, password: 'correct horse battery' });
const inMinutes = minutes => new Date(Date.now() + minutes * 60000).toISOString();

/** Opens "My sessions" from the menu and waits until it lists `count` sessions. */
async function openMySessions(page, count) {
  await menu(page);
  await page.getByTestId('mine-button').click();
  await page.getByTestId('mine-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.waitForFunction(n => document.querySelectorAll('[data-testid="my-session"]').length === n, count, { timeout: TIMEOUT });
}

await story(async () => {
  const hostAuth = await register('Hiro');
  const guestAuth = await register('Gwen');
  // Far from the page's default view (Paris): in Kyoto, and a private one; and one the guest joins and leaves.
  const far = await call('POST', '/api/sessions', hostAuth.token, {
    title: `Kyoto kanji ${suffix}`, subject: 'Japanese', sessionType: 'discussion', latitude: 35.0116, longitude: 135.7681,
    startTime: inMinutes(90), durationMinutes: 60, maxParticipants: 10 });
  const hidden = await call('POST', '/api/sessions', hostAuth.token, {
    title: `Private proofs ${suffix}`, subject: 'Maths', sessionType: 'silent', latitude: 48.85, longitude: 2.35, visibility: 'private',
    startTime: inMinutes(240), durationMinutes: 60, maxParticipants: 10 });
  const left = await call('POST', '/api/sessions', hostAuth.token, {
    title: `Left behind ${suffix}`, subject: 'History', sessionType: 'silent', latitude: 48.86, longitude: 2.34,
    startTime: inMinutes(120), durationMinutes: 60, maxParticipants: 10 });
  await call('POST', `/api/sessions/${far.id}/join`, guestAuth.token);
  await call('POST', `/api/sessions/${hidden.id}/join`, guestAuth.token, { inviteCode: hidden.inviteCode });
  await call('POST', `/api/sessions/${left.id}/join`, guestAuth.token);
  await call('POST', `/api/sessions/${left.id}/leave`, guestAuth.token);
  await call('POST', `/api/sessions/${far.id}/messages`, hostAuth.token, { content: 'Radicals first' });
  await call('POST', `/api/sessions/${far.id}/messages`, hostAuth.token, { content: 'Then the readings' });
  // The catalog records who takes part a moment after each join or leave.
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const mine = await call('GET', '/api/me/unread', guestAuth.token);
    if (mine.length === 2 && mine.some(s => s.sessionId === far.id && s.unread === 2)) break;
    check(Date.now() < deadline, `the server lists the guest's two sessions: ${JSON.stringify(mine)}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }

  // On a phone: the menu says there are unread messages; the list names both sessions, the far one with its count.
  const phone = await openAs('guest-phone', PHONE, { signedInAs: guestAuth });
  await menu(phone.page);
  await waitForText(phone.page, 'mine-button', 'My sessions (2 unread)');
  await openMySessions(phone.page, 2);
  const farItem = phone.page.locator(`[data-testid="my-session"][data-session-id="${far.id}"]`);
  check((await farItem.textContent()).includes(`Kyoto kanji ${suffix}`), 'the far session is named');
  check((await farItem.getByTestId('my-session-unread').textContent()) === '2 unread messages', 'with its unread count');
  const privateItem = phone.page.locator(`[data-testid="my-session"][data-session-id="${hidden.id}"]`);
  check((await privateItem.textContent()).includes(`Private proofs ${suffix}`), 'the private session is named to its participant');
  check(await privateItem.getByTestId('my-session-unread').count() === 0, 'a session with nothing unread shows no count');
  const listed = await phone.page.getByTestId('mine-list').textContent();
  check(!listed.includes('Left behind'), 'a session the guest left is not listed');
  await waitForText(phone.page, 'mine-status', '2 sessions, 2 unread messages.');
  await shot(phone.page, 'my-sessions-phone');

  // Choosing one opens it (the map goes there).
  await farItem.getByRole('button').click();
  await phone.page.waitForFunction(t => document.getElementById('session-title').textContent === t, `Kyoto kanji ${suffix}`, { timeout: TIMEOUT });
  check(!(await phone.page.getByTestId('mine-dialog').isVisible()), 'the list closes when a session is chosen');
  await shot(phone.page, 'opened-from-my-sessions');

  // On a desktop: the same list beside the map.
  const desktop = await openAs('guest-desktop', DESKTOP, { signedInAs: guestAuth });
  await openMySessions(desktop.page, 2);
  await shot(desktop.page, 'my-sessions-desktop');
  await desktop.page.locator(`[data-testid="my-session"][data-session-id="${hidden.id}"]`).getByRole('button').click();
  await desktop.page.waitForFunction(t => document.getElementById('session-title').textContent === t, `Private proofs ${suffix}`, { timeout: TIMEOUT });
  await shot(desktop.page, 'private-opened-from-my-sessions');

  // A live one, one ended and one called off: each says so, and the list runs from what is on now and next to what
  // is over (before, all read "Starts …", latest first, whatever had become of them).
  const guestSession = async (title, startInMinutes) => {
    const made = await call('POST', '/api/sessions', hostAuth.token, {
      title: `${title} ${suffix}`, subject: 'Maths', sessionType: 'silent', latitude: 48.85, longitude: 2.35,
      startTime: inMinutes(startInMinutes), durationMinutes: 60, maxParticipants: 10 });
    await call('POST', `/api/sessions/${made.id}/join`, guestAuth.token);
    return made;
  };
  const live = await guestSession('On now', -1);
  const ended = await guestSession('Over early', -2);
  const calledOff = await guestSession('Called off', 300);
  const neverBegan = await guestSession('Never began', 60);
  await call('POST', `/api/sessions/${ended.id}/end`, hostAuth.token);
  await call('POST', `/api/sessions/${neverBegan.id}/end`, hostAuth.token);
  await call('POST', `/api/sessions/${calledOff.id}/cancel`, hostAuth.token, { reason: 'Ill' });
  for (const until = Date.now() + TIMEOUT; ;) {
    const mine = await call('GET', '/api/me/unread', guestAuth.token);
    if (mine.length === 6) break;
    check(Date.now() < until, `the server lists the guest's six sessions: ${JSON.stringify(mine)}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  await desktop.page.reload();
  await openMySessions(desktop.page, 6);
  const rows = await desktop.page.getByTestId('my-session').evaluateAll(items => items.map(item => [item.dataset.sessionId, item.textContent]));
  const order = rows.map(([id]) => id);
  const expected = [live.id, far.id, hidden.id, calledOff.id, neverBegan.id, ended.id];
  check(JSON.stringify(order) === JSON.stringify(expected), `on now and next first, then what is over, latest first: ${rows.map(([, text]) => text).join(' | ')}`);
  const said = Object.fromEntries(rows);
  check(said[live.id].includes('Live now'), `the live one says so: ${said[live.id]}`);
  check(said[ended.id].includes('Ended'), `the ended one says so: ${said[ended.id]}`);
  check(said[calledOff.id].includes('Cancelled'), `the cancelled one says so: ${said[calledOff.id]}`);
  check(said[neverBegan.id].includes('Ended before it began'), `one its host ended before its start never ran: ${said[neverBegan.id]}`);
  check(said[far.id].includes('Starts in'), `one to come says when it starts: ${said[far.id]}`);
  await shot(desktop.page, 'my-sessions-over-and-live');

  // Signed out, nobody's sessions are offered.
  const visitor = await openAs('visitor', PHONE);
  check(!(await visitor.page.getByTestId('mine-button').isVisible()), 'no "My sessions" signed out');
});
