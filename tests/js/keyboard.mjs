// The page from the keyboard, as a screen reader's user meets it: the focus never drops to the page's body after an
// action hides the control it came from; lists redrawn by pushes keep the focused row and add only what is new (so a
// live region reads only the new message); a refused sign-up marks each field and starts at the first; the shared
// timer says its changes once, and its form shows the timer as it is; editing or cancelling a session leaves the focus on
// it, and its locked fields look locked. Ada on a desktop, Ben on a phone.
// Usage: node keyboard.mjs BASE_URL SCREENSHOT_DIR PREFIX. Prints "ok" and exits 0 when every step holds.
import { PHONE, TIMEOUT, apiCaller, check, host, launch, menu, openFromList, signUp, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);

/** What has the keyboard's focus, by its id or test id; "body" when it was lost. */
const focused = page => page.evaluate(() => {
  const active = document.activeElement;
  return !active || active === document.body ? 'body' : active.id || active.dataset.testid || active.tagName;
});

/** Waits for the focus to reach the element of this id or test id; answers what has it (by then, or at the timeout). */
async function focusReaches(page, name) {
  await page.waitForFunction(n => {
    const active = document.activeElement;
    return active && active !== document.body && (active.id || active.dataset.testid) === n;
  }, name, { timeout: TIMEOUT }).catch(() => {});
  return focused(page);
}

/** Presses Enter on a control, as a keyboard does (focus, then the key). */
async function press(page, testId) {
  await page.getByTestId(testId).focus();
  await page.keyboard.press('Enter');
}

await story(async () => {
  const ada = await openAs('Ada');
  const ben = await openAs('Ben', PHONE);

  // A sign-up refused field by field: each field says it is wrong and why, and the first one takes the focus.
  await menu(ada.page);
  await ada.page.getByTestId('signup-button').click();
  await ada.page.getByTestId('signup-username').fill('a');
  await press(ada.page, 'signup-submit');
  await ada.page.waitForFunction(() => document.getElementById('signup-email').getAttribute('aria-invalid') === 'true', null, { timeout: TIMEOUT });
  const marked = await ada.page.evaluate(() => [...document.querySelectorAll('#signup-form input')].map(input =>
    `${input.id}:${input.getAttribute('aria-invalid')}:${document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent.length > 0}`));
  check(marked.includes('signup-email:true:true') && marked.includes('signup-password:true:true'), `the wrong fields are marked and described: ${marked}`);
  check(await focused(ada.page) === 'signup-email', `the first wrong field has the focus: ${await focused(ada.page)}`);
  await shot(ada.page, 'signup-refused');
  await ada.page.getByTestId('signup-dialog').getByRole('button', { name: 'Close' }).click();

  // Signed up, the button it started from is gone: the focus is on the welcome, not lost.
  await signUp(ada, 'ada' + suffix, 'Ada');
  await signUp(ben, 'ben' + suffix, 'Ben');
  // (signUp then closes the first-visit explanation, whose button goes with it: the focus goes on to the list.)
  const afterIntro = await focusReaches(ben.page, 'find-heading');
  check(afterIntro === 'find-heading', `after the explanation the focus is on the list: ${afterIntro}`);

  // Ada hosts a session under way, with a timer; set from the keyboard, the focus goes to the timer it made.
  await host(ada, 'Quiet reading', { subject: 'History', startInMinutes: 0 });
  await ada.page.getByTestId('timer-focus').fill('20');
  await ada.page.getByTestId('timer-cycles').fill('3');
  await press(ada.page, 'timer-set');
  await waitForText(ada.page, 'timer-phase', 'Focus 1 of 3');
  const afterTimer = await focusReaches(ada.page, 'timer-heading');
  check(afterTimer === 'timer-heading', `after setting the timer the focus is on it: ${afterTimer}`);
  check(await ada.page.locator('#timer-heading').evaluate(node => { const box = node.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }),
    'the timer is in view');

  // Ben joins from the keyboard: Join is gone, and the focus is on the next thing to do (check in), the notice read out.
  await openFromList(ben, 'Quiet reading');
  await press(ben.page, 'join-button');
  await waitForText(ben.page, 'session-notice', 'You have a seat');
  const afterJoin = await focusReaches(ben.page, 'check-in-button');
  check(afterJoin === 'check-in-button', `after joining the focus is on checking in: ${afterJoin}`);
  // The host hears the seat taken: the seats are a live region, written when they change (not at every redraw).
  await ada.page.waitForFunction(() => document.getElementById('participant-count').textContent === '2', null, { timeout: TIMEOUT });
  const seatsLine = await ada.page.getByTestId('seats-words').evaluate(node => {
    const line = node.closest('.seats');
    return `${line.getAttribute('aria-live')}: ${line.textContent.replace(/\s+/g, ' ').trim()}`;
  });
  check(seatsLine === 'polite: 8 of 10 seats free (2 of 10 taken)', `the host's seats are read out as they change: ${seatsLine}`);

  // Ada writes; Ben puts the focus on its Report. Ada writes again: Ben's focus stays, and only the new line is added.
  await ada.page.getByTestId('chat-input').fill('Page 12 everyone');
  await ada.page.getByTestId('chat-send').click();
  await ben.page.getByTestId('chat-message').filter({ hasText: 'Page 12 everyone' }).waitFor({ timeout: TIMEOUT });
  await ben.page.getByTestId('report-message').first().focus();
  await ben.page.evaluate(() => {
    window.chatChanges = { added: 0, removed: 0 };
    new MutationObserver(records => records.forEach(record => {
      window.chatChanges.added += record.addedNodes.length;
      window.chatChanges.removed += record.removedNodes.length;
    })).observe(document.getElementById('chat-log'), { childList: true });
  });
  await ada.page.getByTestId('chat-input').fill('Then page 13');
  await ada.page.getByTestId('chat-send').click();
  await ben.page.getByTestId('chat-message').filter({ hasText: 'Then page 13' }).waitFor({ timeout: TIMEOUT });
  check(await focused(ben.page) === 'report-message', `a new message leaves the focus where it was: ${await focused(ben.page)}`);
  const chatChanges = await ben.page.evaluate(() => window.chatChanges);
  check(chatChanges.added === 1 && chatChanges.removed === 0, `the log adds the one new message: ${JSON.stringify(chatChanges)}`);
  const spoken = await ben.page.getByTestId('chat-message').last().evaluate(item => item.textContent);
  check(/^Ada, \d{1,2}:\d\d (AM|PM):Then page 13/.test(spoken), `a message reads as its author, its time, then its words: ${spoken}`);

  // Ada pauses the timer: Ben's page says it once, in words, and Ada's focus goes to Resume, which took Pause's place.
  // The session is drawn again on Ben's page for each; its seats did not change, so their live region is not touched.
  await ben.page.evaluate(() => {
    window.seatWrites = 0;
    new MutationObserver(records => { window.seatWrites += records.length; })
      .observe(document.querySelector('#session-panel .seats'), { childList: true, characterData: true, subtree: true });
  });
  await press(ada.page, 'timer-pause');
  await waitForText(ben.page, 'timer-said', 'Paused: Focus 1 of 3.');
  const afterPause = await focusReaches(ada.page, 'timer-resume');
  check(afterPause === 'timer-resume', `after pausing the focus is on Resume: ${afterPause}`);
  await press(ada.page, 'timer-resume');
  await waitForText(ben.page, 'timer-said', 'Now: Focus 1 of 3.');
  // Ada edits the description: Ben's panel is drawn again from the push, and its unchanged seats are not written again.
  await ada.page.evaluate(async () => {
    const id = new URL(document.getElementById('session-invite-link').value).searchParams.get('session');
    const response = await fetch(`/api/sessions/${id}`, { method: 'PATCH', body: JSON.stringify({ description: 'Bring chapter 4' }),
      headers: { Authorization: `Bearer ${sessionStorage.getItem('dwm.token')}`, 'Content-Type': 'application/json' } });
    if (!response.ok) throw new Error(`edit: ${response.status}`);
  });
  await waitForText(ben.page, 'session-description', 'Bring chapter 4');
  check(await ben.page.evaluate(() => window.seatWrites) === 0, 'redrawing the session does not write its unchanged seats again');
  await shot(ben.page, 'ben-hears-the-timer');

  // Ada edits the session under way from the keyboard: its start and duration are locked, look it, and a line says why.
  // Saved, the form goes, and the focus goes back to Edit.
  await press(ada.page, 'edit-button');
  await ada.page.getByTestId('edit-subject').waitFor({ state: 'visible', timeout: TIMEOUT });
  const looks = await ada.page.evaluate(() => {
    const style = id => { const s = getComputedStyle(document.getElementById(id)); return `${s.backgroundColor} ${s.borderStyle} ${s.color}`; };
    return { open: style('edit-subject'), locked: style('edit-start'), disabled: document.getElementById('edit-start').disabled };
  });
  check(looks.disabled && looks.locked !== looks.open, `the locked start looks unlike an open field: ${JSON.stringify(looks)}`);
  check(await ada.page.getByTestId('edit-fixed').isVisible(), 'a line says why start and duration are locked');
  await shot(ada.page, 'ada-edits-under-way');
  await ada.page.getByTestId('edit-subject').fill('Modern history');
  await press(ada.page, 'edit-save');
  await waitForText(ada.page, 'session-notice', 'Saved');
  const afterEdit = await focusReaches(ada.page, 'edit-button');
  check(afterEdit === 'edit-button', `after saving the edit the focus is on Edit: ${afterEdit}`);

  // After a reload, Ada's timer form shows the timer as set, not its defaults.
  await ada.page.reload();
  await openFromList(ada, 'Quiet reading');
  await ada.page.getByTestId('timer-cycles').waitFor({ state: 'visible', timeout: TIMEOUT });
  await ada.page.waitForFunction(() => document.getElementById('timer-cycles').value === '3', null, { timeout: TIMEOUT });
  check(await ada.page.getByTestId('timer-focus').inputValue() === '20', 'the form shows the timer as set');
  // Escape closes the session as its Close does, back to its card; typed into a field, Escape leaves the field alone.
  await ada.page.getByTestId('timer-focus').focus();
  await ada.page.keyboard.press('Escape');
  await ada.page.waitForTimeout(300);
  check(await ada.page.getByTestId('session-panel').isVisible(), 'Escape in a field does not close the session');
  await ada.page.locator('#session-title').focus();
  await ada.page.keyboard.press('Escape');
  await ada.page.getByTestId('session-panel').waitFor({ state: 'hidden', timeout: TIMEOUT });
  const escapedTo = await ada.page.evaluate(() => document.activeElement?.closest('[data-testid="session-item"]')?.textContent ?? document.activeElement?.id);
  check(String(escapedTo).includes('Quiet reading'), `Escape closes the session, back to its card: ${escapedTo}`);
  check(!new URL(ada.page.url()).searchParams.has('session'), `and the address names no session: ${ada.page.url()}`);

  // Ben leaves from the keyboard, then goes back to the list: the focus follows, to the notice, then to the card.
  await press(ben.page, 'leave-button');
  await ben.page.getByTestId('join-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  const afterLeave = await focusReaches(ben.page, 'join-button');
  check(afterLeave === 'join-button', `after leaving the focus is on Join: ${afterLeave}`);
  await press(ben.page, 'session-close');
  await ben.page.getByTestId('session-list').waitFor({ state: 'visible', timeout: TIMEOUT });
  const card = await ben.page.evaluate(() => document.activeElement?.closest('[data-testid="session-item"]')?.textContent ?? document.activeElement?.id);
  check(String(card).includes('Quiet reading'), `back on the list the focus is on the session's card: ${card}`);

  // Someone else joins: the card says so, drawn anew, and the focus stays on it.
  const call = apiCaller(baseUrl);
  const cy = await call('POST', '/api/auth/register', null,
    { email: `cy${suffix}@example.com`, username: `cy${suffix}`, displayName: 'Cy', password: 'correct horse battery' });
  const id = await ben.page.evaluate(() => document.activeElement.closest('[data-testid="session-item"]').dataset.sessionId);
  await call('POST', `/api/sessions/${id}/join`, cy.token);
  await ben.page.waitForFunction(i => document.querySelector(`[data-session-id="${i}"]`).textContent.includes('8 of 10 seats free'), id, { timeout: TIMEOUT });
  const stillOn = await ben.page.evaluate(() => document.activeElement?.closest('[data-testid="session-item"]')?.textContent ?? document.activeElement?.tagName);
  check(String(stillOn).includes('8 of 10 seats free'), `the redrawn card keeps the focus: ${stillOn}`);

  // On the phone, a dialog opened from the folded menu gives the focus back to the Menu button.
  await menu(ben.page);
  await ben.page.getByTestId('bell').click();
  await ben.page.getByTestId('inbox-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  await ben.page.keyboard.press('Escape');
  await ben.page.waitForFunction(() => document.activeElement?.id === 'menu-button', null, { timeout: TIMEOUT });

  // Signing out hides the Account button it came from: the focus goes to the page, and live updates are not called failed.
  await menu(ben.page);
  await ben.page.getByTestId('account-button').click();
  await press(ben.page, 'auth-logout');
  const afterSignOut = await focusReaches(ben.page, 'menu-button');
  check(afterSignOut === 'menu-button' && await ben.page.locator('#menu-button').isVisible(), `signed out, the focus is on the visible Menu: ${afterSignOut}`);
  // The server closes this device's connection too: that is not a failure to report.
  await ben.page.waitForTimeout(2000);
  check(!(await ben.page.getByTestId('live-status').textContent()).includes('unavailable'), 'signed out, the page does not call live updates failed');
  await shot(ben.page, 'ben-signed-out');

  // Ada cancels a session still to come from the keyboard: the form and her buttons go, the focus to the session's title.
  await host(ada, 'Spare hour', { subject: 'History', startInMinutes: 60 });
  await press(ada.page, 'cancel-button');
  await ada.page.getByTestId('cancel-reason').fill('Room taken');
  await press(ada.page, 'cancel-confirm');
  await waitForText(ada.page, 'session-notice', 'Cancelled');
  const afterCancel = await focusReaches(ada.page, 'session-title');
  check(afterCancel === 'session-title', `after cancelling the focus is on the session's title: ${afterCancel}`);
  await shot(ada.page, 'ada-cancelled');
});
