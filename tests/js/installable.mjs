// Light and installable, in real Chromium: a signed-out first visit weighs at most 300 KB (no hub client, no chart
// library) with no failed request of ours; the manifest, its icons and the favicon are there; the service worker keeps
// the app shell, so the page opened offline says it is offline instead of failing, and comes back when the network does.
// Usage: node installable.mjs BASE_URL SCREENSHOT_DIR PREFIX. Prints "ok" and exits 0 when every step holds.
import { gzipSync } from 'node:zlib';
import { PHONE, TIMEOUT, check, launch, waitForText } from './lib/browser.mjs';

const [baseUrl, screenshotDir, prefix] = process.argv.slice(2);
const { browser, shot, openAs, story } = await launch(baseUrl, screenshotDir, prefix);
const origin = new URL(baseUrl).origin;

await story(async () => {
  // The first visit: every request of ours, and its body's size gzipped as the published server sends it (a build's
  // server may send it uncompressed while it watches wwwroot for edits; scripts/benchmark.sh page measures the wire).
  const context = await browser.newContext({ viewport: PHONE });
  // Whether the service worker was registered when the page said it was ready: installing it downloads the whole
  // shell, which must wait until the first view is up rather than compete with it on a slow network.
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body?.dataset.ready !== 'true') return;
      observer.disconnect();
      window.workerAtReady = navigator.serviceWorker.getRegistration().then(Boolean);
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
  });
  const page = await context.newPage();
  const bodies = [];
  const failed = [];
  page.on('response', response => {
    if (!response.url().startsWith(origin)) return;
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    else bodies.push(response.body().then(body => ({ path: new URL(response.url()).pathname, bytes: gzipSync(body, { level: 9 }).length }), () => null));
  });
  await page.goto(baseUrl);
  await page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  check(!(await page.evaluate(() => window.workerAtReady)), 'the service worker is registered only after the first view is ready');
  await page.waitForLoadState('networkidle');
  const loaded = (await Promise.all(bodies)).filter(Boolean);
  const bytes = loaded.reduce((sum, { bytes }) => sum + bytes, 0);
  if (process.env.DWM_WEIGHTS) for (const { path, bytes } of loaded) console.error(bytes, path);
  console.error(`first load: ${loaded.length} requests, ${(bytes / 1024).toFixed(1)} KiB gzipped`);
  check(bytes <= 300 * 1024, `a signed-out first load weighs at most 300 KB gzipped (${bytes} bytes)`);
  check(!loaded.some(({ path }) => path.includes('signalr') || path.includes('chart')), `no hub client or chart library before they are needed: ${loaded.map(l => l.path).join(', ')}`);
  check(failed.length === 0, `no request of ours fails: ${failed.join(', ')}`);
  await context.close();

  // Installable: a manifest with icons (a maskable one too), and a favicon.
  const visitor = await openAs('visitor', PHONE);
  const manifest = await visitor.page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
  check(manifest.name === 'DeepWork Map' && manifest.display === 'standalone' && manifest.start_url === '/', 'the manifest names the app and how it opens');
  check(manifest.icons.some(icon => icon.sizes === '512x512' && icon.purpose === 'maskable') && manifest.icons.some(icon => icon.sizes === '192x192'), 'icons of 192 and 512 px, one maskable');
  for (const path of [...manifest.icons.map(icon => icon.src), '/favicon.ico']) {
    const status = await visitor.page.evaluate(async p => (await fetch(p)).status, path);
    check(status === 200, `${path} is served (${status})`);
  }

  // The service worker takes the page and keeps its shell.
  await visitor.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: TIMEOUT });
  await visitor.page.waitForFunction(async () => (await (await caches.open('dwm-shell-v2')).keys()).length > 20, null, { timeout: TIMEOUT });

  // Offline: the page still opens, and says it is offline instead of failing.
  await visitor.context.setOffline(true);
  await visitor.page.reload();
  await visitor.page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  await visitor.page.getByTestId('offline-banner').waitFor({ state: 'visible', timeout: TIMEOUT });
  await waitForText(visitor.page, 'view-status', 'You are offline');
  check(await visitor.page.getByTestId('map').isVisible(), 'the map is there');
  await shot(visitor.page, 'offline');

  // Back online: the banner goes and the sessions load.
  await visitor.context.setOffline(false);
  await visitor.page.getByTestId('offline-banner').waitFor({ state: 'hidden', timeout: TIMEOUT });
  await visitor.page.waitForFunction(() => /sessions? in view/.test(document.querySelector('[data-testid="view-status"]').textContent), null, { timeout: TIMEOUT });
  await shot(visitor.page, 'back-online');
});
