// The service worker: keeps the app shell so the page opens without a network (and says it is offline). Pages and
// files are asked of the network first, so a new version shows at once; the copy (of the shell, and of whatever else
// the page loaded, such as the hub client once signed in) is used only when the network fails. The API and the hub
// are never cached: what they answer is live or nothing. It also shows Web Push notifications (docs/api.md, "Web
// Push") and opens the session of one that is clicked.
const CACHE = 'dwm-shell-v2';

/**
 * What the page needs to open besides its modules: kept in step with wwwroot by a test (WebPageTests). The modules are
 * the fingerprinted copies the page names (its import map, Web/PageDocument.cs), read from the page as it is cached.
 */
const SHELL = [
  '/', '/app.css', '/app-config.json', '/manifest.webmanifest', '/favicon.ico',
  '/icons/icon.svg', '/icons/icon-192.png',
  '/vendor/leaflet/leaflet.css', '/vendor/leaflet/leaflet.js', '/vendor/topojson/topojson-client.min.js', '/vendor/world-atlas/land-110m.json',
];

/** The page's modules, by the addresses it loads them from: the values of its import map. */
async function modulesOf(/** @type {Cache} */ cache) {
  const page = await cache.match('/');
  const map = (await page?.text())?.match(/<script type="importmap">(.*?)<\/script>/s);
  return map ? Object.values(/** @type {{imports: Record<string, string>}} */ (JSON.parse(map[1])).imports) : [];
}

const worker = /** @type {any} */ (self);

worker.addEventListener('install', (/** @type {any} */ event) => {
  event.waitUntil(caches.open(CACHE)
    .then(async cache => { await cache.addAll(SHELL); await cache.addAll(await modulesOf(cache)); })
    .then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (/** @type {any} */ event) => {
  event.waitUntil(caches.keys()
    .then(names => Promise.all(names.filter(name => name !== CACHE).map(name => caches.delete(name))))
    .then(() => worker.clients.claim()));
});

worker.addEventListener('fetch', (/** @type {any} */ event) => {
  const request = /** @type {Request} */ (event.request);
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/hubs/')) return;
  event.respondWith(fetch(request).then(response => {
    if (response.ok && response.type === 'basic') {
      const copy = response.clone();
      caches.open(CACHE).then(cache => cache.put(request, copy));
    }
    return response;
  }).catch(async () => (await caches.match(request, { ignoreSearch: request.mode === 'navigate' }))
    ?? (request.mode === 'navigate' ? caches.match('/') : Response.error())));
});

/** A push is {id, kind, title, body, url, startTime}; its body already says the start in the reader's zone. */
worker.addEventListener('push', (/** @type {any} */ event) => {
  /** @type {{id?: string, title?: string, body?: string, url?: string}} */
  let push = {};
  try {
    push = event.data ? event.data.json() : {};
  } catch {
    push = { body: event.data?.text() ?? '' };
  }
  event.waitUntil(worker.registration.showNotification(push.title || 'DeepWork Map', {
    body: push.body || '', tag: push.id, icon: '/icons/icon-192.png', badge: '/icons/icon-192.png', data: { url: push.url || '/' },
  }));
});

/** A click opens the notification's page, on this origin only, in a tab already showing it or a new one. */
worker.addEventListener('notificationclick', (/** @type {any} */ event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || '/', location.origin);
  const url = target.origin === location.origin ? target.href : new URL('/', location.origin).href;
  event.waitUntil(worker.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((/** @type {any[]} */ open) => {
    const same = open.find(client => client.url === url);
    return same ? same.focus() : worker.clients.openWindow(url);
  }));
});
