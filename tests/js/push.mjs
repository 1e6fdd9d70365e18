// Web Push on the page, in real Chromium, at 390 and 1280 px: "Notify me on this device" shows only to someone signed
// in, asks the browser's permission only when clicked, says when the browser blocks it, says so next to the control
// when the browser cannot reach its push service (Chromium's needs the internet, which the tests do not have), and the
// service worker shows a push it is given (delivered through the DevTools protocol, as a push service would) as a
// system notification with the page to open. Usage: node push.mjs BASE_URL SCREENSHOT_DIR PREFIX.
import { DESKTOP, PHONE, TIMEOUT, check, launch, menu, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const origin = new URL(baseUrl).origin;

async function register(name) {
  const username = name + Math.random().toString(36).slice(2, 8);
  const answer = await fetch(new URL('/api/auth/register', baseUrl), {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: `${username}@example.com`, username, displayName: name, password: 'correct horse battery' }),
  });
  check(answer.status === 201, `signed up (${answer.status})`);
  return answer.json();
}

async function openInbox(page) {
  await menu(page);
  await page.getByTestId('bell').click();
  await page.getByTestId('inbox-dialog').waitFor({ state: 'visible', timeout: TIMEOUT });
}

await story(async () => {
  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    // Signed out: nothing to turn on.
    const visitor = await openAs(`visitor-${size}`, viewport);
    check(await visitor.page.locator('#push-section').evaluate(section => section.hidden), 'no push control while signed out');
    await visitor.context.close();

    const person = await openAs(`reader-${size}`, viewport, { signedInAs: await register('Reader') });
    const { page, context } = person;
    const posted = [];
    page.on('request', request => { if (request.url().endsWith('/api/me/push-subscriptions')) posted.push(request.method()); });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: TIMEOUT });
    await openInbox(page);
    await page.getByTestId('push-button').waitFor({ state: 'visible', timeout: TIMEOUT });
    await waitForText(page, 'push-state', 'Off on this device.');
    check(await page.evaluate(() => Notification.permission) === 'default', 'the page has not asked for the permission on its own');
    await shot(page, `${size}-push-off`);

    // The browser blocks notifications for the site: the control says so, and where to change it.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Browser.setPermission', { permission: { name: 'notifications' }, setting: 'denied', origin });
    await page.getByTestId('push-button').click();
    await waitForText(page, 'push-state', 'Blocked by the browser');
    await shot(page, `${size}-push-blocked`);

    // Allowed: the click subscribes; offline, Chromium's push service cannot be reached, and the page says so beside it.
    await context.grantPermissions(['notifications'], { origin });
    await page.getByTestId('push-button').click();
    await waitForText(page, 'push-status', 'could not reach its push service');
    await waitForText(page, 'push-state', 'Off on this device.');
    check(await page.evaluate(() => document.getElementById('push-status').classList.contains('error')), 'the refusal looks like one');
    check(posted.length === 0, `nothing is posted without a subscription: ${posted.join(', ')}`);
    await shot(page, `${size}-push-unreachable`);

    // A push reaches the service worker (as the push service would hand it over): it shows it, with the page to open.
    await cdp.send('ServiceWorker.enable');
    const registration = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no service worker registration reported')), TIMEOUT);
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find(r => r.scopeURL.startsWith(origin) && !r.isDeleted);
        if (ours) { clearTimeout(timer); resolve(ours.registrationId); }
      });
    });
    // The push goes to an activated worker: a registration can be reported while its worker is still installing.
    const workerState = await page.evaluate(async () => {
      const worker = (await navigator.serviceWorker.ready).active;
      if (worker.state !== 'activated') await new Promise(resolve => worker.addEventListener('statechange', () => { if (worker.state === 'activated') resolve(); }));
      return worker.state;
    });
    const sessionId = '0195e5a8-7f3c-7cc1-9d9e-2c1f4b2a9e11';
    const push = {
      id: `0195e5a8-7f3c-7cc1-9d9e-2c1f4b2a9e1${size === 'phone' ? '2' : '3'}`, kind: 'session_cancelled', title: 'Thermodynamics is cancelled',
      body: 'The host cancelled this session: Flu\nIt was to start Friday 4 December 2026, 23:10 (Europe/Berlin).', url: `/?session=${sessionId}`,
      startTime: '2026-12-04T22:10:00Z',
    };
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: registration, data: JSON.stringify(push) });
    // Asked until it is there (waitForFunction does not wait for an async answer), and read as it is seen.
    let shown = [];
    for (const until = Date.now() + TIMEOUT; shown.length === 0 && Date.now() < until; await page.waitForTimeout(100))
      shown = await page.evaluate(async tag => (await (await navigator.serviceWorker.ready).getNotifications({ tag }))
        .map(n => ({ title: n.title, body: n.body, url: n.data?.url })), push.id);
    check(shown.length === 1, `the service worker (${workerState}, registration ${registration}) shows the push: ${JSON.stringify(shown)}`);
    check(shown[0].title === push.title && shown[0].body === push.body, `the notification says what the push says: ${JSON.stringify(shown)}`);
    check(shown[0].url === push.url, `it opens the session: ${shown[0].url}`);
    await context.close();
  }
});
