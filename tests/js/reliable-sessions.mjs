// Sessions people can rely on, in real Chromium: a waitlist that seats people when the host adds seats, check-in that
// the host sees, edits that reach participants, a weekly series joined whole, and a cancellation participants cannot
// miss (and the host is told what cancelling means). Ada and Ben on desktops, Cy on a phone.
// Usage: node reliable-sessions.mjs BASE_URL SCREENSHOT_DIR PREFIX. Prints "ok" and exits 0 when every step holds.
import { PHONE, TIMEOUT, apiCaller, check, host, launch, openFromList, signUp, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);

const textOf = (page, testId) => page.getByTestId(testId).textContent();
const suffix = Math.random().toString(36).slice(2, 8);
await story(async () => {
  const ada = await openAs('Ada');
  const ben = await openAs('Ben');
  const cy = await openAs('Cy', PHONE);
  await signUp(ada, 'ada' + suffix, 'Ada');
  await signUp(ben, 'ben' + suffix, 'Ben');
  await signUp(cy, 'cy' + suffix, 'Cy');

  // Ada hosts two seats, starting in 6 minutes (check-in is open from 10 minutes before); Ben takes the other.
  await host(ada, 'Organic chemistry drills', { seats: 2, startInMinutes: 6 });
  await openFromList(ben, 'Organic chemistry drills');
  await ben.page.getByTestId('join-button').click();
  await ben.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });

  // Full: the list and the session say so in words; Cy is offered the waitlist instead of a seat.
  await cy.page.getByTestId('session-item').filter({ hasText: 'Full' }).waitFor({ timeout: TIMEOUT });
  await openFromList(cy, 'Organic chemistry drills');
  await cy.page.getByTestId('waitlist-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await textOf(cy.page, 'session-status')).includes('Full'), 'a full session says "Full"');
  const seatsLine = (await cy.page.locator('.seats').textContent()).replace(/\s+/g, ' ').trim();
  check(seatsLine === 'Full (2 of 2 taken)', `and its seats once: ${seatsLine}`);
  check(!(await cy.page.getByTestId('join-button').isVisible()), 'a full session offers no join button');
  // A double tap, as a hurried thumb makes: one request (there were two).
  const lineRequests = [];
  const countLineRequests = request => { if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/waitlist')) lineRequests.push(request.url()); };
  cy.page.on('request', countLineRequests);
  await cy.page.getByTestId('waitlist-button').dblclick();
  await waitForText(cy.page, 'my-role', 'number 1 on the waitlist');
  cy.page.off('request', countLineRequests);
  check(lineRequests.length === 1, `a double tap on "Join the waitlist" sends one request: ${lineRequests.length}`);
  check(await cy.page.getByTestId('leave-waitlist-button').isVisible(), 'a waiting user can leave the line');
  await waitForText(ada.page, 'waitlist-info', '1 waiting');
  await shot(cy.page, 'cy-waits-for-a-seat');

  // Ben would give his seat to Cy at once by leaving, with no way back but the line: he is asked first, and keeps it.
  await ben.page.getByTestId('leave-button').click();
  await ben.page.getByTestId('confirm-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
  const leaveAsked = await ben.page.getByTestId('confirm-dialog').textContent();
  check(leaveAsked.includes('The person waiting in line gets your seat at once'), `leaving a seat someone waits for is asked first: ${leaveAsked}`);
  await shot(ben.page, 'ben-asked-before-leaving');
  await ben.page.getByTestId('confirm-no').click();
  await ben.page.getByTestId('confirm-dialog').waitFor({ state: 'hidden', timeout: TIMEOUT });
  check((await textOf(ben.page, 'my-role')) === 'You have a seat.' && (await textOf(cy.page, 'my-role')).includes('number 1 on the waitlist'),
    `"Go back" keeps Ben's seat and Cy's place: "${await textOf(ben.page, 'my-role')}", "${await textOf(cy.page, 'my-role')}"`);

  // Ben checks in; Ada, the host, sees it without reloading.
  await ben.page.getByTestId('check-in-button').click();
  await waitForText(ben.page, 'my-role', 'checked in');
  check(!(await ben.page.getByTestId('check-in-button').isVisible()), 'checking in once is enough');
  await ada.page.locator('[data-testid="participant"]').filter({ hasText: 'Ben' }).getByTestId('checked-in').waitFor({ timeout: TIMEOUT });
  check((await ben.page.getByTestId('checked-in').count()) === 0, 'only the host sees who checked in');
  await shot(ada.page, 'ada-sees-ben-checked-in');

  // Ada adds a seat and renames the session: Cy is seated at once and told; Ben sees the new title.
  await ada.page.getByTestId('edit-button').click();
  await ada.page.getByTestId('edit-title').fill('Organic chemistry drills (room 2)');
  await ada.page.getByTestId('edit-capacity').fill('3');
  check(!(await ada.page.getByTestId('edit-series-note').isVisible()), 'a single session\'s edit form says nothing of other weeks');
  await ada.page.getByTestId('edit-venue-note').fill('Room 2, by the windows');
  await shot(ada.page, 'ada-edits');
  await ada.page.getByTestId('edit-save').click();
  await cy.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  // Said beside the session, where "You are in line" was; the seat's notification is the one toast about it.
  await waitForText(cy.page, 'session-notice', 'A seat came free: the exact place and the chat are yours now.');
  await waitForText(cy.page, 'toast', 'You have a seat in Organic chemistry drills (room 2)');
  check(!(await textOf(cy.page, 'toast')).includes('A seat came free'), `one toast for the seat: ${await textOf(cy.page, 'toast')}`);
  // Its words are longer than half a phone's width: the toast takes the width there is, not the half right of the middle.
  check(await cy.page.getByTestId('toast').evaluate(node => node.getBoundingClientRect().width > innerWidth * 0.8),
    `the toast takes the phone's width: ${await cy.page.getByTestId('toast').evaluate(node => Math.round(node.getBoundingClientRect().width))} px`);
  check(await cy.page.getByTestId('chat-input').isVisible(), 'the promoted user can chat');
  // The exact place is theirs now, with a way there in a map that has routes.
  const directions = new URL(await cy.page.getByTestId('venue-directions').getAttribute('href'));
  const venue = await cy.page.getByTestId('session-venue').textContent();
  check(directions.hostname === 'www.openstreetmap.org' && venue.includes(`${directions.searchParams.get('mlat')}, ${directions.searchParams.get('mlon')}`),
    `the exact place opens in OpenStreetMap: ${directions.href} for "${venue}"`);
  await ben.page.waitForFunction(() => document.getElementById('session-title').textContent === 'Organic chemistry drills (room 2)', null, { timeout: TIMEOUT });
  check((await textOf(ada.page, 'participant-count')) === '3', 'three seats taken');
  await waitForText(ben.page, 'session-venue', 'Room 2, by the windows');
  check((await textOf(cy.page, 'session-venue')).includes('Room 2, by the windows'), `the new way to find them reaches the participants: ${await textOf(cy.page, 'session-venue')}`);
  await shot(cy.page, 'cy-promoted');

  // Ada hosts a weekly group on today's weekday, for two weeks; Ben joins every week of it at once.
  const today = await ada.page.evaluate(() => ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][new Date(Date.now() + 20 * 60000).getDay()]);
  await host(ada, 'Weekly stats group', { seats: 5, startInMinutes: 20, repeatDays: [today], weeks: 2 });
  check(await ada.page.getByTestId('session-series').isVisible(), 'the occurrence says it is part of a series');
  await openFromList(ben, 'Weekly stats group');
  await ben.page.getByTestId('series-join-button').click();
  await waitForText(ben.page, 'session-notice', 'You joined 2 weeks');
  check(!(await ben.page.getByTestId('series-join-button').isVisible()), 'joined every week, "Join every week" is not offered again');
  await ben.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  await waitForText(ben.page, 'session-series', 'You are in every week still to come.');
  await shot(ben.page, 'ben-joins-every-week');
  // A reload reads the series: Ben is in every week, so it says so and does not offer them again.
  await ben.page.reload();
  await ben.page.getByTestId('leave-button').waitFor({ state: 'visible', timeout: TIMEOUT });
  await waitForText(ben.page, 'session-series', 'Part of a weekly series. You are in every week still to come.');
  check(!(await ben.page.getByTestId('series-join-button').isVisible()), 'after a reload, "Join every week" is not offered again');

  // Editing one week of the series says it changes that week only.
  await ada.page.getByTestId('edit-button').click();
  await ada.page.getByTestId('edit-series-note').waitFor({ state: 'visible', timeout: TIMEOUT });
  await ada.page.locator('#edit-close').click();

  // Ada calls this week off; the form says what cancelling is (and that ending is something else). Ben sees it
  // marked cancelled with Ada's reason, and it leaves the map.
  await ada.page.getByTestId('cancel-button').click();
  check((await ada.page.locator('#cancel-explained').textContent()).includes('Once it has started it can only be ended'), 'cancelling is told apart from ending');
  await ada.page.getByTestId('cancel-reason').fill('Room double-booked');
  await shot(ada.page, 'ada-cancels');
  await ada.page.getByTestId('cancel-confirm').click();
  await waitForText(ada.page, 'session-notice', 'Cancelled');
  await ben.page.getByTestId('session-cancelled').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await textOf(ben.page, 'session-cancelled')).includes('Room double-booked'), 'the reason shows');
  check((await textOf(ben.page, 'session-status')) === 'Cancelled', 'the status says cancelled');
  check(!(await ben.page.getByTestId('chat-input').isVisible()), 'a cancelled session has no chat box');
  check(!(await ben.page.getByTestId('join-button').isVisible()) && !(await ben.page.getByTestId('check-in-button').isVisible()), 'nothing to join or check in to');
  // What was said before ("You joined 2 weeks") and a seat's present tense are gone; the seats are said as they were.
  check((await textOf(ben.page, 'session-notice')) === '', `the notice of joining every week is gone: "${await textOf(ben.page, 'session-notice')}"`);
  check((await textOf(ben.page, 'my-role')) === 'You had a seat.', `Ben's part is in the past: "${await textOf(ben.page, 'my-role')}"`);
  const cancelledSeats = (await ben.page.locator('.seats').innerText()).replace(/\s+/g, ' ').trim();
  check(cancelledSeats === '2 of 5 seats were taken', `the seats, once and in the past: "${cancelledSeats}"`);
  check((await textOf(ada.page, 'my-role')) === 'You hosted this session.', `Ada's part too: "${await textOf(ada.page, 'my-role')}"`);
  // This week leaves the list; next week stays.
  await ben.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="session-item"]')].filter(item => item.textContent.includes('Weekly stats group')).length === 1, null, { timeout: TIMEOUT });
  check(!(await ada.page.getByTestId('cancel-button').isVisible()) && !(await ada.page.getByTestId('edit-button').isVisible()), 'a cancelled session cannot be edited or cancelled again');
  check((await ada.page.getByTestId('remove-participant').count()) === 0, 'no Remove on a cancelled session');
  check(!(await ada.page.locator('#participants').textContent()).includes('not checked in'), 'no check-in talk on a cancelled session');
  await shot(ben.page, 'ben-sees-cancellation');
  await shot(ada.page, 'ada-after-cancelling');

  // A seat that changes hands while Dee waits second in line: Fay leaves and Eli, first in line, takes her seat. The
  // count stays 2 of 2, so only the line tells Dee's page (she hears no one join or leave): her list says it may be
  // out of date, and asked again it has Eli, not Fay. Her own place in line moved the line too, and said nothing.
  const call = apiCaller(baseUrl);
  const register = name => call('POST', '/api/auth/register', null,
    { email: `${name}${suffix}@example.com`, username: `${name}${suffix}`, displayName: name[0].toUpperCase() + name.slice(1), password: 'correct horse battery' });
  const [gil, fay, eli, deeAuth, hal] = [await register('gil'), await register('fay'), await register('eli'), await register('dee'), await register('hal')];
  const busy = await call('POST', '/api/sessions', gil.token, {
    title: 'Anatomy flashcards', subject: 'Biology', sessionType: 'silent', latitude: 48.8566, longitude: 2.3522,
    startTime: new Date(Date.now() + 30 * 60000).toISOString(), durationMinutes: 60, maxParticipants: 2, waitlistLimit: 5 });
  await call('POST', `/api/sessions/${busy.id}/join`, fay.token);
  await call('POST', `/api/sessions/${busy.id}/waitlist`, eli.token, {});
  const dee = await openAs('Dee', PHONE, { path: `/?session=${busy.id}`, signedInAs: deeAuth });
  await dee.page.locator('#participants').filter({ hasText: 'Fay' }).waitFor({ timeout: TIMEOUT });
  await dee.page.getByTestId('waitlist-button').click();
  await waitForText(dee.page, 'my-role', 'number 2 on the waitlist');
  check(!(await dee.page.getByTestId('participants-stale').isVisible()), 'Dee\'s own place in line says nothing of the list');
  // Hal queues behind her first: the line is as long after the seat changes hands as it was before Hal came.
  await call('POST', `/api/sessions/${busy.id}/waitlist`, hal.token, {});
  await waitForText(dee.page, 'waitlist-info', '3 waiting');
  await call('POST', `/api/sessions/${busy.id}/leave`, fay.token);
  await waitForText(dee.page, 'my-role', 'number 1 on the waitlist');
  await dee.page.getByTestId('participants-stale').waitFor({ state: 'visible', timeout: TIMEOUT });
  check((await textOf(dee.page, 'participants-stale')).includes('a seat changed hands'), 'the list says it may be out of date');
  await shot(dee.page, 'dee-list-may-be-stale');
  await dee.page.getByTestId('participants-again').click();
  await dee.page.locator('#participants').filter({ hasText: 'Eli' }).waitFor({ timeout: TIMEOUT });
  check(!(await dee.page.locator('#participants').textContent()).includes('Fay'), 'asked again, the list has Eli in Fay\'s seat');
  check(!(await dee.page.getByTestId('participants-stale').isVisible()), 'and no longer says it may be out of date');
});
