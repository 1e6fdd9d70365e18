// Installable and offline: the service worker (/sw.js) keeps the app shell, so the page opens without a network
// and says it is offline. It also shows Web Push notifications (push.js turns them on).

/** Registered once the page is up: installing fetches the whole shell, which must not compete with the first view. */
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const idle = window.requestIdleCallback ?? ((/** @type {() => void} */ run, /** @type {unknown} */ _options) => setTimeout(run, 1000));
  idle(() => navigator.serviceWorker.register('/sw.js').catch(() => { /* a private window or an old browser: the page works without */ }), { timeout: 5000 });
}
