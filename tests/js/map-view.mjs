// The map shows what is on screen: up close a list and markers of the sessions in view, farther out circles that
// count them (a click zooms to them), and at country-and-beyond zoom a plain "zoom in". Signed out, the list comes in the
// map's form (fields=map) and a session opened from it is read in full. Usage: node map-view.mjs BASE_URL SCREENSHOT_DIR
// Prints "ok" and exits 0 when every step holds; otherwise prints the failure and exits 1.
import { TIMEOUT, launch, check, signUp, dismissIntro, openFromList, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);

const suffix = Math.random().toString(36).slice(2, 8);
const viewStatus = page => page.getByTestId('view-status').textContent();
const zoomOut = async (page, times) => {
  for (let i = 0; i < times; i++) {
    await page.locator('.leaflet-control-zoom-out').click();
    await page.waitForTimeout(350);
  }
};

await story(async () => {
  const ada = await openAs('Ada');
  await signUp(ada, 'ada' + suffix, 'Ada');

  // Four sessions a few hundred metres apart in the middle of the map: three in an hour and a half, one live now.
  await ada.page.evaluate(async () => {
    for (let i = 0; i < 4; i++) {
      const response = await fetch('/api/sessions', {
        method: 'POST',
        headers: { Authorization: `Bearer ${sessionStorage.getItem('dwm.token')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: `Reading group ${i + 1}`, subject: 'Literature', sessionType: 'discussion', latitude: 48.8566, longitude: 2.3522 + i * 0.004,
          startTime: new Date(Date.now() + (i < 3 ? 5400000 : 0)).toISOString(), durationMinutes: 90, description: `Chapter ${i + 1} of Middlemarch` }),
      });
      if (!response.ok) throw new Error(`create: ${response.status}`);
    }
  });
  await ada.page.locator('.leaflet-control-zoom-in').click();
  await ada.page.getByTestId('session-item').nth(3).waitFor({ timeout: TIMEOUT });
  await ada.page.waitForFunction(() => document.querySelector('[data-testid="view-status"]').textContent.startsWith('4 sessions in view.'), null, { timeout: TIMEOUT });
  // Markers are coloured by status: green live, purple later; the list says it in words.
  check((await ada.page.locator('path.session-marker[fill="#276749"]').count()) === 1, 'one green (live) marker');
  check((await ada.page.locator('path.session-marker[fill="#553c9a"]').count()) === 3, 'three purple (later) markers');
  check((await ada.page.getByTestId('status-badge').filter({ hasText: 'Live now' }).count()) === 1, 'the live one says "Live now"');
  check((await ada.page.getByTestId('status-badge').filter({ hasText: 'Starting in 1 h' }).count()) === 3, 'the others say when they start');
  // No tile server is in reach here: the page says so and keeps to its outline.
  await ada.page.getByTestId('map-note').filter({ hasText: 'street map cannot load' }).waitFor({ timeout: TIMEOUT });
  check((await ada.page.locator('.leaflet-control-attribution').textContent()).includes('Leaflet'), 'the attribution control is there');
  await shot(ada.page, 'up-close');

  // Signed out, the map asks for its lists in the map's form and draws the same list from it; opening one reads it in full.
  const guest = await openAs('Guest');
  await dismissIntro(guest.page);
  const answered = guest.page.waitForResponse(response => response.url().includes('/api/sessions/in-view'), { timeout: TIMEOUT });
  await guest.page.locator('.leaflet-control-zoom-in').click();
  const viewAnswer = await answered;
  check(new URL(viewAnswer.url()).searchParams.get('fields') === 'map', `the map asks in the map's form: ${viewAnswer.url()}`);
  const firstItem = (await viewAnswer.json()).items[0];
  check(firstItem && !('description' in firstItem) && !('host' in firstItem), `the answer is the map's form: ${JSON.stringify(firstItem)}`);
  await guest.page.waitForFunction(() => document.querySelector('[data-testid="view-status"]').textContent.startsWith('4 sessions in view.'), null, { timeout: TIMEOUT });
  const guestItem = await guest.page.getByTestId('session-item').filter({ hasText: 'Reading group 1' }).textContent();
  check(guestItem.includes('Literature') && guestItem.includes('Discussion') && guestItem.includes('seats free') && guestItem.includes('Starting in 1 h'),
    `the map's form lists subject, type, seats and start: ${guestItem}`);
  check((await guest.page.locator('path.session-marker[fill="#276749"]').count()) === 1, 'the guest sees the one live marker');
  await openFromList(guest, 'Reading group 1');
  await waitForText(guest.page, 'session-description', 'Chapter 1 of Middlemarch');
  await shot(guest.page, 'opened-from-the-map-form');

  // From the keyboard, a dot is a button named after its session, and Enter opens that session (not an unnamed stop).
  const dots = guest.page.locator('path.session-marker');
  check((await guest.page.getByRole('button', { name: /^Reading group \d$/ }).count()) === await dots.count(),
    `every dot is a named button: ${await dots.evaluateAll(paths => paths.map(p => `${p.getAttribute('role')} ${p.getAttribute('aria-label')}`).join('; '))}`);
  await guest.page.getByRole('button', { name: 'Reading group 3', exact: true }).focus();
  await guest.page.keyboard.press('Enter');
  await waitForText(guest.page, 'session-description', 'Chapter 3 of Middlemarch');
  await shot(guest.page, 'opened-from-a-dot-by-keyboard');

  // Farther out: one circle counting the three, and no list.
  await zoomOut(ada.page, 6);
  await ada.page.locator('.cluster').filter({ hasText: '4' }).waitFor({ timeout: TIMEOUT });
  check((await viewStatus(ada.page)).includes('4 sessions in view: zoom in'), `the status says to zoom in: ${await viewStatus(ada.page)}`);
  check((await ada.page.getByTestId('session-item').count()) === 0, 'no list while clustered');
  await shot(ada.page, 'clustered');

  // Clicks on the circle zoom in on it, until its sessions are listed.
  for (let click = 0; click < 4 && (await ada.page.getByTestId('session-item').count()) < 4; click++) {
    await ada.page.locator('.cluster').filter({ hasText: '4' }).click();
    await ada.page.waitForFunction(() => !document.querySelector('[data-testid="view-status"]').textContent.startsWith('Could'), null, { timeout: TIMEOUT });
    await ada.page.waitForTimeout(800);
  }
  await ada.page.getByTestId('session-item').nth(3).waitFor({ timeout: TIMEOUT });
  await shot(ada.page, 'zoomed-to-the-cluster');

  // Out beyond a country: the page asks to zoom in instead of searching half the world.
  await zoomOut(ada.page, 12);
  await ada.page.waitForFunction(() => document.querySelector('[data-testid="view-status"]').textContent === 'Zoom in to see the sessions here.', null, { timeout: TIMEOUT });
  await shot(ada.page, 'world');

  // The bundled outline draws the land near the view first and the rest as the map gets there: a traveller's "Near me"
  // in the middle of Australia, far from the map's start in Paris, still lands on land.
  const traveller = await openAs('Traveller');
  await dismissIntro(traveller.page);
  await traveller.page.waitForFunction(landAtCentre, null, { timeout: TIMEOUT });
  await traveller.context.grantPermissions(['geolocation'], { origin: new URL(baseUrl).origin });
  await traveller.context.setGeolocation({ latitude: -23.7, longitude: 133.88 });
  await traveller.page.getByTestId('locate').click();
  await traveller.page.waitForFunction(landAtCentre, null, { timeout: TIMEOUT });
  await shot(traveller.page, 'outline-far-away');
});

/** Whether the outline's canvas shows land (its fill, opaque) at the centre of the map. Runs in the page. */
function landAtCentre() {
  const canvas = document.querySelector('#map .leaflet-overlay-pane canvas');
  if (!canvas) return false;
  const map = document.getElementById('map').getBoundingClientRect();
  const box = canvas.getBoundingClientRect();
  const x = Math.round((map.left + map.width / 2 - box.left) * canvas.width / box.width);
  const y = Math.round((map.top + map.height / 2 - box.top) * canvas.height / box.height);
  const [red, green, blue, alpha] = canvas.getContext('2d').getImageData(x, y, 1, 1).data;
  return alpha === 255 && red === 0xee && green === 0xf3 && blue === 0xe2;
}
