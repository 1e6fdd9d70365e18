// The web page in real Chromium (Debian's, driven by playwright-core): two people in two browser
// contexts find, host, join, chat and end a session, with no reload. Screenshots of each step go to
// SCREENSHOT_DIR. Usage: node web-page.mjs BASE_URL SCREENSHOT_DIR
// Prints "ok" and exits 0 when every step holds; otherwise prints the failure and exits 1.
import { readFileSync } from 'node:fs';
import { TIMEOUT, launch, check, signUp } from './lib/browser.mjs';

const [baseUrl, screenshotDir] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir);

const suffix = Math.random().toString(36).slice(2, 8);
const xss = '<img src=x onerror=alert(1)>';
await story(async () => {
  const a = await openAs('A');
  const b = await openAs('B');
  await shot(a.page, 'a-arrives-anonymous');
  await signUp(a, 'ada' + suffix, 'Ada');
  await signUp(b, 'ben' + suffix, 'Ben');
  check((await b.page.getByTestId('session-item').count()) === 0, 'B starts with an empty list');
  await shot(b.page, 'b-signed-in-watching');

  // A's form shows the API's validation messages inline.
  await a.page.getByTestId('create-title').fill('   ');
  await a.page.getByTestId('create-subject').fill('Physics');
  await a.page.getByTestId('create-submit').click();
  await a.page.waitForFunction(() => document.getElementById('error-title').textContent.length > 0, null, { timeout: TIMEOUT });
  await shot(a.page, 'a-validation-message');

  // A hosts a session at a spot chosen on the map, a little off the centre.
  const box = await a.page.getByTestId('map').boundingBox();
  await a.page.mouse.click(box.x + box.width / 2 + 60, box.y + box.height / 2 - 40);
  await a.page.getByTestId('create-title').fill('Thermodynamics revision');
  await a.page.getByTestId('create-subject').fill('Physics');
  await a.page.getByTestId('create-type').selectOption('exam-prep');
  await a.page.getByTestId('create-duration').fill('120');
  await a.page.getByTestId('create-capacity').fill('4');
  await a.page.getByTestId('create-venue-note').fill('2nd floor, window tables');
  await a.page.getByTestId('create-description').fill('Chapter 3: entropy. Bring the problem set.');
  await a.page.getByTestId('create-submit').click();
  await a.page.getByTestId('end-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await a.page.getByTestId('participant-count').textContent()) === '1', 'the host is the first participant');
  check((await a.page.getByTestId('session-venue').textContent()).includes('window tables'), 'the host sees the exact place and the note');
  check((await a.page.locator('.venue-pin').count()) === 1, 'the host sees a pin at the exact place');
  await shot(a.page, 'a-hosted-session');

  // B sees the marker and the list item appear without a reload.
  const item = b.page.getByTestId('session-item').filter({ hasText: 'Thermodynamics revision' });
  await item.waitFor({ state: 'visible', timeout: TIMEOUT });
  const sessionId = await item.getAttribute('data-session-id');
  check(/^[0-9a-f-]{36}$/.test(sessionId), 'the item carries its session id');
  check((await b.page.locator('path.session-marker').count()) === 1, 'B sees one marker');
  await shot(b.page, 'b-sees-new-session');

  // Before joining, B sees only the approximate area: no pin, no note.
  await item.click();
  await b.page.getByTestId('join-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await b.page.getByTestId('session-venue').textContent()).includes('within about 550 m of where it is; join to see the exact place'), 'an outsider sees an approximate area');
  check((await b.page.getByTestId('session-description').textContent()).includes('entropy'), 'the description shows to everyone');
  check((await b.page.locator('.venue-pin').count()) === 0, 'an outsider sees no pin');
  check((await b.page.locator('path.session-area').count()) === 1, 'an outsider sees the approximate circle');
  await shot(b.page, 'b-sees-approximate-place');

  // Someone not signed in sees the session but no names, and no participant list.
  const anonymous = await openAs('anonymous');
  const seen = anonymous.page.getByTestId('session-item').filter({ hasText: 'Thermodynamics revision' });
  await seen.waitFor({ state: 'visible', timeout: TIMEOUT });
  await seen.click();
  await anonymous.page.waitForFunction(() => document.getElementById('session-meta').textContent.includes('sign in to see who'), null, { timeout: TIMEOUT });
  check(!(await anonymous.page.locator('#session-panel').textContent()).includes('Ada'), 'an anonymous visitor sees no names');
  check((await anonymous.page.locator('.venue-pin').count()) === 0, 'an anonymous visitor sees no pin');
  await shot(anonymous.page, 'anonymous-sees-no-names');
  check(anonymous.problems.length === 0, anonymous.problems.join('; '));
  await anonymous.context.close();

  // B joins and sees the exact place; A sees the count change.
  await b.page.getByTestId('join-button').click();
  await b.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  await b.page.waitForFunction(() => document.getElementById('session-venue').textContent.includes('window tables'), null, { timeout: TIMEOUT });
  check((await b.page.locator('.venue-pin').count()) === 1, 'a participant sees the pin');
  await a.page.waitForFunction(() => document.querySelector('[data-testid="participant-count"]').textContent === '2', null, { timeout: TIMEOUT });
  await shot(a.page, 'a-sees-b-join');

  // They talk; both see both messages, in order.
  await a.page.getByTestId('chat-input').fill('Welcome! Chapter 3 first?');
  await a.page.getByTestId('chat-send').click();
  await b.page.getByTestId('chat-message').filter({ hasText: 'Chapter 3 first?' }).waitFor({ timeout: TIMEOUT });
  await b.page.getByTestId('chat-input').fill('Sounds good, see you there.');
  await b.page.getByTestId('chat-send').click();
  await a.page.getByTestId('chat-message').filter({ hasText: 'see you there' }).waitFor({ timeout: TIMEOUT });

  // Text stays text: the markup shows literally and runs nothing.
  await b.page.getByTestId('chat-input').fill(xss);
  await b.page.getByTestId('chat-send').click();
  for (const { page } of [a, b]) {
    await page.getByTestId('chat-message').nth(2).waitFor({ timeout: TIMEOUT });
    const texts = await page.getByTestId('chat-message').locator('.content').allTextContents();
    check(JSON.stringify(texts) === JSON.stringify(['Welcome! Chapter 3 first?', 'Sounds good, see you there.', xss]), `both see the three messages in order (got ${JSON.stringify(texts)})`);
    check((await page.locator('#chat-log img').count()) === 0, 'no element was made from a message');
  }
  await shot(a.page, 'a-chat');
  await shot(b.page, 'b-chat-with-literal-markup');

  // Older history loads on scroll: after 57 more messages, a reopened panel shows the newest 50, and
  // scrolling to the top of the chat brings back the first ones.
  const post = (page, from) => page.evaluate(async ({ sessionId, from }) => {
    const token = sessionStorage.getItem('dwm.token');
    for (let i = 0; i < 29; ) {
      const response = await fetch(`/api/sessions/${sessionId}/messages`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ content: `${from} filler ${i}` }),
      });
      if (response.status === 429) { await new Promise(resolve => setTimeout(resolve, 250)); continue; }
      if (response.status !== 201) throw new Error(`posting failed: ${response.status}`);
      i += 1;
    }
  }, { sessionId, from });
  await Promise.all([post(a.page, 'A'), post(b.page, 'B')]);
  await b.page.locator('#session-close').click();
  await b.page.getByTestId('session-item').filter({ hasText: 'Thermodynamics revision' }).click();
  await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="chat-message"]').length === 50, null, { timeout: TIMEOUT });
  check((await b.page.getByTestId('chat-message').filter({ hasText: 'Chapter 3 first?' }).count()) === 0, 'the first message is not among the newest 50');
  await b.page.locator('#chat-log').evaluate(log => { log.scrollTop = 0; log.dispatchEvent(new Event('scroll')); });
  await b.page.getByTestId('chat-message').filter({ hasText: 'Chapter 3 first?' }).waitFor({ timeout: TIMEOUT });
  check((await b.page.getByTestId('chat-message').count()) === 61, 'all 61 messages after loading the older ones');
  await shot(b.page, 'b-history-loaded-on-scroll');

  // A ends the session; it disappears from B's map and list.
  await a.page.getByTestId('end-button').click();
  await b.page.getByTestId('session-item').filter({ hasText: 'Thermodynamics revision' }).waitFor({ state: 'detached', timeout: TIMEOUT });
  check((await b.page.locator('path.session-marker').count()) === 0, 'B no longer sees the marker');
  await b.page.waitForFunction(() => document.getElementById('session-error').textContent.includes('ended'), null, { timeout: TIMEOUT });
  await shot(b.page, 'b-session-ended');

  // A hosts a private session: it shows on nobody's map, and its invite link opens it for B, who joins with it.
  await a.page.locator('#session-close').click();
  await a.page.getByTestId('create-title').fill('Moot court practice');
  await a.page.getByTestId('create-subject').fill('Law');
  await a.page.getByTestId('create-visibility').selectOption('private');
  await a.page.getByTestId('create-submit').click();
  await a.page.getByTestId('session-invite-link').waitFor({ state: 'visible', timeout: TIMEOUT });
  const invite = await a.page.getByTestId('session-invite-link').inputValue();
  check(/[?&]invite=/.test(invite), 'the host sees an invite link');
  await shot(a.page, 'a-private-session-invite');
  await b.page.waitForTimeout(1000);
  check((await b.page.getByTestId('session-item').filter({ hasText: 'Moot court practice' }).count()) === 0, 'a private session is on nobody else\'s list');
  await b.page.goto(invite);
  await b.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await b.page.getByTestId('join-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await b.page.locator('#session-title').textContent()) === 'Moot court practice', 'the invite link opens the session');
  check((await b.page.locator('#live-status').textContent()) === 'Live', 'opening an invite link shows no error');
  check(!(await b.page.locator('#close-account-form').isVisible()), 'the delete-account form stays closed until asked for');
  await b.page.getByTestId('join-button').click();
  await b.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  check(!(await b.page.getByTestId('session-invite-link').isVisible()), 'only the host sees the invite link');
  await shot(b.page, 'b-joined-with-invite');

  // B reports a message of A's to the moderators.
  await a.page.getByTestId('chat-input').fill('A message to report');
  await a.page.getByTestId('chat-send').click();
  const toReport = b.page.getByTestId('chat-message').filter({ hasText: 'A message to report' });
  await toReport.waitFor({ timeout: TIMEOUT });
  await toReport.getByTestId('report-message').click();
  await b.page.getByTestId('report-reason').selectOption('spam');
  await b.page.getByTestId('report-details').fill('keeps posting off-topic');
  await shot(b.page, 'b-reports-a-message');
  await b.page.getByTestId('report-send').click();
  await b.page.waitForFunction(() => document.getElementById('session-error').textContent.includes('moderators will look'), null, { timeout: TIMEOUT });

  // B blocks A: A's messages no longer reach B, live or in history.
  await b.page.getByTestId('block-user').click();
  await b.page.getByRole('button', { name: 'Unblock Ada' }).waitFor({ timeout: TIMEOUT });
  await a.page.getByTestId('chat-input').fill('Only Ada sees this');
  await a.page.getByTestId('chat-send').click();
  await a.page.getByTestId('chat-message').filter({ hasText: 'Only Ada sees this' }).waitFor({ timeout: TIMEOUT });
  await b.page.waitForTimeout(800);
  check((await b.page.getByTestId('chat-message').filter({ hasText: 'Only Ada sees this' }).count()) === 0, 'a blocked user\'s message does not reach the blocker');
  await shot(b.page, 'b-blocked-a');

  // The host removes B: B is told at once, loses the chat and cannot join again.
  await a.page.getByTestId('remove-participant').waitFor({ state: 'visible', timeout: TIMEOUT });
  await a.page.getByTestId('remove-participant').click();
  await b.page.waitForFunction(() => document.getElementById('session-error').textContent.includes('removed you'), null, { timeout: TIMEOUT });
  check(!(await b.page.getByTestId('chat-input').isVisible()), 'a removed participant has no chat');
  await shot(b.page, 'b-removed-by-host');

  // Log out returns to the sign-in form.
  await b.page.getByTestId('auth-logout').click();
  await b.page.getByTestId('auth-login').waitFor({ state: 'visible', timeout: TIMEOUT });

  // A downloads everything held about them, then deletes the account and is signed out.
  const [download] = await Promise.all([a.page.waitForEvent('download', { timeout: TIMEOUT }), a.page.getByTestId('export-account').click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  check(exported.hostedSessions.length === 2 && exported.messages.some(m => m.content.includes('Chapter 3')), 'the export holds the hosted sessions and the messages');
  await a.page.getByTestId('close-account').click();
  await a.page.getByTestId('close-account-password').fill('correct horse battery');
  await shot(a.page, 'a-deletes-account');
  await a.page.getByTestId('close-account-confirm').click();
  await a.page.getByTestId('auth-login').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await a.page.locator('#auth-error').textContent()).includes('deleted'), 'A is told the account is deleted');

  // A phone-width screen: everything reachable, nothing wider than the screen.
  const phone = await openAs('phone', { width: 390, height: 844 });
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  check(await phone.page.getByTestId('map').isVisible(), 'the map shows on a phone');
  check(await phone.page.getByTestId('create-submit').isVisible() || (await phone.page.getByTestId('create-submit').count()) === 1, 'the form is there on a phone');
  await shot(phone.page, 'phone-width');
});
