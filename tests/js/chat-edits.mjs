// Messages as chat users expect, in Chromium: a guest (on a phone) sees the unread count of a session they take part in
// on its card, and it clears once they have read the chat; the host (on a desktop) edits a message and deletes another
// after confirming, and the guest's open chat shows "(edited)" and "(message deleted)" live, without a single HTTP
// request; after an edit the focus is back on the message; Edit and Delete go once the 15 minutes have passed, and once
// the session is over. axe at every step, at 390 and 1280 px.
// Usage: node chat-edits.mjs BASE_URL SCREENSHOT_DIR PREFIX. Prints "ok" and exits 0 when every step holds.
import { DESKTOP, PHONE, TIMEOUT, check, confirm, launch, openFromList, apiCaller } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const suffix = Math.random().toString(36).slice(2, 8);

const call = apiCaller(baseUrl);

const register = name => call('POST', '/api/auth/register', null,
  { email: `${name}${suffix}@example.com`, username: `${name}${suffix}`, displayName: name, password: 'correct horse battery' });

/** Waits for the focus to be on this control of the message `seq`; answers where it is then ("body" when lost). */
async function focusInMessage(page, seq, testId) {
  const where = () => page.evaluate(() => {
    const active = document.activeElement;
    return !active || active === document.body ? 'body' : `${active.closest('[data-seq]')?.dataset.seq}:${active.dataset.testid ?? active.tagName}`;
  });
  await page.waitForFunction(([s, t]) => document.activeElement?.matches(`[data-seq="${s}"] [data-testid="${t}"]`), [seq, testId], { timeout: TIMEOUT })
    .catch(() => {});
  return where();
}

const ownButtons = page => page.locator('#chat-log [data-testid="edit-message"], #chat-log [data-testid="delete-message"]').count();

const chatSays = (page, seq, words) => page.waitForFunction(([s, w]) =>
  document.querySelector(`[data-testid="chat-message"][data-seq="${s}"]`)?.textContent.includes(w), [seq, words], { timeout: TIMEOUT });

await story(async () => {
  const hostAuth = await register('Hana');
  const guestAuth = await register('Gus');
  const title = `Organic chemistry ${suffix}`;
  const session = await call('POST', '/api/sessions', hostAuth.token, {
    title, subject: 'Chemistry', sessionType: 'discussion', latitude: 48.8566, longitude: 2.3522,
    startTime: new Date(Date.now() + 30 * 60000).toISOString(), durationMinutes: 60, maxParticipants: 10 });
  await call('POST', `/api/sessions/${session.id}/join`, guestAuth.token);
  await call('POST', `/api/sessions/${session.id}/messages`, hostAuth.token, { content: 'Chapter 4 first?' });
  await call('POST', `/api/sessions/${session.id}/messages`, hostAuth.token, { content: 'Bring the model kit' });

  // Two unread messages show on the session's card in the guest's list.
  const guest = await openAs('guest', PHONE, { signedInAs: guestAuth });
  const badge = guest.page.getByTestId('session-item').filter({ hasText: title }).getByTestId('unread-badge');
  await badge.waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await badge.textContent()) === '2 unread', `the card says 2 unread: ${await badge.textContent()}`);
  await shot(guest.page, 'unread-on-the-card');

  // Reading the chat clears it, and the server agrees (the marker went out once the guest paused reading).
  await openFromList(guest, title);
  await guest.page.waitForSelector('[data-testid="session-panel"][data-live="true"]', { timeout: TIMEOUT });
  await chatSays(guest.page, 2, 'Bring the model kit');
  await guest.page.locator('#chat-log').scrollIntoViewIfNeeded();
  const deadline = Date.now() + TIMEOUT;
  while ((await call('GET', '/api/me/unread', guestAuth.token)).find(u => u.sessionId === session.id).unread !== 0) {
    check(Date.now() < deadline, 'the read marker reaches the server');
    await guest.page.waitForTimeout(250);
  }
  await shot(guest.page, 'chat-read');
  await guest.page.getByTestId('session-close').click();
  await guest.page.getByTestId('session-item').filter({ hasText: title }).waitFor({ state: 'visible', timeout: TIMEOUT });
  check(await badge.count() === 0, 'the badge is gone once read');
  await shot(guest.page, 'unread-cleared');
  await openFromList(guest, title);
  await guest.page.waitForSelector('[data-testid="session-panel"][data-live="true"]', { timeout: TIMEOUT });

  // The host writes from their page; the guest's page is counted from here on.
  const host = await openAs('host', DESKTOP, { path: `/?session=${session.id}`, signedInAs: hostAuth });
  await host.page.waitForSelector('[data-testid="session-panel"][data-live="true"]', { timeout: TIMEOUT });
  const guestRequests = [];
  guest.page.on('request', request => guestRequests.push(`${request.method()} ${request.url()}`));
  await host.page.getByTestId('chat-input').fill('Meet at room 12');
  await host.page.getByTestId('chat-send').click();
  await chatSays(guest.page, 3, 'Meet at room 12');

  // Edit: the words change in place, marked "(edited)", on both pages.
  const third = host.page.locator('[data-testid="chat-message"][data-seq="3"]');
  await third.getByTestId('edit-message').click();
  await third.getByTestId('edit-input').waitFor({ state: 'visible', timeout: TIMEOUT });
  await shot(host.page, 'editing');
  await third.getByTestId('edit-input').fill('Meet at room 14');
  await third.getByTestId('edit-save').click();
  await chatSays(host.page, 3, '(edited)');
  // The edited message is drawn anew: the focus is on its Edit again, not dropped to the page.
  const afterSave = await focusInMessage(host.page, 3, 'edit-message');
  check(afterSave === '3:edit-message', `after saving an edit the focus is on the message's Edit: ${afterSave}`);
  await chatSays(guest.page, 3, 'Meet at room 14');
  await chatSays(guest.page, 3, '(edited)');
  check(!(await guest.page.locator('[data-seq="3"]').textContent()).includes('room 12'), 'the old words are gone from the guest\'s chat');
  await shot(host.page, 'edited');
  await guest.page.locator('#chat-log').scrollIntoViewIfNeeded();
  await shot(guest.page, 'sees-the-edit');

  // An edit given up: the message is back as it was, and so is the focus.
  const first = host.page.locator('[data-testid="chat-message"][data-seq="1"]');
  await first.getByTestId('edit-message').click();
  await first.getByTestId('edit-cancel').click();
  const afterCancel = await focusInMessage(host.page, 1, 'edit-message');
  check(afterCancel === '1:edit-message', `after cancelling an edit the focus is on the message's Edit: ${afterCancel}`);

  // Delete, after a confirmation that says what it does: the message keeps its place, without its words, everywhere.
  await host.page.locator('[data-testid="chat-message"][data-seq="2"]').getByTestId('delete-message').click();
  await host.page.getByTestId('confirm-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  await shot(host.page, 'delete-confirmation');
  await confirm(host.page, 'cannot be undone');
  await chatSays(host.page, 2, '(message deleted)');
  await chatSays(guest.page, 2, '(message deleted)');
  check(!(await guest.page.locator('#chat-log').textContent()).includes('model kit'), 'the deleted words are gone from the guest\'s chat');
  // Others' messages offer no edit or delete.
  check(await guest.page.locator('[data-seq="3"] [data-testid="edit-message"]').count() === 0, 'no edit on another\'s message');
  await guest.page.waitForTimeout(1000);
  await shot(host.page, 'deleted');
  await shot(guest.page, 'sees-the-deletion');
  check(guestRequests.length === 0, `the guest's page made no HTTP request for what was pushed: ${guestRequests.join(', ')}`);

  // Reading the newest, the guest turns the phone: the newest stays in sight (the log's top had stayed put, and the
  // newest went below it). Scrolled up to read, the turn leaves the reader where they were.
  for (const words of ['Page 40 next', 'Then the exercises', 'Break at five', 'Snacks on me']) {
    await call('POST', `/api/sessions/${session.id}/messages`, hostAuth.token, { content: words });
  }
  await guest.page.getByTestId('chat-message').filter({ hasText: 'Snacks on me' }).waitFor({ timeout: TIMEOUT });
  const belowTheFold = () => guest.page.locator('#chat-log').evaluate(log => Math.round(log.scrollHeight - log.scrollTop - log.clientHeight));
  check(await belowTheFold() < 5, `the newest message is in sight: ${await belowTheFold()} px below`);
  await guest.page.setViewportSize({ width: 844, height: 390 });
  // On a busy host the log's resize may come late: waited for, then checked.
  await guest.page.waitForFunction(() => {
    const log = document.getElementById('chat-log');
    return log.scrollHeight > log.clientHeight && log.scrollHeight - log.scrollTop - log.clientHeight < 5;
  }, null, { timeout: TIMEOUT }).catch(() => {});
  check(await guest.page.locator('#chat-log').evaluate(log => log.scrollHeight > log.clientHeight), 'the chat overflows its box in landscape');
  check(await belowTheFold() < 5, `turned to landscape, the newest message is still in sight: ${await belowTheFold()} px below`);
  await guest.page.locator('#chat-log').evaluate(log => { log.scrollTop = 0; });
  await guest.page.setViewportSize({ width: 390, height: 844 });
  await guest.page.waitForTimeout(300);
  check(await guest.page.locator('#chat-log').evaluate(log => log.scrollTop) === 0, 'scrolled up to read, the turn leaves the reader there');
  // And a new message does not pull them down either.
  await guest.page.setViewportSize({ width: 844, height: 390 });
  await guest.page.locator('#chat-log').evaluate(log => { log.scrollTop = 0; });
  await call('POST', `/api/sessions/${session.id}/messages`, hostAuth.token, { content: 'One more thing' });
  await guest.page.getByTestId('chat-message').filter({ hasText: 'One more thing' }).waitFor({ state: 'attached', timeout: TIMEOUT });
  await guest.page.waitForTimeout(300);
  check(await guest.page.locator('#chat-log').evaluate(log => log.scrollTop) === 0, 'scrolled up to read, a new message leaves the reader there');
  // and says it is there: one tap takes them to it.
  await guest.page.getByTestId('chat-newer').waitFor({ state: 'visible', timeout: TIMEOUT });
  await shot(guest.page, 'new-messages-below');
  await guest.page.getByTestId('chat-newer').click();
  check(await belowTheFold() < 5, `"New messages below" takes the reader to the newest: ${await belowTheFold()} px below`);
  check(!(await guest.page.getByTestId('chat-newer').isVisible()), 'and goes');
  await guest.page.setViewportSize({ width: 390, height: 844 });
  await shot(guest.page, 'turned-back');

  // The host's clock runs on past the 15 minutes of every message of theirs: Edit and Delete go, with nothing else
  // happening. (The clock is taken over first, so the page's timer for the end of the window runs on it.)
  await host.page.clock.install();
  const guestWords = await call('POST', `/api/sessions/${session.id}/messages`, guestAuth.token, { content: 'See you there' });
  await chatSays(host.page, guestWords.seq, 'See you there');
  check(await ownButtons(host.page) > 0, 'within the 15 minutes the host may edit and delete');
  // Offline meanwhile: the jump also ends the hub's timeout, and a reconnect's subscribe would set the page's clock back
  // to the server's (where the 15 minutes have not passed), bringing the buttons back before they are counted.
  await host.page.context().setOffline(true);
  await host.page.clock.fastForward('16:00');
  await host.page.waitForFunction(() => !document.querySelector('#chat-log [data-testid="edit-message"]'), null, { timeout: TIMEOUT }).catch(() => {});
  check(await ownButtons(host.page) === 0, `15 minutes on, no Edit or Delete is offered: ${await ownButtons(host.page)} left`);
  await shot(host.page, 'edit-window-over');
  await host.page.context().setOffline(false);

  // The host cancels the session: the guest's message, seconds old, no longer offers Edit or Delete either.
  await chatSays(guest.page, guestWords.seq, 'See you there');
  check(await ownButtons(guest.page) === 2, 'the guest may edit and delete their message');
  // The guest is editing it as the host cancels: the words typed stay until Cancel (they were thrown away, the focus
  // dropped to the page).
  await guest.page.locator(`#chat-log [data-seq="${guestWords.seq}"]`).getByTestId('edit-message').click();
  await guest.page.getByTestId('edit-input').fill('See you there, by the door');
  await call('POST', `/api/sessions/${session.id}/cancel`, hostAuth.token, { reason: 'Room taken' });
  await guest.page.getByTestId('chat-form').waitFor({ state: 'hidden', timeout: TIMEOUT });
  const typed = await guest.page.getByTestId('edit-input').inputValue().catch(() => '(no edit box)');
  check(typed === 'See you there, by the door', `an edit under way outlives the cancellation until it is given up: ${typed}`);
  await guest.page.getByTestId('edit-cancel').click();
  const focusedRow = await guest.page.evaluate(() => document.activeElement?.closest('#chat-log [data-seq]')?.dataset.seq ?? document.activeElement?.tagName);
  check(focusedRow === String(guestWords.seq), `given up, the focus is on the message: ${focusedRow}`);
  await guest.page.waitForFunction(() => !document.querySelector('#chat-log [data-testid="edit-message"]'), null, { timeout: TIMEOUT }).catch(() => {});
  check(await ownButtons(guest.page) === 0, `once the session is cancelled, no Edit or Delete is offered: ${await ownButtons(guest.page)} left`);
  await shot(guest.page, 'cancelled-no-edits');
});
