// The web page in real Chromium (Debian's, driven by playwright-core): Ada on a desktop and Ben on a phone find,
// host, join, chat and end a session, with no reload; a private session's invite link; reporting, blocking and
// removing; signing out; downloading and deleting an account. Usage: node web-page.mjs BASE_URL SCREENSHOT_DIR PREFIX
// Prints "ok" and exits 0 when every step holds; otherwise prints the failure and exits 1.
import { readFileSync } from 'node:fs';
import { PHONE, TIMEOUT, check, confirm, dismissIntro, host, launch, menu, openFromList, openHostForm, signUp, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);

const suffix = Math.random().toString(36).slice(2, 8);
const xss = '<img src=x onerror=alert(1)>';
/** Whether an element is on screen without scrolling. */
const onScreen = async (page, testId) => {
  const box = await page.getByTestId(testId).boundingBox();
  const { height } = page.viewportSize();
  return box !== null && box.y >= 0 && box.y + box.height <= height;
};

await story(async () => {
  const a = await openAs('Ada');
  const b = await openAs('Ben', PHONE);
  // A first visit says what the map is; the header holds buttons, never a form.
  check(await a.page.getByTestId('intro').isVisible(), 'a first visit explains the map');
  check((await a.page.locator('header input').count()) === 0, 'no form in the header');
  await shot(a.page, 'a-arrives-anonymous');
  await shot(b.page, 'b-arrives-on-a-phone');

  // Signing in and creating an account are two dialogs; a wrong password is said beside the form.
  await a.page.getByTestId('signin-button').click();
  await a.page.getByTestId('signin-login').fill('nobody' + suffix);
  await a.page.getByTestId('signin-password').fill('not the password');
  await a.page.getByTestId('signin-submit').click();
  await waitForText(a.page, 'auth-error', 'do not match');
  await shot(a.page, 'a-sign-in-refused');
  await a.page.getByTestId('signin-dialog').getByRole('button', { name: 'Close' }).click();
  await signUp(a, 'ada' + suffix, 'Ada');
  await signUp(b, 'ben' + suffix, 'Ben');
  check((await a.page.getByTestId('page-notice').textContent()).includes('Welcome, Ada'), 'a welcome that looks like success');
  check((await b.page.getByTestId('session-item').count()) === 0, 'Ben starts with an empty list');
  await menu(b.page);
  await shot(b.page, 'b-signed-in-menu-open');
  await b.page.locator('#menu-button').click();

  // Ada's form shows the API's validation messages beside the fields.
  await openHostForm(a.page);
  check((await a.page.getByTestId('create-place').textContent()).includes('centre of the map'), 'the place starts at the map centre');
  await a.page.getByTestId('create-title').fill('   ');
  await a.page.getByTestId('create-subject').fill('Physics');
  await a.page.getByTestId('create-submit').click();
  await a.page.waitForFunction(() => document.getElementById('error-title').textContent.length > 0, null, { timeout: TIMEOUT });
  await shot(a.page, 'a-validation-message');

  // Ada hosts a session at a spot chosen on the map, a little off the centre.
  const box = await a.page.getByTestId('map').boundingBox();
  await a.page.mouse.click(box.x + box.width / 2 + 60, box.y + box.height / 2 - 40);
  await waitForText(a.page, 'create-place', 'the pin on the map');
  await a.page.getByTestId('create-title').fill('Thermodynamics revision');
  await a.page.getByTestId('create-type').selectOption('exam-prep');
  await a.page.getByTestId('create-duration').fill('120');
  await a.page.getByTestId('create-capacity').fill('4');
  await a.page.getByTestId('create-venue-note').fill('2nd floor, window tables');
  await a.page.getByTestId('create-description').fill('Chapter 3: entropy. Bring the problem set.');
  await a.page.getByTestId('create-submit').click();
  await a.page.getByTestId('end-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await a.page.getByTestId('participant-count').textContent()) === '1', 'the host is the first participant');
  check((await a.page.getByTestId('session-status').textContent()).startsWith('Starting in'), 'the status is in words');
  check((await a.page.getByTestId('session-venue').textContent()).includes('window tables'), 'the host sees the exact place and the note');
  check((await a.page.locator('.venue-pin').count()) === 1, 'the host sees a pin at the exact place');
  check(!(await a.page.getByTestId('report-session').isVisible()) && !(await a.page.getByTestId('check-in-button').isVisible()), 'no Report or Check-in for the host');
  await shot(a.page, 'a-hosted-session');

  // Ben sees the marker and the list item appear without a reload.
  const item = b.page.getByTestId('session-item').filter({ hasText: 'Thermodynamics revision' });
  await item.waitFor({ state: 'visible', timeout: TIMEOUT });
  const sessionId = await item.getAttribute('data-session-id');
  check(/^[0-9a-f-]{36}$/.test(sessionId), 'the item carries its session id');
  check((await b.page.locator('path.session-marker').count()) === 1, 'Ben sees one marker');
  check((await item.getByTestId('status-badge').textContent()).startsWith('Starting in'), 'the list says when, in words');
  await shot(b.page, 'b-sees-new-session');

  // Before joining, Ben sees only the approximate area; Join is on screen without scrolling.
  await item.click();
  await b.page.getByTestId('join-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  check(await onScreen(b.page, 'join-button'), 'Join is visible without scrolling on a phone');
  check((await b.page.getByTestId('session-venue').textContent()).includes('within about 550 m of where it is; join to see the exact place'), 'an outsider sees an approximate area');
  check((await b.page.getByTestId('session-description').textContent()).includes('entropy'), 'the description shows to everyone');
  check((await b.page.locator('.venue-pin').count()) === 0, 'an outsider sees no pin');
  check((await b.page.locator('path.session-area').count()) === 1, 'an outsider sees the approximate circle');
  // A public session's own address is there to share, as the host's notice on creating it suggests.
  check((await b.page.getByTestId('session-invite-link').inputValue()) === new URL(`/?session=${sessionId}`, baseUrl).href
    && (await b.page.locator('#session-invite-label').textContent()) === 'Link to this session', 'a public session offers its link to share');
  await shot(b.page, 'b-sees-approximate-place');

  // Someone not signed in sees the session but no names, and is asked to sign in to join.
  const anonymous = await openAs('anonymous', { width: 360, height: 740 });
  await dismissIntro(anonymous.page);
  await openFromList(anonymous, 'Thermodynamics revision');
  await waitForText(anonymous.page, 'session-meta', 'sign in to see who');
  check(!(await anonymous.page.getByTestId('session-panel').textContent()).includes('Ada'), 'an anonymous visitor sees no names');
  check((await anonymous.page.getByTestId('join-button').textContent()) === 'Sign in to join', 'an anonymous visitor is asked to sign in to join');
  await shot(anonymous.page, 'anonymous-sees-no-names');
  await anonymous.page.getByTestId('join-button').click();
  await waitForText(anonymous.page, 'signin-dialog', 'to join this session');
  await shot(anonymous.page, 'anonymous-asked-to-sign-in');
  check(anonymous.problems.length === 0, anonymous.problems.join('; '));
  await anonymous.context.close();

  // Ben joins and sees the exact place; Ada sees him arrive.
  await b.page.getByTestId('join-button').click();
  await b.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  await waitForText(b.page, 'session-venue', 'window tables');
  // The notice comes once the join's subscribe has answered too.
  await b.page.locator('[data-testid="session-notice"].success').waitFor({ timeout: TIMEOUT });
  check((await b.page.locator('.venue-pin').count()) === 1, 'a participant sees the pin');
  await a.page.waitForFunction(() => document.querySelector('[data-testid="participant-count"]').textContent === '2', null, { timeout: TIMEOUT });
  await a.page.getByTestId('participant').filter({ hasText: 'Ben' }).waitFor({ timeout: TIMEOUT });
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

  // Older history loads on scroll: after 58 more messages, a reopened panel shows the newest 50, and scrolling to the
  // top of the chat brings back the first ones.
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
  await openFromList(b, 'Thermodynamics revision');
  await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="chat-message"]').length === 50, null, { timeout: TIMEOUT });
  check((await b.page.getByTestId('chat-message').filter({ hasText: 'Chapter 3 first?' }).count()) === 0, 'the first message is not among the newest 50');
  await b.page.locator('#chat-log').evaluate(log => { log.scrollTop = 0; log.dispatchEvent(new Event('scroll')); });
  await b.page.getByTestId('chat-message').filter({ hasText: 'Chapter 3 first?' }).waitFor({ timeout: TIMEOUT });
  check((await b.page.getByTestId('chat-message').count()) === 61, 'all 61 messages after loading the older ones');
  await shot(b.page, 'b-history-loaded-on-scroll');

  // Ada ends the session, after a confirmation that says what ending does; it leaves Ben's map and list.
  await a.page.getByTestId('end-button').click();
  await shot(a.page, 'a-confirms-the-end');
  await confirm(a.page, 'Ending finishes the session now');
  await b.page.getByTestId('session-item').filter({ hasText: 'Thermodynamics revision' }).waitFor({ state: 'detached', timeout: TIMEOUT });
  check((await b.page.locator('path.session-marker').count()) === 0, 'Ben no longer sees the marker');
  await waitForText(b.page, 'session-status', 'Ended');
  check(!(await b.page.getByTestId('chat-input').isVisible()), 'an ended session takes no messages');
  const ranFor = await b.page.locator('#session-when').textContent();
  // Ended before its start time: it never ran, and says so (it read "Ran from 08:52 PM.", then "Ran from 10:02 PM to 09:02 PM.").
  check(/^Ended before it began \(it was to start .+\)\.$/.test(ranFor), `a session ended before its start says it never ran: "${ranFor}"`);
  await shot(b.page, 'b-session-ended');

  // Ada hosts a private session: it shows on nobody's map; she copies its invite link, which opens it for Ben.
  await a.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
  await openHostForm(a.page);
  await a.page.getByTestId('create-title').fill('Moot court practice');
  await a.page.getByTestId('create-subject').fill('Law');
  await a.page.getByTestId('create-visibility').selectOption('private');
  await a.page.getByTestId('create-submit').click();
  await a.page.getByTestId('session-invite-link').waitFor({ state: 'visible', timeout: TIMEOUT });
  const invite = await a.page.getByTestId('session-invite-link').inputValue();
  check(/[?&]invite=/.test(invite), 'the host sees an invite link');
  await a.page.getByTestId('copy-invite').click();
  await waitForText(a.page, 'session-panel', 'Copied');
  check((await a.page.evaluate(() => navigator.clipboard.readText())) === invite, 'the copy button copies the link');
  await shot(a.page, 'a-private-session-invite');
  check((await b.page.getByTestId('session-item').filter({ hasText: 'Moot court practice' }).count()) === 0, 'a private session is on nobody else\'s list');
  await b.page.goto(invite);
  await b.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await b.page.getByTestId('join-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await b.page.getByTestId('session-title').textContent()) === 'Moot court practice', 'the invite link opens the session');
  check((await b.page.getByTestId('list-notice').textContent()) === '', 'opening an invite link shows no error');
  await b.page.getByTestId('join-button').click();
  await b.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  check(!(await b.page.getByTestId('session-invite-link').isVisible()), 'only the host sees the invite link');
  await shot(b.page, 'b-joined-with-invite');

  // Ben reports a message of Ada's: the dialog shows that message, with no reason chosen for him.
  await a.page.getByTestId('chat-input').fill('A message to report');
  await a.page.getByTestId('chat-send').click();
  const toReport = b.page.getByTestId('chat-message').filter({ hasText: 'A message to report' });
  await toReport.waitFor({ timeout: TIMEOUT });
  await toReport.getByTestId('report-message').click();
  check((await b.page.getByTestId('report-quote').textContent()) === 'A message to report', 'the report shows the message it reports');
  check((await b.page.locator('input[name="report-reason"]:checked').count()) === 0, 'no reason is chosen for the reporter');
  await b.page.getByTestId('report-send').click();
  await waitForText(b.page, 'report-dialog', 'Choose why');
  await b.page.getByLabel('Spam').check();
  await b.page.getByTestId('report-details').fill('keeps posting off-topic');
  await shot(b.page, 'b-reports-a-message');
  await b.page.getByTestId('report-send').click();
  await waitForText(b.page, 'session-notice', 'moderators will look');

  // Ben blocks Ada, after being told what blocking does: her messages no longer reach him, and the page says so.
  await b.page.getByTestId('block-user').click();
  await confirm(b.page, 'will not see each other');
  await b.page.getByRole('button', { name: 'Unblock Ada' }).waitFor({ timeout: TIMEOUT });
  await waitForText(b.page, 'session-notice', 'You blocked Ada');
  await a.page.getByTestId('chat-input').fill('Only Ada sees this');
  await a.page.getByTestId('chat-send').click();
  await a.page.getByTestId('chat-message').filter({ hasText: 'Only Ada sees this' }).waitFor({ timeout: TIMEOUT });
  await b.page.waitForTimeout(800);
  check((await b.page.getByTestId('chat-message').filter({ hasText: 'Only Ada sees this' }).count()) === 0, 'a blocked user\'s message does not reach the blocker');
  await shot(b.page, 'b-blocked-a');

  // The host removes Ben, after a confirmation: he is told at once, loses the chat and cannot join again.
  await a.page.getByTestId('remove-participant').click();
  await confirm(a.page, 'cannot join this session again');
  await waitForText(b.page, 'session-notice', 'removed you');
  check(!(await b.page.getByTestId('chat-input').isVisible()), 'a removed participant has no chat');
  check(!(await b.page.getByTestId('join-button').isVisible()) && !(await b.page.getByTestId('waitlist-button').isVisible()),
    'nor a Join or a line to wait in, which would be refused');
  await shot(b.page, 'b-removed-by-host');

  // Signing out (from the account dialog, through the phone's menu) brings back the sign-in button.
  await menu(b.page);
  await b.page.getByTestId('account-button').click();
  await b.page.getByTestId('auth-logout').click();
  await menu(b.page);
  await b.page.getByTestId('signin-button').waitFor({ state: 'visible', timeout: TIMEOUT });

  // Ada downloads everything held about her, then deletes the account and is signed out.
  await a.page.getByTestId('account-button').click();
  const [download] = await Promise.all([a.page.waitForEvent('download', { timeout: TIMEOUT }), a.page.getByTestId('export-account').click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  check(exported.hostedSessions.length === 2 && exported.messages.some(m => m.content.includes('Chapter 3')), 'the export holds the hosted sessions and the messages');
  await a.page.getByTestId('close-account-password').fill('correct horse battery');
  await shot(a.page, 'a-deletes-account');
  await a.page.getByTestId('close-account-confirm').click();
  await a.page.getByTestId('signin-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  await waitForText(a.page, 'page-notice', 'Your account is deleted');
  check((await a.page.getByTestId('page-notice').getAttribute('class')).includes('success'), 'a deletion that worked looks like success');
  await shot(a.page, 'a-account-deleted');
});
