// Installable and offline: the service worker (/sw.js) keeps the app shell, so the page opens without a network
// and says it is offline. "Notify me on this device" (Web Push) has its place here, shown once the server offers
// a push key in app-config.json (`pushPublicKey`); until then the page does not pretend to offer it.

export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch(() => { /* a private window or an old browser: the page works without */ });
}

/** Whether this device could be told of notifications while the page is closed. */
export function pushOffered(/** @type {AppConfig} */ config) {
  return Boolean(config.pushPublicKey) && 'PushManager' in window && 'serviceWorker' in navigator;
}
